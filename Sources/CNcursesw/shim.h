#ifndef STRIDE_CNCURSESW_SHIM_H
#define STRIDE_CNCURSESW_SHIM_H
// The wide-character API (mvaddwstr, get_wch, cchar_t) is only declared with this set.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros that Swift does not import.
static inline int stride_attr_bold(void) { return (int)A_BOLD; }
static inline int stride_attr_reverse(void) { return (int)A_REVERSE; }
static inline int stride_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int stride_attr_dim(void) { return (int)A_DIM; }
static inline int stride_color_pair(int n) { return (int)COLOR_PAIR(n); }
#endif
