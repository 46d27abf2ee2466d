/* Calls the library's C scaffolding the way the generated Swift (Kezek.swift) does, so
 * that the Swift side's contract is checked on a machine without Swift:
 *   - the initialisation checks: the scaffolding's contract version and every API
 *     checksum equal the values the Swift file was generated with (checks.inc, extracted
 *     from Kezek.swift by build.sh);
 *   - a string: version() returns a RustBuffer of UTF-8, freed back through the library;
 *   - a record: WorkCalendar.kazakhstan().deadline(start, Period(3, .workingDays)), with
 *     the object handle cloned for the call as Swift's uniffiCloneHandle() does, the
 *     Period record written and the Deadline record read in uniffi's big-endian format;
 *   - an error: Iin("21030860040") fails with status CALL_ERROR and a KezekError in the
 *     error buffer: variant 3 (.iin) whose report has the code IIN_LENGTH, the field
 *     found = .count(11) and the three messages;
 *   - a malformed date from Swift: isWorkingDay("20.03.2025") fails with variant 1
 *     (.input, INPUT_FORMAT), naming the argument and the expected form, not echoing the
 *     text.
 * Prints "N passed, N failed" and exits non-zero on a failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "KezekFFI.h"

#define CALL_SUCCESS 0
#define CALL_ERROR 1

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

/* A top-level string argument: its UTF-8 bytes, as Swift's FfiConverterString.lower. */
static RustBuffer lower_string(const char *s) {
    RustCallStatus status = {0};
    ForeignBytes bytes = {(int32_t)strlen(s), (const uint8_t *)s};
    RustBuffer buf = ffi_kezek_mobile_rustbuffer_from_bytes(bytes, &status);
    check(status.code == CALL_SUCCESS, "rustbuffer_from_bytes");
    return buf;
}

static void put_u32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

/* A reader over a serialised RustBuffer (uniffi writes integers big-endian). */
typedef struct { const uint8_t *data; uint64_t len, at; } Reader;

static uint64_t get(Reader *r, int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes && r->at < r->len; i++) v = (v << 8) | r->data[r->at++];
    return v;
}

/* A string inside a record: an i32 length, then the bytes; copied into `out`. */
static void get_string(Reader *r, char *out, size_t size) {
    uint64_t n = get(r, 4);
    size_t k = n < size - 1 ? (size_t)n : size - 1;
    if (r->at + n > r->len) n = k = 0;
    memcpy(out, r->data + r->at, k);
    out[k] = 0;
    r->at += n;
}

static void free_buffer(RustBuffer buf) {
    RustCallStatus status = {0};
    ffi_kezek_mobile_rustbuffer_free(buf, &status);
    check(status.code == CALL_SUCCESS, "rustbuffer_free");
}

static void string_call(void) {
    RustCallStatus status = {0};
    RustBuffer v = uniffi_kezek_mobile_fn_func_version(&status);
    check(status.code == CALL_SUCCESS, "version(): status CALL_SUCCESS");
    check(v.len == strlen(EXPECTED_VERSION) && memcmp(v.data, EXPECTED_VERSION, v.len) == 0,
          "version() is the workspace's version");
    free_buffer(v);
}

static void record_call(void) {
    RustCallStatus status = {0};
    uint64_t calendar = uniffi_kezek_mobile_fn_constructor_workcalendar_kazakhstan(&status);
    check(status.code == CALL_SUCCESS && calendar != 0, "WorkCalendar.kazakhstan(): a handle");

    /* Period { amount: 3, unit: .workingDays }: u32 amount, then the enum's 1-based index. */
    uint8_t period[8];
    put_u32(period, 3);
    put_u32(period + 4, 3); /* hours = 1, calendarDays = 2, workingDays = 3 */
    ForeignBytes bytes = {8, period};
    RustBuffer period_buf = ffi_kezek_mobile_rustbuffer_from_bytes(bytes, &status);

    uint64_t handle = uniffi_kezek_mobile_fn_clone_workcalendar(calendar, &status);
    RustBuffer out = uniffi_kezek_mobile_fn_method_workcalendar_deadline(
        handle, lower_string("2025-03-20T15:00:00"), period_buf, &status);
    check(status.code == CALL_SUCCESS, "deadline(): status CALL_SUCCESS");

    Reader r = {out.data, out.len, 0};
    char last_day[32], ends_at[32];
    get_string(&r, last_day, sizeof last_day);
    get_string(&r, ends_at, sizeof ends_at);
    check(strcmp(last_day, "2025-03-28") == 0, "Deadline.lastDay: 3 working days over Nauryz");
    check(strcmp(ends_at, "2025-03-29T00:00:00") == 0, "Deadline.endsAt");
    check(get(&r, 1) == 0, "Deadline.provisional: false (2025 has decree data)");
    check(r.at == r.len, "the Deadline record is read to its end");
    free_buffer(out);

    uniffi_kezek_mobile_fn_free_workcalendar(calendar, &status);
    check(status.code == CALL_SUCCESS, "free_workcalendar");
}

/* An ErrorReport's code (a string), read into `code`. */
static void get_code(Reader *r, char *code, size_t size) { get_string(r, code, size); }

/* The three messages of an ErrorReport, checked: non-empty, kk and ru differ, none echoes
 * `secret` (NULL: nothing to look for); en is copied into `en`. */
static void get_messages(Reader *r, char *en, size_t size, const char *secret) {
    char kk[256], ru[256];
    get_string(r, kk, sizeof kk);
    get_string(r, ru, sizeof ru);
    get_string(r, en, size);
    check(strlen(kk) > 0 && strlen(ru) > 0 && strcmp(kk, ru) != 0, "messages.kk and .ru");
    if (secret)
        check(strstr(en, secret) == NULL && strstr(kk, secret) == NULL && strstr(ru, secret) == NULL,
              "the malformed text is not echoed");
}

static void error_call(void) {
    RustCallStatus status = {0};
    uint64_t iin = uniffi_kezek_mobile_fn_constructor_iin_new(lower_string("21030860040"), &status);
    check(status.code == CALL_ERROR && iin == 0, "Iin(\"21030860040\"): status CALL_ERROR");

    Reader r = {status.errorBuf.data, status.errorBuf.len, 0};
    /* 1-based: input, inputType, iin… (the order of the Rust enum, the core's ErrorKind). */
    check(get(&r, 4) == 3, "KezekError variant 3, .iin");
    char code[64], key[64], en[256];
    get_code(&r, code, sizeof code);
    check(strcmp(code, "IIN_LENGTH") == 0, "report.code IIN_LENGTH");
    check(get(&r, 4) == 1, "report.details: one field");
    get_string(&r, key, sizeof key);
    check(strcmp(key, "found") == 0 && get(&r, 4) == 1 && get(&r, 8) == 11,
          "details[\"found\"] = .count(11)");
    get_messages(&r, en, sizeof en, NULL);
    check(strncmp(en, "an IIN has 12 digits", 20) == 0, "messages.en");
    check(r.at == r.len, "the error is read to its end");
    free_buffer(status.errorBuf);
}

static void malformed_date_call(void) {
    RustCallStatus status = {0};
    uint64_t calendar = uniffi_kezek_mobile_fn_constructor_workcalendar_kazakhstan(&status);
    uint64_t handle = uniffi_kezek_mobile_fn_clone_workcalendar(calendar, &status);
    uniffi_kezek_mobile_fn_method_workcalendar_is_working_day(handle, lower_string("20.03.2025"), &status);
    check(status.code == CALL_ERROR, "isWorkingDay(\"20.03.2025\"): status CALL_ERROR");
    Reader r = {status.errorBuf.data, status.errorBuf.len, 0};
    check(get(&r, 4) == 1, "KezekError variant 1, .input");
    char code[64], what[64] = "", detail[256] = "", en[256];
    get_code(&r, code, sizeof code);
    check(strcmp(code, "INPUT_FORMAT") == 0, "report.code INPUT_FORMAT");
    uint64_t fields = get(&r, 4);
    check(fields == 2, "report.details: what and detail");
    for (uint64_t i = 0; i < fields && i < 2; i++) {
        char key[64];
        get_string(&r, key, sizeof key);
        check(get(&r, 4) == 3, "a .text field");
        if (strcmp(key, "what") == 0) get_string(&r, what, sizeof what);
        else get_string(&r, detail, sizeof detail);
    }
    check(strcmp(what, "date") == 0 && strstr(detail, "YYYY-MM-DD") != NULL, "details: what = date, detail");
    check(strstr(detail, "20.03") == NULL, "the detail does not echo the text");
    get_messages(&r, en, sizeof en, "20.03");
    check(r.at == r.len, "the error is read to its end");
    free_buffer(status.errorBuf);
    uniffi_kezek_mobile_fn_free_workcalendar(calendar, &status);
}

int main(void) {
#include "checks.inc"
    string_call();
    record_call();
    malformed_date_call();
    error_call();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
