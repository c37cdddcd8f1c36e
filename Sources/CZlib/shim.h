#ifndef LOGVIEW_ZLIB_SHIM_H
#define LOGVIEW_ZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro; 15 + 32 = largest window, gzip or zlib header detected.
static inline int lv_inflate_init(z_streamp stream) { return inflateInit2(stream, 15 + 32); }
#endif
