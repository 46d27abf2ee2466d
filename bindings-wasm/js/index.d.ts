// Types of the package entry: the classes, functions and data types that wasm-bindgen
// generated from the Rust signatures (`kezek_wasm.d.ts`), and the error classes
// (`errors.d.ts`, generated from the JSDoc of `errors.js`).
export * from "./kezek_wasm.js";
export * from "./errors.js";
