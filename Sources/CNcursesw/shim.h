// The ncursesw surface LogviewTerminal uses. Swift cannot import function-like macros
// (COLOR_PAIR, KEY_F, mouse masks), the A_* attribute macros or mutable C globals (stdscr,
// under Swift 6 concurrency checking), so each one gets a static inline getter here.
#ifndef LOGVIEW_NCURSES_SHIM_H
#define LOGVIEW_NCURSES_SHIM_H

// Both must come before ncurses.h, or the wide-character API (cchar_t, wget_wch) is hidden.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1

#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <ncurses.h>

// MARK: - Globals

static inline WINDOW *lv_stdscr(void) { return stdscr; }
static inline WINDOW *lv_curscr(void) { return curscr; }
static inline int lv_colors(void) { return COLORS; }
static inline int lv_color_pairs(void) { return COLOR_PAIRS; }

// MARK: - Attributes and colors

static inline attr_t lv_a_normal(void) { return A_NORMAL; }
static inline attr_t lv_a_bold(void) { return A_BOLD; }
static inline attr_t lv_a_dim(void) { return A_DIM; }
static inline attr_t lv_a_reverse(void) { return A_REVERSE; }
static inline attr_t lv_a_underline(void) { return A_UNDERLINE; }

/// Fills `cell` from a NUL-terminated wide string (one spacing character, then up to
/// CCHARW_MAX - 1 non-spacing ones), attributes and color pair. Returns OK or ERR.
static inline int lv_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, short pair) {
  return setcchar(cell, text, attrs, pair, NULL);
}

// MARK: - Key codes

static inline int lv_key_code_yes(void) { return KEY_CODE_YES; }
static inline int lv_key_resize(void) { return KEY_RESIZE; }
static inline int lv_key_mouse(void) { return KEY_MOUSE; }
static inline int lv_key_up(void) { return KEY_UP; }
static inline int lv_key_down(void) { return KEY_DOWN; }
static inline int lv_key_left(void) { return KEY_LEFT; }
static inline int lv_key_right(void) { return KEY_RIGHT; }
static inline int lv_key_ppage(void) { return KEY_PPAGE; }
static inline int lv_key_npage(void) { return KEY_NPAGE; }
static inline int lv_key_home(void) { return KEY_HOME; }
static inline int lv_key_end(void) { return KEY_END; }
static inline int lv_key_find(void) { return KEY_FIND; }
static inline int lv_key_select(void) { return KEY_SELECT; }
static inline int lv_key_a1(void) { return KEY_A1; }
static inline int lv_key_a3(void) { return KEY_A3; }
static inline int lv_key_c1(void) { return KEY_C1; }
static inline int lv_key_c3(void) { return KEY_C3; }
static inline int lv_key_enter(void) { return KEY_ENTER; }
static inline int lv_key_backspace(void) { return KEY_BACKSPACE; }
static inline int lv_key_dc(void) { return KEY_DC; }
static inline int lv_key_btab(void) { return KEY_BTAB; }
static inline int lv_key_f(int n) { return KEY_F(n); }

// MARK: - Mouse

static inline mmask_t lv_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t lv_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t lv_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t lv_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t lv_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }

// MARK: - POSIX helpers (variadic or macro-based in C)

// glibc declares wcwidth only under _XOPEN_SOURCE, which its (already built) module lacks.
int wcwidth(wchar_t character);
/// Columns the C library (and so ncurses) gives a character: -1 unprintable, 0, 1 or 2.
static inline int lv_wcwidth(wchar_t character) { return wcwidth(character); }

/// Opens the controlling terminal for reading and writing; NULL when there is none.
static inline FILE *lv_open_tty(int *fd_out) {
  int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return NULL;
  FILE *file = fdopen(fd, "r+");
  if (file == NULL) {
    close(fd);
    return NULL;
  }
  *fd_out = fd;
  return file;
}


/// A terminfo string capability of the current terminal, or NULL when it has none (tigetstr
/// returns (char *)-1 for "not a string capability", which Swift cannot compare against).
static inline const char *lv_tigetstr(const char *name) {
  char *value = tigetstr(name);
  if (value == NULL || value == (char *)-1) return NULL;
  return value;
}

/// The terminal size of `fd` (TIOCGWINSZ); returns 0 on success, -1 on failure.
static inline int lv_window_size(int fd, int *rows, int *cols) {
  struct winsize size;
  if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
  *rows = size.ws_row;
  *cols = size.ws_col;
  return 0;
}

#endif
