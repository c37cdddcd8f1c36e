#include "re2_shim.h"

#include <re2/re2.h>

#include <string>

struct lv_re2 {
  re2::RE2 *regex;
};

extern "C" lv_re2 *lv_re2_compile(const uint8_t *pattern, size_t length, int caseless,
                                  int dotall, int multiline) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!caseless);
  options.set_dot_nl(dotall != 0);
  // Perl syntax (RE2's default mode); ^ and $ at line breaks only when asked, as in PCRE2.
  std::string text(reinterpret_cast<const char *>(pattern), length);
  if (multiline) text = "(?m)" + text;
  auto *regex = new re2::RE2(text, options);
  if (!regex->ok()) {
    delete regex;
    return nullptr;
  }
  return new lv_re2{regex};
}

extern "C" int lv_re2_search(const lv_re2 *regex, const uint8_t *subject, size_t length) {
  return re2::RE2::PartialMatch(
             re2::StringPiece(reinterpret_cast<const char *>(subject), length), *regex->regex)
             ? 1
             : 0;
}

extern "C" int lv_re2_find(const lv_re2 *regex, const uint8_t *subject, size_t length,
                           size_t start, size_t *bounds) {
  re2::StringPiece text(reinterpret_cast<const char *>(subject), length);
  re2::StringPiece match;
  if (start > length ||
      !regex->regex->Match(text, start, length, re2::RE2::UNANCHORED, &match, 1)) {
    return 0;
  }
  bounds[0] = static_cast<size_t>(match.data() - text.data());
  bounds[1] = bounds[0] + match.size();
  return 1;
}

extern "C" void lv_re2_free(lv_re2 *regex) {
  if (regex == nullptr) return;
  delete regex->regex;
  delete regex;
}
