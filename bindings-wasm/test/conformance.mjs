// Shared helpers of the Node suites: the language-neutral files under tests/conformance/
// and the rule by which an answer matches the expected one (as tests/lib.rs does in Rust).
import { readFileSync } from "node:fs";

const dir = new URL("../../tests/conformance/", import.meta.url);

/** A conformance file, parsed. */
export function load(name) {
  return JSON.parse(readFileSync(new URL(name, dir), "utf8"));
}

/** Equal scalars; arrays of the same length whose items contain the expected ones;
 *  objects with every expected key present with a contained value. */
export function contains(actual, expected) {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => contains(actual[i], e))
    );
  }
  if (expected !== null && typeof expected === "object") {
    return (
      actual !== null &&
      typeof actual === "object" &&
      Object.entries(expected).every(([k, v]) => k in actual && contains(actual[k], v))
    );
  }
  return actual === expected;
}

/** The package's camelCase data back in the files' snake_case shape. */
export function snake(value) {
  if (Array.isArray(value)) return value.map(snake);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase()), snake(v)]),
    );
  }
  return value;
}

/** The files' snake_case data in the package's camelCase shape. */
export function camel(value) {
  if (Array.isArray(value)) return value.map(camel);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), camel(v)]),
    );
  }
  return value;
}

/** `["ok", answer]` or `["error", code, error]`. */
export function outcome(run) {
  try {
    return ["ok", run()];
  } catch (error) {
    if (typeof error?.code !== "string") throw error;
    return ["error", error.code, error];
  }
}
