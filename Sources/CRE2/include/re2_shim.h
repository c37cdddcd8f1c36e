// RE2, the linear-time engine the filter falls back on when PCRE2 gives up on a record
// (its step limit): a C interface over the C++ library, so Swift needs no C++ interop.
#ifndef LOGVIEW_RE2_SHIM_H
#define LOGVIEW_RE2_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lv_re2 lv_re2;

/// Compiles `pattern` (UTF-8) with Perl classes; NULL when RE2 does not accept it (lookaround,
/// backreferences) or it needs more memory than RE2's default budget.
lv_re2 *lv_re2_compile(const uint8_t *pattern, size_t length, int caseless, int dotall,
                       int multiline);

/// 1 when the pattern matches somewhere in the bytes, else 0. Thread-safe.
int lv_re2_search(const lv_re2 *regex, const uint8_t *subject, size_t length);

/// 1 with the bounds (start, end) of the first match at or after byte `start` in `bounds`,
/// else 0. Text before `start` still counts for ^ and \b. Thread-safe.
int lv_re2_find(const lv_re2 *regex, const uint8_t *subject, size_t length, size_t start,
                size_t *bounds);

void lv_re2_free(lv_re2 *regex);

#ifdef __cplusplus
}
#endif

#endif
