//! Places as Kotlin/Swift data (`RULES.md §5`, `§8`): kindergartens, bulletins of places,
//! the reports of offer rounds.

use std::sync::Arc;

use kezek::allocation::certificate::Standing;
use kezek::allocation::{
    Bulletin as CoreBulletin, BulletinId, ChoiceCutoff as CoreChoiceCutoff,
    Kindergarten as CoreKindergarten, NewBulletin as CoreNewBulletin,
    RoundReport as CoreRoundReport, Verdict as CoreVerdict,
};
use kezek::application::{ApplicationId, GroupType, Language, QueueKey};
use kezek::LocalizedText;

use crate::types::CivilMoment;

/// A kindergarten: its id, where it is, the languages of its groups.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Kindergarten {
    /// Its id.
    pub id: String,
    /// Its region.
    pub region: String,
    /// Its area (district or city).
    pub area: String,
    /// The languages of its groups.
    pub languages: Vec<Language>,
    /// The kinds of group it has (the catalogue's; a bulletin need not say).
    #[uniffi(default = [])]
    pub group_types: Vec<GroupType>,
}

/// Places a kindergarten publishes for one group type and cohort.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewBulletin {
    /// The kindergarten.
    pub kindergarten: Kindergarten,
    /// The kind of group.
    pub group_type: GroupType,
    /// The birth year of the children.
    pub cohort: i32,
    /// How many places.
    pub places: u32,
}

/// A published bulletin and how many of its places are taken.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Bulletin {
    /// Its id.
    pub id: BulletinId,
    /// The kindergarten.
    pub kindergarten: Kindergarten,
    /// The kind of group.
    pub group_type: GroupType,
    /// The birth year of the children.
    pub cohort: i32,
    /// How many places.
    pub places: u32,
    /// When it was published.
    pub published_at: CivilMoment,
    /// Places taken by directions.
    pub taken: u32,
    /// Whether its places are open to free choice.
    pub open_to_all: bool,
}

/// An application an offer round passed over, and the rules it failed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Skipped {
    /// The application.
    pub id: ApplicationId,
    /// The failed rules' codes.
    pub failed: Vec<String>,
}

/// A direction a round of ranked choices issued (`RULES.md §5a`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Directed {
    /// The application.
    pub id: ApplicationId,
    /// The kindergarten.
    pub kindergarten: String,
    /// The bulletin whose place it takes.
    pub bulletin: BulletinId,
    /// Where the kindergarten stands in the child's ranked choices: 0 for the first.
    pub choice: u32,
    /// Where the child held a direction before, if it moved to a kindergarten it prefers.
    pub moved_from: Option<String>,
}

/// What an offer round did in one pool.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RoundReport {
    /// The queue.
    pub queue: QueueKey,
    /// The bulletin the round ran for.
    pub bulletin: BulletinId,
    /// Applications notified, in order.
    pub offered: Vec<ApplicationId>,
    /// Applications given places from waiting lists.
    pub from_waiting_list: Vec<ApplicationId>,
    /// Applications passed over.
    pub skipped: Vec<Skipped>,
    /// Places still open.
    pub open: u32,
    /// Whether the places were opened to free choice.
    pub opened_to_all: bool,
    /// Directions a round of ranked choices issued, in queue order (`RULES.md §5a`).
    pub directed: Vec<Directed>,
    /// Under ranked choices, the round's certificate as a JSON document: what
    /// `verifyRound` checks and `choiceCutoffs` reads.
    pub certificate: Option<String>,
}

/// A round of ranked choices checked (`RULES.md §5a`): it holds when nothing was found.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Verdict {
    /// Whether the round holds.
    pub holds: bool,
    /// What can be objected to.
    pub findings: Vec<Finding>,
}

/// What a check of a round found: its code (`CERT_PASSED_OVER`…), whom and where it
/// concerns, what it means in kk/ru/en.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Finding {
    /// The finding's stable code.
    pub code: String,
    /// The applications it concerns.
    pub children: Vec<ApplicationId>,
    /// The kindergartens it concerns.
    pub kindergartens: Vec<String>,
    /// What it means.
    pub message: LocalizedText,
}

/// Where a child stood at a kindergarten in a round: its place in the round's order
/// (from 1), and whether a sibling enrolled there put it first.
#[uniffi::remote(Record)]
pub struct Standing {
    pub position: u32,
    pub sibling: bool,
    pub held: bool,
}

/// Why a child did not get a kindergarten it ranked above the one it got.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChoiceCutoff {
    /// The kindergarten.
    pub kindergarten: String,
    /// Its places in the round.
    pub places: u32,
    /// Where the last child given a place there stood; none if nobody was.
    pub last_admitted: Option<Standing>,
    /// Where the child stood there.
    pub own: Standing,
    /// The same in words for its parents.
    pub message: LocalizedText,
}

impl From<&CoreVerdict> for Verdict {
    fn from(v: &CoreVerdict) -> Self {
        Self {
            holds: v.holds,
            findings: v
                .findings
                .iter()
                .map(|f| Finding {
                    code: f.code.to_owned(),
                    children: f.children.clone(),
                    kindergartens: f.kindergartens.iter().map(ToString::to_string).collect(),
                    message: f.message.clone(),
                })
                .collect(),
        }
    }
}

impl From<&CoreChoiceCutoff> for ChoiceCutoff {
    fn from(c: &CoreChoiceCutoff) -> Self {
        Self {
            kindergarten: c.kindergarten.to_string(),
            places: c.places,
            last_admitted: c.last_admitted,
            own: c.own,
            message: c.message.clone(),
        }
    }
}

impl From<&CoreKindergarten> for Kindergarten {
    fn from(k: &CoreKindergarten) -> Self {
        Self {
            id: k.id.to_string(),
            region: k.region.clone(),
            area: k.area.clone(),
            languages: k.languages.clone(),
            group_types: k.group_types.clone(),
        }
    }
}

impl From<Kindergarten> for CoreKindergarten {
    fn from(k: Kindergarten) -> Self {
        Self {
            id: Arc::from(k.id),
            region: k.region,
            area: k.area,
            languages: k.languages,
            group_types: k.group_types,
        }
    }
}

impl From<NewBulletin> for CoreNewBulletin {
    fn from(b: NewBulletin) -> Self {
        Self {
            kindergarten: b.kindergarten.into(),
            group_type: b.group_type,
            cohort: b.cohort,
            places: b.places,
        }
    }
}

impl From<&CoreBulletin> for Bulletin {
    fn from(b: &CoreBulletin) -> Self {
        Self {
            id: b.id,
            kindergarten: (&b.kindergarten).into(),
            group_type: b.group_type,
            cohort: b.cohort,
            places: b.places,
            published_at: b.published_at,
            taken: b.taken,
            open_to_all: b.open_to_all,
        }
    }
}

impl From<&CoreRoundReport> for RoundReport {
    fn from(r: &CoreRoundReport) -> Self {
        Self {
            queue: r.queue.clone(),
            bulletin: r.bulletin,
            offered: r.offered.clone(),
            from_waiting_list: r.from_waiting_list.clone(),
            skipped: r
                .skipped
                .iter()
                .map(|s| Skipped {
                    id: s.id,
                    failed: s.failed.iter().map(|c| (*c).to_owned()).collect(),
                })
                .collect(),
            open: r.open,
            opened_to_all: r.opened_to_all,
            directed: r.directed.iter().map(Directed::from).collect(),
            certificate: r.certificate.as_ref().map(|c| c.to_json()),
        }
    }
}

impl From<&kezek::allocation::Directed> for Directed {
    fn from(d: &kezek::allocation::Directed) -> Self {
        Self {
            id: d.id,
            kindergarten: d.kindergarten.to_string(),
            bulletin: d.bulletin,
            choice: d.choice,
            moved_from: d.moved_from.as_ref().map(ToString::to_string),
        }
    }
}
