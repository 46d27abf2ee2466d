/* Calls the library's C scaffolding the way the generated Swift (Kezek.swift) does, so
 * that the Swift side's contract is checked on a machine without Swift:
 *   - the initialisation checks: the scaffolding's contract version and every API
 *     checksum equal the values the Swift file was generated with (checks.inc, extracted
 *     from Kezek.swift by build.sh);
 *   - a call: version() returns a RustBuffer of UTF-8 with status UNIFFI_OK, freed back
 *     through the library.
 * Prints "N passed, N failed" and exits non-zero on a failure. */
#include <stdio.h>
#include <string.h>

#include "KezekFFI.h"

static int passed, failed;

static void check(int ok, const char *what) {
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAILED: %s\n", what);
    }
}

#define CONTRACT(expected) \
    check(ffi_kezek_mobile_uniffi_contract_version() == (expected), "contract version")
#define CHECKSUM(fn, expected) check(fn() == (expected), #fn)

int main(void) {
#include "checks.inc"

    RustCallStatus status = {0};
    RustBuffer v = uniffi_kezek_mobile_fn_func_version(&status);
    check(status.code == 0, "version(): status UNIFFI_OK");
    check(v.len == strlen(EXPECTED_VERSION) && memcmp(v.data, EXPECTED_VERSION, v.len) == 0,
          "version() is the workspace's version");
    ffi_kezek_mobile_rustbuffer_free(v, &status);
    check(status.code == 0, "rustbuffer_free: status UNIFFI_OK");

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
