// The error classes of kezek. Every error the package throws is a `KezekError` (a real
// `Error`) with a stable `code` ("IIN_CHECKSUM"…), structured `details` (camelCase keys,
// dates as ISO strings, never an unmasked IIN) and its message in Kazakh, Russian and
// English: `message` follows `setLanguage()`, `messageIn(lang)` picks one.
//
//   KezekError
//   ├── InputError                   data of the wrong shape, depth or size: INPUT_FORMAT…
//   │   └── InputTypeError           a value of the wrong type: INPUT_TYPE
//   ├── IinError                     IIN_*
//   ├── CalendarError                CALENDAR_*
//   ├── PolicyError
//   │   ├── PolicyNotFoundError      POLICY_UNKNOWN_REGION, _NOT_IN_FORCE, _UNKNOWN_ID
//   │   └── PolicyInvalidError       POLICY_DUPLICATE, _UNIT, _VALUE, _REGION, _JSON
//   ├── LifecycleError
//   │   ├── ApplicationNotFoundError APPLICATION_UNKNOWN
//   │   ├── CommandRefusedError      REGISTRATION_REFUSED, STATE_FORBIDS, …
//   │   └── SnapshotError            SNAPSHOT_FORMAT, SNAPSHOT_VERSION
//   ├── AllocationError
//   │   ├── BulletinNotFoundError    BULLETIN_UNKNOWN
//   │   ├── KindergartenNotFoundError KINDERGARTEN_UNKNOWN
//   │   └── PlacesRefusedError       PLACE_TAKEN, PLACES_FROZEN, …
//   ├── MatchingError                MATCHING_*
//   ├── SimulationError              SIMULATION_INPUT
//   └── InternalError                INTERNAL: a bug in kezek (a Rust panic)

/** @typedef {"kk" | "ru" | "en"} Lang */

/** @type {readonly Lang[]} */
export const LANGUAGES = Object.freeze(["kk", "ru", "en"]);

/** @type {Lang} */
let current = "en";

/**
 * Chooses the language of every error's `message` from now on.
 * @param {Lang} lang
 */
export function setLanguage(lang) {
  current = checkLanguage(lang);
}

/**
 * The language errors' messages are in.
 * @returns {Lang}
 */
export function getLanguage() {
  return current;
}

/**
 * @param {unknown} lang
 * @returns {Lang}
 */
function checkLanguage(lang) {
  if (!LANGUAGES.includes(/** @type {Lang} */ (lang))) {
    throw languageError(lang);
  }
  return /** @type {Lang} */ (lang);
}

/**
 * Builds the error for a language that is not one of `LANGUAGES`: the package's entry sets
 * it to kezek's `InputError` (`INPUT_TYPE` or `INPUT_FORMAT`) once the module is loaded.
 * @type {(lang: unknown) => Error}
 */
let languageError = () => new TypeError('language must be "kk", "ru" or "en"');

/**
 * @param {(lang: unknown) => Error} make
 * @ignore
 */
export function __setLanguageError(make) {
  languageError = make;
}

/** The base of every kezek error. */
export class KezekError extends Error {
  /**
   * @param {string} code the stable machine code, e.g. `IIN_CHECKSUM`
   * @param {Readonly<Record<Lang, string>>} messages the message in each language
   * @param {Readonly<Record<string, unknown>>} [details] the error's structured fields
   */
  constructor(code, messages, details = {}) {
    super(messages[current]);
    // `message` is read from `messages` in the current language (a getter below).
    delete /** @type {{message?: string}} */ (this).message;
    /** The stable machine code, e.g. `IIN_CHECKSUM`. */
    this.code = code;
    /** The message in each language. */
    this.messages = Object.freeze({ ...messages });
    /** The error's structured fields (ids, dates, counts…); never an unmasked IIN. */
    this.details = Object.freeze({ ...details });
  }

  /** The message in the language chosen with `setLanguage()`. */
  get message() {
    return this.messages[current];
  }

  get name() {
    return this.constructor.name;
  }

  /**
   * The message in `lang`.
   * @param {Lang} lang
   * @returns {string}
   */
  messageIn(lang) {
    return this.messages[checkLanguage(lang)];
  }

  toJSON() {
    return { name: this.name, code: this.code, messages: this.messages, details: this.details };
  }
}

/** Data of the wrong shape, depth or size: a missing field, an unknown enum value. */
export class InputError extends KezekError {}
/** A value of the wrong type (`INPUT_TYPE`). */
export class InputTypeError extends InputError {}
/** An IIN that is not valid (`RULES.md §1`). */
export class IinError extends KezekError {}
/** A date outside the calendar, or calendar data that is not valid (`RULES.md §9`). */
export class CalendarError extends KezekError {}
/** A policy question or policy data the book cannot answer (`RULES.md §10`). */
export class PolicyError extends KezekError {}
/** No such region or policy, or none in force on the date. */
export class PolicyNotFoundError extends PolicyError {}
/** Policy data that is not valid. */
export class PolicyInvalidError extends PolicyError {}
/** An engine command or query refused (`RULES.md §2–§8`). */
export class LifecycleError extends KezekError {}
/** No application with this id. */
export class ApplicationNotFoundError extends LifecycleError {}
/** The rules refuse the command now; the engine is unchanged. */
export class CommandRefusedError extends LifecycleError {}
/** A snapshot that cannot be loaded. */
export class SnapshotError extends LifecycleError {}
/** A bulletin or place command refused (`RULES.md §4–§8`). */
export class AllocationError extends KezekError {}
/** No bulletin with this id. */
export class BulletinNotFoundError extends AllocationError {}
/** No bulletin names this kindergarten. */
export class KindergartenNotFoundError extends AllocationError {}
/** The place cannot be taken, published or waited for now. */
export class PlacesRefusedError extends AllocationError {}
/** A batch-matching instance that is not valid. */
export class MatchingError extends KezekError {}
/** A simulation input that is not valid. */
export class SimulationError extends KezekError {}
/** A bug in kezek (a Rust panic); the call changed nothing, and engines stay usable. */
export class InternalError extends KezekError {}

const CLASSES = {
  InputError,
  InputTypeError,
  IinError,
  CalendarError,
  PolicyNotFoundError,
  PolicyInvalidError,
  ApplicationNotFoundError,
  CommandRefusedError,
  SnapshotError,
  BulletinNotFoundError,
  KindergartenNotFoundError,
  PlacesRefusedError,
  MatchingError,
  SimulationError,
  InternalError,
};

/**
 * Builds an error of the class named `name` (called by the module).
 * @param {string} name
 * @param {string} code
 * @param {string[]} messages kk, ru, en
 * @param {Record<string, unknown>} details
 * @returns {KezekError}
 * @ignore
 */
export function makeError(name, code, messages, details) {
  const Class = CLASSES[/** @type {keyof typeof CLASSES} */ (name)] ?? KezekError;
  const [kk, ru, en] = messages;
  return new Class(code, { kk, ru, en }, details ?? {});
}
