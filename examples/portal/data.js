// The small embedded data set of the portal demo: one district of Akmola region, six
// children already in the queue, two kindergartens with places to publish, and two children
// a parent can try who are not registered yet. The IINs are made up (valid checksums,
// no real person); a real portal loads its data from its own back end.

/** The region and day whose policy the demo runs under (`PolicyBook.policyFor`). */
export const REGION = "akmola";
export const POLICY_DAY = "2025-01-10";

/** The moment the demo opens at: the day before Nauryz, so deadlines skip the holidays. */
export const START_MOMENT = "2025-03-20T15:00";

/** The parent who registered every child of the demo (one family portal account). */
export const APPLICANT = {
  applicantIin: "900101300017",
  address: { region: "akmola", district: "kokshetau" },
  groupType: "general",
  contacts: { email: "ana@mail.kz", phone: "+7 701 123 45 67" },
};

/** Children in the queue, in order of registration. `birthDate` and `sex` are what the
 * state register records: a portal passes them with the application (`RULES.md §1`).
 * `ranks` are the kindergartens the parent ranked, best first, where the region gives
 * places by ranked choices (`?model=ranked`, `RULES.md §5a`): of the child's language. */
export const REGISTERED = [
  { name: "Аружан", childIin: "210308600403", birthDate: "2021-03-08", sex: "female", language: "kazakh", at: "2024-04-01T09:00:00", ranks: ["kg-aqbota", "kg-balapan"] },
  { name: "Тимур", childIin: "210911500613", birthDate: "2021-09-11", sex: "male", language: "russian", at: "2024-04-01T09:30:00", ranks: ["kg-balapan"] },
  {
    name: "Аяру", childIin: "210514600770", birthDate: "2021-05-14", sex: "female", language: "kazakh", at: "2024-05-06T10:00:00",
    benefit: "large_family",
    documents: [{ kind: "large_family_certificate", issuedOn: "2024-01-15" }],
    ranks: ["kg-balapan", "kg-aqbota"],
  },
  { name: "Данияр", childIin: "211225500914", birthDate: "2021-12-25", sex: "male", language: "kazakh", at: "2024-06-10T11:00:00", ranks: ["kg-aqbota", "kg-balapan"] },
  {
    name: "Әлихан", childIin: "210702501050", birthDate: "2021-07-02", sex: "male", language: "kazakh", at: "2024-07-01T09:00:00",
    benefit: "fallen_in_service",
    documents: [{ kind: "death_or_missing_certificate", issuedOn: "2023-05-01" }],
    ranks: ["kg-aqbota"],
  },
  { name: "Әйгерім", childIin: "211119601328", birthDate: "2021-11-19", sex: "female", language: "russian", at: "2024-09-02T09:00:00", ranks: ["kg-balapan"] },
];

/** Children a parent may try who are not registered: one of age, one past preschool age,
 * and one whose IIN (issued under decree №853) encodes no birth date at all. */
export const NOT_REGISTERED = [
  { name: "Нұрәли", childIin: "220217501482", birthDate: "2022-02-17", sex: "male", language: "kazakh" },
  { name: "Камила", childIin: "180423601637", birthDate: "2018-04-23", sex: "female", language: "russian" },
  { name: "Сая", childIin: "220501701845", birthDate: "2022-05-01", sex: "female", language: "kazakh" },
];

/** Kindergartens of the district, with the names a portal shows. */
export const KINDERGARTENS = [
  {
    kindergarten: { id: "kg-balapan", region: "akmola", area: "kokshetau", languages: ["kazakh", "russian"] },
    name: { kk: "«Балапан» балабақшасы", ru: "Детский сад «Балапан»", en: "Balapan kindergarten" },
    places: 2,
  },
  {
    kindergarten: { id: "kg-aqbota", region: "akmola", area: "kokshetau", languages: ["kazakh"] },
    name: { kk: "«Ақбота» балабақшасы", ru: "Детский сад «Акбота»", en: "Aqbota kindergarten" },
    places: 1,
  },
];

/** When the kindergartens join the catalogue parents rank (`?model=ranked`). */
export const CATALOGUE_MOMENT = "2024-03-01T09:00:00";

/** The group type and birth-year cohort the operator publishes places for. */
export const PUBLISH_GROUP = { groupType: "general", cohort: 2021 };
