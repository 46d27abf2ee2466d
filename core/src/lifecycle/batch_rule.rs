//! The rules of twins batches (`RULES.md §4`): which one a `link_batch` or `unlink_batch`
//! broke, its code and what a parent reads of it.

use crate::error::ErrorCode;

/// A rule of twins batches (`RULES.md §4`) a command broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BatchRule {
    /// The policy does not link twins (`BATCH_NOT_IN_POLICY`).
    NotInPolicy,
    /// A batch links 2 to 4 children (`BATCH_SIZE`).
    Size,
    /// The children stand in different queues (`BATCH_QUEUE`).
    Queue,
    /// The applications share no applicant (`BATCH_FAMILY`).
    Family,
    /// The births are more than a month apart (`BATCH_BIRTHS`).
    Births,
    /// An application is not standing in the queue (`BATCH_STATE`).
    State,
    /// An application is already in a batch (`BATCH_LINKED`).
    Linked,
    /// The application is in no batch (`BATCH_NOT_LINKED`).
    NotLinked,
}

impl BatchRule {
    /// The error code of a refusal under this rule.
    #[must_use]
    pub fn code(self) -> ErrorCode {
        match self {
            BatchRule::NotInPolicy => ErrorCode::BatchNotInPolicy,
            BatchRule::Size => ErrorCode::BatchSize,
            BatchRule::Queue => ErrorCode::BatchQueue,
            BatchRule::Family => ErrorCode::BatchFamily,
            BatchRule::Births => ErrorCode::BatchBirths,
            BatchRule::State => ErrorCode::BatchState,
            BatchRule::Linked => ErrorCode::BatchLinked,
            BatchRule::NotLinked => ErrorCode::BatchNotLinked,
        }
    }

    /// The kk/ru/en message of each batch rule: what a parent reads, without the code (which
    /// stays in the error's `rule`).
    pub(crate) fn texts(self) -> [&'static str; 3] {
        match self {
            BatchRule::NotInPolicy => [
                "бұл өңірде егіздер бірге жолданбайды: әр бала жолдаманы өз кезегімен алады",
                "в этом регионе близнецов не направляют вместе: каждый ребёнок получает направление в свою очередь",
                "in this region twins are not directed together: each child is directed in its own turn",
            ],
            BatchRule::Size => [
                "бір топқа 2-ден 4-ке дейін бала біріктіріледі (егіздер, үшемдер)",
                "в одну группу объединяют от 2 до 4 детей (близнецы, тройни)",
                "a batch links 2 to 4 children (twins, triplets)",
            ],
            BatchRule::Queue => [
                "егіздер бір кезекте тұруы керек (бір аудан, топ түрі және туған жыл)",
                "близнецы должны стоять в одной очереди (район, вид группы, год рождения)",
                "twins must stand in one queue (area, group type, year of birth)",
            ],
            BatchRule::Family => [
                "өтініштердің ортақ өтініш берушісі болуы керек",
                "у заявлений должен быть общий заявитель",
                "the applications must share an applicant",
            ],
            BatchRule::Births => [
                "егіздердің туған күндерінің арасы бір айдан аспауы керек",
                "даты рождения близнецов должны различаться не более чем на месяц",
                "the children's births must be at most a month apart",
            ],
            BatchRule::Linked => [
                "өтініштердің бірі басқа топқа біріктірілген",
                "одно из заявлений уже объединено в другую группу",
                "one of the applications is already linked in a batch",
            ],
            BatchRule::NotLinked => [
                "бұл өтініш егіздер тобына біріктірілмеген",
                "это заявление не объединено в группу близнецов",
                "this application is not linked in a batch",
            ],
            BatchRule::State => [
                "кезекте тұрған өтініштерді ғана біріктіруге болады",
                "объединить можно только заявления, стоящие в очереди",
                "only applications standing in the queue can be linked",
            ],
        }
    }
}
