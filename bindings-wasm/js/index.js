// The entry of the npm package `kezek`: loads the WebAssembly module (top-level await, so
// `import { Iin } from "kezek"` is ready to use in browsers and in Node), re-exports the
// classes and functions of the core, and the error classes of `errors.js`.
//
// A bug in kezek (a Rust panic) stops the module's call with a trap; every export is
// wrapped so that the trap reaches the caller as an `InternalError` (code `INTERNAL`)
// instead of a `WebAssembly.RuntimeError`. Engines stay usable: the next call on an engine
// rebuilds it as it was before the command that trapped (`src/recovery.rs`).

import init, * as wasm from "./kezek_wasm.js";

export * from "./errors.js";

const binary = new URL("./kezek_wasm_bg.wasm", import.meta.url);
if (binary.protocol === "file:") {
  // Node reads the file; `fetch` does not take file: URLs there.
  const { readFile } = await import("node:fs/promises");
  await init({ module_or_path: await readFile(binary) });
} else {
  await init({ module_or_path: binary });
}

/** @param {unknown} error */
function internal(error) {
  if (error instanceof WebAssembly.RuntimeError) {
    return wasm.__internalError(String(error.message));
  }
  return error;
}

/**
 * @template {(...args: any[]) => any} F
 * @param {F} f
 * @returns {F}
 */
function guarded(f) {
  return /** @type {F} */ (
    function (/** @type {any[]} */ ...args) {
      try {
        return f.apply(this, args);
      } catch (error) {
        throw internal(error);
      }
    }
  );
}

/**
 * Wraps, in place, every method, getter and static function of a class, and its
 * constructor through a proxy (`instanceof` still holds).
 * @template {new (...args: any[]) => any} C
 * @param {C} cls
 * @returns {C}
 */
function guardClass(cls) {
  for (const target of [cls.prototype, cls]) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(target))) {
      if (name === "constructor" || name === "prototype" || name === "length" || name === "name") {
        continue;
      }
      if (typeof d.value === "function") d.value = guarded(d.value);
      if (d.get) d.get = guarded(d.get);
      if (d.set) d.set = guarded(d.set);
      Object.defineProperty(target, name, d);
    }
  }
  return new Proxy(cls, {
    construct(target, args, newTarget) {
      try {
        return Reflect.construct(target, args, newTarget);
      } catch (error) {
        throw internal(error);
      }
    },
  });
}

export const Iin = guardClass(wasm.Iin);
export const WorkCalendar = guardClass(wasm.WorkCalendar);
export const ProvisionalCalendar = guardClass(wasm.ProvisionalCalendar);
export const Policy = guardClass(wasm.Policy);
export const PolicyBook = guardClass(wasm.PolicyBook);
export const Engine = guardClass(wasm.Engine);
export const MatchingInstance = guardClass(wasm.MatchingInstance);
export const Matching = guardClass(wasm.Matching);
export const SimulationResult = guardClass(wasm.SimulationResult);
export const version = guarded(wasm.version);
export const defaultCityInput = guarded(wasm.defaultCityInput);
export const simulate = guarded(wasm.simulate);
export const simulatePair = guarded(wasm.simulatePair);

// Node's `util.inspect` shows an IIN masked, as `toString()` does.
Object.defineProperty(wasm.Iin.prototype, Symbol.for("nodejs.util.inspect.custom"), {
  value() {
    return `Iin(${this.masked})`;
  },
});
