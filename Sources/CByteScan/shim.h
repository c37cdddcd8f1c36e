// Byte searches the Swift side cannot express fast: 16 bytes at a time with SSE2 (baseline
// on x86-64; a byte loop elsewhere), and glibc's memmem, which Swift's Glibc module does
// not export. Static inline: compiled into the Swift code that calls them.
#ifndef LOGVIEW_BYTESCAN_SHIM_H
#define LOGVIEW_BYTESCAN_SHIM_H

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

extern void *memmem(const void *haystack, size_t haystacklen, const void *needle,
                    size_t needlelen);

/// Index of the first '"' or '\\' in p[from..<end], or end.
static inline long lv_quote_or_backslash(const uint8_t *p, long from, long end) {
  long i = from;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  while (end - i >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
    int hits = _mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    if (hits) return i + __builtin_ctz((unsigned)hits);
    i += 16;
  }
#endif
  while (i < end) {
    uint8_t c = p[i];
    if (c == '"' || c == '\\') return i;
    i++;
  }
  return end;
}

/// The first occurrence of needle in haystack, or NULL (glibc's memmem).
static inline const void *lv_memmem(const void *haystack, size_t haystack_length,
                                    const void *needle, size_t needle_length) {
  return memmem(haystack, haystack_length, needle, needle_length);
}

#endif
