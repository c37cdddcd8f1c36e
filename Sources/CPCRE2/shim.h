// PCRE2 (8-bit code units) for the filter's regular expressions. pcre2.h names its
// functions and types through token-pasting macros, which Swift cannot import; these
// wrappers give them plain names.
#ifndef LOGVIEW_PCRE2_SHIM_H
#define LOGVIEW_PCRE2_SHIM_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

typedef pcre2_code_8 lv_regex;
typedef pcre2_match_context_8 lv_regex_limits;

/// Compiles `pattern` and JIT-compiles it when the platform allows (falls back to the
/// interpreter otherwise). NULL on a syntax error, with its code and offset.
static inline lv_regex *lv_regex_compile(const uint8_t *pattern, size_t length,
                                         uint32_t options, int *error_code,
                                         size_t *error_offset) {
  pcre2_code_8 *code = pcre2_compile_8(pattern, length, options, error_code,
                                       error_offset, NULL);
  if (code != NULL) (void)pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE);
  return code;
}

static inline void lv_regex_free(lv_regex *regex) { pcre2_code_free_8(regex); }

/// Limits for every match of a pattern; read-only while matching, so threads share it.
static inline lv_regex_limits *lv_regex_limits_create(uint32_t match_limit,
                                                      uint32_t depth_limit) {
  pcre2_match_context_8 *context = pcre2_match_context_create_8(NULL);
  if (context == NULL) return NULL;
  pcre2_set_match_limit_8(context, match_limit);
  pcre2_set_depth_limit_8(context, depth_limit);
  return context;
}

static inline void lv_regex_limits_free(lv_regex_limits *limits) {
  pcre2_match_context_free_8(limits);
}

/// 1 on a match, 0 on none, a negative PCRE2 error code otherwise (a limit hit, no memory).
/// Match data is per call: threads match the same pattern at once.
static inline int lv_regex_search(const lv_regex *regex, const uint8_t *subject, size_t length,
                                  lv_regex_limits *limits) {
  pcre2_match_data_8 *data = pcre2_match_data_create_8(1, NULL);
  if (data == NULL) return PCRE2_ERROR_NOMEMORY;
  int result = pcre2_match_8(regex, subject, length, 0, 0, data, limits);
  pcre2_match_data_free_8(data);
  if (result >= 0) return 1;
  return result == PCRE2_ERROR_NOMATCH ? 0 : result;
}

/// Like lv_regex_search, with the groups' offsets: `offsets` gets 2 * `pairs` values (start,
/// end; PCRE2_UNSET for a group that took no part). Returns the number of pairs set (> 0) on
/// a match, 0 on none, a negative PCRE2 error code otherwise.
static inline int lv_regex_capture(const lv_regex *regex, const uint8_t *subject, size_t length,
                                   lv_regex_limits *limits, size_t *offsets, uint32_t pairs) {
  pcre2_match_data_8 *data = pcre2_match_data_create_from_pattern_8(regex, NULL);
  if (data == NULL) return PCRE2_ERROR_NOMEMORY;
  int result = pcre2_match_8(regex, subject, length, 0, 0, data, limits);
  if (result >= 0) {
    uint32_t count = pcre2_get_ovector_count_8(data);
    if (count > pairs) count = pairs;
    PCRE2_SIZE *vector = pcre2_get_ovector_pointer_8(data);
    for (uint32_t i = 0; i < 2 * count; i++) offsets[i] = vector[i];
    for (uint32_t i = 2 * count; i < 2 * pairs; i++) offsets[i] = PCRE2_UNSET;
    result = (int)count;
  }
  pcre2_match_data_free_8(data);
  if (result >= 0) return result;
  return result == PCRE2_ERROR_NOMATCH ? 0 : result;
}

/// The first match at or after byte `start`: 1 with its bounds in `bounds` (start, end), 0 on
/// none, a negative PCRE2 error code otherwise (a limit hit, no memory). Text before `start`
/// still counts for lookbehind and \b.
static inline int lv_regex_find(const lv_regex *regex, const uint8_t *subject, size_t length,
                                size_t start, lv_regex_limits *limits, size_t *bounds) {
  pcre2_match_data_8 *data = pcre2_match_data_create_8(1, NULL);
  if (data == NULL) return PCRE2_ERROR_NOMEMORY;
  int result = pcre2_match_8(regex, subject, length, start, 0, data, limits);
  if (result >= 0) {
    PCRE2_SIZE *vector = pcre2_get_ovector_pointer_8(data);
    bounds[0] = vector[0];
    bounds[1] = vector[1];
  }
  pcre2_match_data_free_8(data);
  if (result >= 0) return 1;
  return result == PCRE2_ERROR_NOMATCH ? 0 : result;
}

/// The number of capture groups.
static inline uint32_t lv_regex_group_count(const lv_regex *regex) {
  uint32_t count = 0;
  pcre2_pattern_info_8(regex, PCRE2_INFO_CAPTURECOUNT, &count);
  return count;
}

/// The number of named groups; `lv_regex_group_name` reads entry `index` of them.
static inline uint32_t lv_regex_name_count(const lv_regex *regex) {
  uint32_t count = 0;
  pcre2_pattern_info_8(regex, PCRE2_INFO_NAMECOUNT, &count);
  return count;
}

/// Named group `index`: its group number, and its NUL-terminated name.
static inline const uint8_t *lv_regex_group_name(const lv_regex *regex, uint32_t index,
                                                 uint32_t *number) {
  uint32_t size = 0;
  PCRE2_SPTR table = NULL;
  pcre2_pattern_info_8(regex, PCRE2_INFO_NAMEENTRYSIZE, &size);
  pcre2_pattern_info_8(regex, PCRE2_INFO_NAMETABLE, &table);
  const uint8_t *entry = table + (size_t)index * size;
  *number = ((uint32_t)entry[0] << 8) | entry[1];
  return entry + 2;
}

/// The engine's wording of an error code; the buffer is NUL-terminated.
static inline void lv_regex_error_message(int code, uint8_t *buffer, size_t size) {
  if (pcre2_get_error_message_8(code, buffer, size) < 0 && size > 0) buffer[0] = 0;
}

#endif
