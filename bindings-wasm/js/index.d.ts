// Types of the package entry, exactly what index.js exports.
/// <reference path="./disposable.d.ts" />
// Values: the classes and functions index.js re-exports (each guarded there).
export {
  Iin, WorkCalendar, ProvisionalCalendar, Policy, PolicyBook, Engine, MatchingInstance,
  Matching, SimulationResult, version, defaultCityInput, simulate, simulatePair, simulateSweep,
  withCity, labels,
  showDate, showMoment, showDeadline,
} from "./kezek_wasm.js";
// Types: every data type the Rust signatures and src/types.rs declare, type-only, so the
// generated module's own loaders (`initSync`, `start`, the default init), which index.js
// runs itself and does not export, cannot be imported as values.
export type * from "./kezek_wasm.js";
// The error classes (`errors.d.ts`, generated from the JSDoc of `errors.js`).
export * from "./errors.js";
// Both modules name the portal's languages `Lang` (the same union): this one is the entry's.
export type { Lang } from "./kezek_wasm.js";
