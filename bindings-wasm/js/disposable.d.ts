// `Symbol.dispose` for TypeScript programs whose `lib` predates it (es2022 and earlier):
// every class of the package declares `[Symbol.dispose]()`, for `using engine = new
// Engine(…)`. The same declaration as TypeScript's own `esnext.disposable` lib (and
// @types/node's), with which it merges where that lib is present.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}
export {};
