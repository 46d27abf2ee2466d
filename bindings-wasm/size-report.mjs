// Groups twiggy's CSV (`twiggy top -f csv`) by where the bytes come from; see size-report.sh.
import { readFileSync } from "node:fs";

const lines = readFileSync(process.argv[2], "utf8").trim().split("\n").slice(1);
const rows = lines.map((line) => {
  // Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent; names may be quoted.
  const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  return { name: m[1].replace(/^"|"$/g, "").replaceAll('""', '"'), bytes: Number(m[2]) };
});

/** The first group whose test matches a function's (or section's) name. */
const GROUPS = [
  ["function names (stripped by build.sh)", (n) => n.startsWith('"function names"')],
  ["other custom sections (stripped)", (n) => n.startsWith('"')],
  ["data: built-in calendar, policies, benefits, kk/ru/en texts, strings", (n) => n.startsWith("data segment")],
  ["serde: JSON (de)serialisation of the core's types", (n) => /serde|Visitor|[sS]erialize/.test(n)],
  ["kezek-wasm: binding glue and error map", (n) => /\bkezek_wasm\b/.test(n)],
  ["kezek: the rules", (n) => /\bkezek\b/.test(n)],
  ["chrono", (n) => n.includes("chrono")],
  ["wasm-bindgen, js-sys", (n) => /wasm_bindgen|js_sys/.test(n)],
  ["rand_chacha", (n) => n.includes("rand")],
  ["Rust std: collections, sorting, fmt, floats, allocator, glue", () => true],
];

const sums = new Map(GROUPS.map(([g]) => [g, 0]));
for (const { name, bytes } of rows) {
  const [group] = GROUPS.find(([, test]) => test(name));
  sums.set(group, sums.get(group) + bytes);
}
const total = rows.reduce((s, r) => s + r.bytes, 0);
const shipped = total - sums.get(GROUPS[0][0]) - sums.get(GROUPS[1][0]);
console.log(`with names: ${total} bytes; as shipped (no custom sections): ${shipped} bytes`);
for (const [group, bytes] of [...sums].sort((a, b) => b[1] - a[1])) {
  if (bytes === 0) continue;
  const share = group.includes("stripped") ? "" : `${((100 * bytes) / shipped).toFixed(1)}%`;
  console.log(`${String(bytes).padStart(9)}  ${share.padStart(6)}  ${group}`);
}
