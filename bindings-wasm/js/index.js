// The entry of the npm package `kezek`: loads the WebAssembly module (top-level await, so
// `import { Iin } from "kezek"` is ready to use in browsers and in Node), re-exports the
// classes and functions of the core, and the error classes of `errors.js`.
//
// A bug in kezek (a Rust panic) stops the module's call with a trap; every export is
// wrapped so that the trap reaches the caller as an `InternalError` (code `INTERNAL`)
// instead of a `WebAssembly.RuntimeError`, with the module's stack put back as it was.
// Engines stay usable: the next call on an engine rebuilds it as it was before the command
// that trapped (`src/recovery.rs`), as often as traps come. Misuse the generated glue
// detects (a wrong class, a freed object) is a `KezekError` too.

import init, * as wasm from "./kezek_wasm.js";
import { KezekError, __setLanguageError } from "./errors.js";

export * from "./errors.js";

const binary = new URL("./kezek_wasm_bg.wasm", import.meta.url);
/** The module's raw exports: its shadow-stack pointer is one of them. */
let raw;
if (binary.protocol === "file:") {
  // Node reads the file; `fetch` does not take file: URLs there. The module's name is a
  // variable so that bundlers for the browser (esbuild, Vite, webpack) leave it alone.
  const fs = "node:fs/promises";
  /** @type {typeof import("node:fs/promises")} */
  const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ fs);
  raw = await init({ module_or_path: await readFile(binary) });
} else {
  // Beside this file: bundlers that follow `new URL("…", import.meta.url)` (Vite,
  // webpack 5, Parcel) emit the .wasm file with the bundle; with esbuild, copy
  // kezek_wasm_bg.wasm next to the bundle.
  raw = await init({ module_or_path: binary });
}
/**
 * The module's two stack pointers, put back after a trap: the shadow stack of Rust's frames
 * and wasm-bindgen's stack of borrowed JS values (exported by export-globals.mjs).
 * @type {WebAssembly.Global[]}
 */
const stacks = [raw.__stack_pointer, raw.__externref_stack];
const stackTops = () => stacks.map((g) => g.value);

/** The JS type of a value as errors name it (never the value). */
function typeName(/** @type {unknown} */ value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "Date";
  return typeof value;
}

/**
 * What a failed call throws: a `KezekError` for every failure.
 * - A trap (a Rust panic): the shadow stack is put back where it was when the call began
 *   (a trap leaves the frames of the call on it), the trap is counted for the engines'
 *   recovery, and the caller gets `InternalError` (`INTERNAL`).
 * - The generated glue's own checks: an argument that is not an instance of the class
 *   expected is `INPUT_TYPE`; an object used after `free()` is `INPUT_FREED`.
 * @param {unknown} error
 * @param {number[]} sp the stack pointers when the call began
 * @param {unknown[]} args
 * @param {unknown} self
 */
function failure(error, sp, args, self) {
  if (error instanceof WebAssembly.RuntimeError) {
    stacks.forEach((g, i) => (g.value = sp[i]));
    wasm.__trapped();
    return wasm.__internalError(String(error.message));
  }
  if (error instanceof KezekError || !(error instanceof Error)) return error;
  const instance = /^expected instance of (\w+)$/.exec(error.message);
  if (instance) {
    const cls = /** @type {any} */ (wasm)[instance[1]];
    const arg = args.find((a) => !(typeof cls === "function" && a instanceof cls));
    return wasm.__inputTypeError(`${instance[1]} argument`, `a ${instance[1]}`, typeName(arg));
  }
  if (error.message === "null pointer passed to rust") {
    const name = self && typeof self === "object" ? self.constructor.name : "object";
    return wasm.__freedError(name);
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
      const sp = stackTops();
      try {
        return f.apply(this, args);
      } catch (error) {
        throw failure(error, sp, args, this);
      }
    }
  );
}

/**
 * `free()` that always frees: an engine drops its memory first (a call that trapped may
 * still hold the object, and wasm-bindgen then refuses to take it back), and the glue's
 * "borrowed" refusal is then no error: the handle is gone and the memory released.
 * @param {(this: any) => void} free
 */
function freeing(free) {
  /** @this {any} */
  return function () {
    if (typeof this.__release === "function" && this.__wbg_ptr) this.__release();
    try {
      free.call(this);
    } catch (error) {
      if (!(error instanceof Error && /while it was borrowed/.test(error.message))) throw error;
    }
  };
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
      if (typeof d.value === "function") {
        d.value = guarded(target === cls.prototype && name === "free" ? freeing(d.value) : d.value);
      }
      if (d.get) d.get = guarded(d.get);
      if (d.set) d.set = guarded(d.set);
      Object.defineProperty(target, name, d);
    }
  }
  return new Proxy(cls, {
    construct(target, args, newTarget) {
      const sp = stackTops();
      try {
        return Reflect.construct(target, args, newTarget);
      } catch (error) {
        throw failure(error, sp, args, undefined);
      }
    },
  });
}

// A language that is not "kk", "ru" or "en" (setLanguage, messageIn) is kezek's InputError.
__setLanguageError((lang) => /** @type {Error} */ (wasm.__languageError(lang)));

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
export const simulateSweep = guarded(wasm.simulateSweep);
export const withCity = guarded(wasm.withCity);
export const labels = guarded(wasm.labels);
export const showDate = guarded(wasm.showDate);
export const showMoment = guarded(wasm.showMoment);
export const showDeadline = guarded(wasm.showDeadline);

// Node's `util.inspect` shows an IIN masked, as `toString()` does.
Object.defineProperty(wasm.Iin.prototype, Symbol.for("nodejs.util.inspect.custom"), {
  value() {
    return `Iin(${this.masked})`;
  },
});
