//! uniffi's bindings generator, built from this workspace so that it matches the
//! library's uniffi version (`bash bindings-mobile/build.sh` runs it).

fn main() {
    uniffi::uniffi_bindgen_main();
}
