// Exports the .wasm's borrowed-reference stack pointer as `__externref_stack`, so that
// js/index.js can put it back after a trap (a Rust panic), as it does `__stack_pointer`.
//
// wasm-bindgen passes each `&JsValue` argument through a slot of its reference table,
// counting down from 1024 in a global of its own and counting back up when the call
// returns. A trap skips the count back, and after 1,024 panics every call with such an
// argument failed with "table index is out of bounds". wasm-bindgen does not export that
// global; this script adds the export to the file it wrote. It finds the global by its
// shape (the only mutable i32 global initialised to 1024) and refuses to write anything if
// there is not exactly one, so a wasm-bindgen upgrade that changes the scheme fails the
// build instead of the recovery (bindings-wasm/test/hostile.test.mjs: 10^5 panics).
//
//   node export-globals.mjs pkg/kezek_wasm_bg.wasm
import { readFileSync, writeFileSync } from "node:fs";

const NAME = "__externref_stack";
const path = process.argv[2];
const bytes = readFileSync(path);

function leb(buf, at) {
  let value = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const b = buf[i++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return [value, i];
  }
}

function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** The module's sections: id, start of the payload, end. */
const sections = [];
for (let i = 8; i < bytes.length; ) {
  const id = bytes[i];
  const [size, start] = leb(bytes, i + 1);
  sections.push({ id, head: i, start, end: start + size });
  i = start + size;
}

function countImportedGlobals() {
  const s = sections.find((x) => x.id === 2);
  if (!s) return 0;
  let [n, i] = leb(bytes, s.start);
  let globals = 0;
  while (n--) {
    for (let k = 0; k < 2; k++) {
      const [len, j] = leb(bytes, i);
      i = j + len;
    }
    const kind = bytes[i++];
    if (kind === 0) i = leb(bytes, i)[1];
    else if (kind === 1) {
      i++;
      const flags = bytes[i++];
      i = leb(bytes, i)[1];
      if (flags & 1) i = leb(bytes, i)[1];
    } else if (kind === 2) {
      const flags = bytes[i++];
      i = leb(bytes, i)[1];
      if (flags & 1) i = leb(bytes, i)[1];
    } else if (kind === 3) {
      i += 2;
      globals++;
    } else throw new Error(`import kind ${kind}`);
  }
  return globals;
}

const globalSection = sections.find((x) => x.id === 6);
const exportSection = sections.find((x) => x.id === 7);
if (!globalSection || !exportSection) throw new Error("no global or export section");

const candidates = [];
{
  let [n, i] = leb(bytes, globalSection.start);
  for (let index = 0; index < n; index++) {
    const [type, mutable] = [bytes[i], bytes[i + 1]];
    i += 2;
    const init = i;
    while (bytes[i] !== 0x0b) i++;
    const expr = [...bytes.subarray(init, i)];
    i++;
    // i32, mutable, `i32.const 1024` (0x41, LEB128 0x80 0x08)
    if (type === 0x7f && mutable === 1 && expr.join() === [0x41, 0x80, 0x08].join()) {
      candidates.push(index);
    }
  }
}
const exported = new TextDecoder().decode(bytes.subarray(exportSection.start, exportSection.end));
if (exported.includes(NAME)) {
  console.log(`${path}: ${NAME} already exported`);
  process.exit(0);
}
if (candidates.length !== 1) {
  throw new Error(`expected one mutable i32 global set to 1024, found ${candidates.length}`);
}
const globalIndex = countImportedGlobals() + candidates[0];

const [count, entries] = leb(bytes, exportSection.start);
const name = new TextEncoder().encode(NAME);
const payload = Buffer.from([
  ...uleb(count + 1),
  ...bytes.subarray(entries, exportSection.end),
  ...uleb(name.length), ...name, 0x03, ...uleb(globalIndex),
]);
const out = Buffer.concat([
  bytes.subarray(0, exportSection.head),
  Buffer.from([7, ...uleb(payload.length)]),
  payload,
  bytes.subarray(exportSection.end),
]);
new WebAssembly.Module(out); // still valid
writeFileSync(path, out);
console.log(`${path}: global ${globalIndex} exported as ${NAME}`);
