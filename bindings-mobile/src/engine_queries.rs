//! The queries of `Engine` (a second exported block: `engine.rs` holds the commands):
//! applications, states, positions, histories, deadlines, explanations, listings and
//! places. Reads take the engine's lock and change nothing.

use kezek::application::{ApplicationId, QueueKey};
use kezek::lifecycle::{Interest, ListingEntry, QueueStatisticsEntry, StateName};
use kezek::queue::{ClassCounts, Position};

use crate::allocation::{Bulletin, ChoiceCutoff, Directed, Kindergarten, Verdict};
use crate::application::{Application, NewApplication};
use crate::engine::Engine;
use crate::errors::KezekError;
use crate::guard::guarded;
use crate::iin::Iin;
use crate::lifecycle::{Decision, Event, InterestDue, NextDeadline, State};
use crate::types::CivilMoment;
use kezek::allocation::BulletinId;
use kezek::allocation::CheckedCertificate;

#[uniffi::export]
impl Engine {
    /// The application as registered (IINs masked).
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn application(&self, id: ApplicationId) -> Result<Application, KezekError> {
        self.read(|e| e.application(id).map(|a| a.view().into()))
    }

    /// Its state, with the deadlines it runs against.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn state(&self, id: ApplicationId) -> Result<State, KezekError> {
        self.read(|e| e.state(id).map(Into::into))
    }

    /// Its state's name.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn state_name(&self, id: ApplicationId) -> Result<StateName, KezekError> {
        self.read(|e| e.state(id).map(kezek::lifecycle::State::name))
    }

    /// Its queue number and the classes ahead (`None` when not in the queue).
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn position(&self, id: ApplicationId) -> Result<Option<Position>, KezekError> {
        self.read(|e| e.position(id))
    }

    /// Its history, oldest first.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn history(&self, id: ApplicationId) -> Result<Vec<Event>, KezekError> {
        self.read(|e| Ok(e.history(id)?.map(|ev| (&ev).into()).collect()))
    }

    /// Its next deadline, if any.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn next_deadline(&self, id: ApplicationId) -> Result<Option<NextDeadline>, KezekError> {
        self.read(|e| {
            Ok(e.next_deadline(id)?.map(|d| NextDeadline {
                at: d.at,
                kind: d.kind,
            }))
        })
    }

    /// Its queue.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn queue_key(&self, id: ApplicationId) -> Result<QueueKey, KezekError> {
        self.read(|e| e.queue_key(id))
    }

    /// Directions it let lapse.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn lapses(&self, id: ApplicationId) -> Result<u32, KezekError> {
        self.read(|e| e.lapses(id))
    }

    /// Its yearly confirmation of interest.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn interest(&self, id: ApplicationId) -> Result<Interest, KezekError> {
        self.read(|e| e.interest(id))
    }

    /// When interest must next be confirmed; `None` unless it waits in the queue.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn interest_due(&self, id: ApplicationId) -> Result<Option<InterestDue>, KezekError> {
        self.read(|e| Ok(e.interest_due(id)?.map(Into::into)))
    }

    /// The applications offered together with it (itself included).
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn batch(&self, id: ApplicationId) -> Result<Vec<ApplicationId>, KezekError> {
        self.read(|e| e.batch(id))
    }

    /// The applications of an applicant.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn applications_of(&self, applicant: &Iin) -> Result<Vec<ApplicationId>, KezekError> {
        self.read(|e| Ok(e.applications_of(&applicant.0)))
    }

    /// Whether an application may be registered at `at`, and why: every rule checked.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn explain_registration(
        &self,
        application: NewApplication,
        at: CivilMoment,
    ) -> Result<Decision, KezekError> {
        let input = application.into();
        self.read(|e| Ok((&e.explain_registration(&input, at)).into()))
    }

    /// Whether the application may be offered one of `vacancies` places at `at`, and why.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn explain_offer(
        &self,
        id: ApplicationId,
        vacancies: u32,
        at: CivilMoment,
    ) -> Result<Decision, KezekError> {
        self.read(|e| Ok((&e.explain_offer(id, vacancies, at)?).into()))
    }

    /// Whether the application may take one of the places the engine has published, at
    /// `at`, and why (`RULES.md §5`): after a notice, or by free choice.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn explain_take_place(
        &self,
        id: ApplicationId,
        at: CivilMoment,
    ) -> Result<Decision, KezekError> {
        self.read(|e| Ok((&e.explain_take_place(id, at)?).into()))
    }

    /// Whether the application may be removed for age at `at`, and why.
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn explain_removal_for_age(
        &self,
        id: ApplicationId,
        at: CivilMoment,
    ) -> Result<Decision, KezekError> {
        self.read(|e| Ok((&e.explain_removal_for_age(id, at)?).into()))
    }

    /// Every queue with applications.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn queues(&self) -> Result<Vec<QueueKey>, KezekError> {
        self.read(|e| Ok(e.queues().into_iter().cloned().collect()))
    }

    /// A queue in order: numbers, ids, masked IINs, classes.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn listing(&self, queue: QueueKey) -> Result<Vec<ListingEntry>, KezekError> {
        self.read(|e| Ok(e.listing_entries(&queue)))
    }

    /// How many applications of each class wait in a queue.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn counts(&self, queue: QueueKey) -> Result<ClassCounts, KezekError> {
        self.read(|e| Ok(e.counts(&queue)))
    }

    /// Children standing in each queue, by class and by language of instruction, in queue
    /// order: the portals' home-page figures.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn statistics(&self) -> Result<Vec<QueueStatisticsEntry>, KezekError> {
        self.read(|e| Ok(e.statistics_entries()))
    }

    /// Every bulletin published.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn bulletins(&self) -> Result<Vec<Bulletin>, KezekError> {
        self.read(|e| Ok(e.bulletins().iter().map(Into::into).collect()))
    }

    /// A bulletin by id.
    ///
    /// # Errors
    /// `BULLETIN_UNKNOWN`.
    pub fn bulletin(&self, bulletin: BulletinId) -> Result<Bulletin, KezekError> {
        self.read(|e| e.bulletin(bulletin).map(Into::into))
    }

    /// The places a notified application may choose among: the bulletins of its pool with
    /// a free place (`RULES.md §5`).
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn choices(&self, id: ApplicationId) -> Result<Vec<Bulletin>, KezekError> {
        self.read(|e| Ok(e.choices(id)?.into_iter().map(Into::into).collect()))
    }

    /// The kindergartens the application ranks, best first (`RULES.md §5a`).
    ///
    /// # Errors
    /// `APPLICATION_UNKNOWN`.
    pub fn ranked_choices(&self, id: ApplicationId) -> Result<Vec<String>, KezekError> {
        self.read(|e| {
            Ok(e.ranked_choices(id)?
                .iter()
                .map(ToString::to_string)
                .collect())
        })
    }

    /// Checks a round of ranked choices from its certificate (`RoundReport.certificate`),
    /// on the engine restored from the snapshot taken right after the round
    /// (`RULES.md §5a`): nothing over-filled, nobody passed over, no swap left, and the
    /// certificate's choices, sibling priorities, order and directions are the engine's.
    ///
    /// # Errors
    /// `INPUT_FORMAT` for a certificate that cannot be read.
    pub fn verify_round(&self, certificate: &str) -> Result<Verdict, KezekError> {
        let certificate = guarded(|| Ok(CheckedCertificate::from_json(certificate)?))?;
        self.read(|e| Ok((&e.verify_round(&certificate)).into()))
    }

    /// For a child of a round of ranked choices, the cutoff at each kindergarten it
    /// ranked above the one it got, best first, in words for its parents (`RULES.md §5a`).
    ///
    /// # Errors
    /// `INPUT_FORMAT` for a certificate that cannot be read.
    pub fn choice_cutoffs(
        &self,
        certificate: &str,
        id: ApplicationId,
    ) -> Result<Vec<ChoiceCutoff>, KezekError> {
        guarded(|| {
            let certificate = CheckedCertificate::from_json(certificate)?;
            Ok(certificate.cutoffs(id).iter().map(Into::into).collect())
        })
    }

    /// The directions the re-placing at the end of the last accepted command issued, in
    /// order: under ranked choices a place a command gave back goes on at once, along a
    /// chain (a child that moved names where it held one: `moved_from`) (`RULES.md §5a`).
    /// Empty when the last command gave nothing on; a snapshot does not carry it.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn given_on(&self) -> Result<Vec<Directed>, KezekError> {
        self.read(|e| Ok(e.given_on().iter().map(Into::into).collect()))
    }

    /// The catalogue of kindergartens parents rank, by id (`RULES.md §5a`).
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn kindergartens(&self) -> Result<Vec<Kindergarten>, KezekError> {
        self.read(|e| Ok(e.kindergartens().map(Into::into).collect()))
    }

    /// Places open for offers in a queue now.
    ///
    /// # Errors
    /// `INTERNAL` only.
    pub fn open_places(&self, queue: QueueKey) -> Result<u32, KezekError> {
        self.read(|e| Ok(e.open_places(&queue)))
    }
}
