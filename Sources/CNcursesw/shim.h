#ifndef STRIDE_CNCURSESW_SHIM_H
#define STRIDE_CNCURSESW_SHIM_H
// The wide-character API (mvaddwstr, get_wch, cchar_t) is only declared with this set.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros that Swift does not import.
static inline int stride_attr_bold(void) { return (int)A_BOLD; }
static inline int stride_attr_reverse(void) { return (int)A_REVERSE; }
static inline int stride_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int stride_attr_dim(void) { return (int)A_DIM; }
static inline int stride_color_pair(int n) { return (int)COLOR_PAIR(n); }

// Globals that Swift 6 flags as unsafe shared state, read through functions.
static inline FILE *stride_stdout(void) { return stdout; }
static inline FILE *stride_stdin(void) { return stdin; }
static inline WINDOW *stride_stdscr(void) { return stdscr; }
static inline int stride_colors(void) { return COLORS; }
static inline int stride_color_pairs(void) { return COLOR_PAIRS; }

// Mouse: enable clicks, wheel and motion reports; classify one event.
static inline void stride_enable_mouse(void) {
    mousemask(ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION, NULL);
    mouseinterval(0);
}
/// Reads the pending mouse event: 1 press, 2 release, 3 motion, 4 wheel up, 5 wheel down,
/// 0 other or none. Writes the cell into *x, *y.
static inline int stride_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    mmask_t b = event.bstate;
    if (b & BUTTON4_PRESSED) return 4;
#ifdef BUTTON5_PRESSED
    if (b & BUTTON5_PRESSED) return 5;
#endif
    if (b & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) return 1;
    if (b & BUTTON1_RELEASED) return 2;
    if (b & REPORT_MOUSE_POSITION) return 3;
    return 0;
}

/// Draws one character cell (up to CCHARW_MAX wide characters: a base plus combining
/// marks, `count` of them) at (y, x) with the given attributes and colour pair.
/// Returns ERR at the bottom-right corner even though the cell is drawn.
static inline int stride_put_cell(WINDOW *win, int y, int x, const wchar_t *chars, int count,
                                  attr_t attrs, short pair) {
    wchar_t buf[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) buf[i] = chars[i];
    buf[n] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, buf, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

// Last: term.h defines a macro for every terminfo capability name.
#include <ncursesw/term.h>
/// Whether terminal type `term` (NULL: $TERM) can address the cursor (terminfo `cup`):
/// 1 yes, 0 no (e.g. TERM=dumb), -1 the type is unknown. Leaves ncurses' current terminal as it was.
static inline int stride_term_has_cursor_addressing(const char *term, int fd) {
    int status = 0;
    TERMINAL *saved = cur_term;
    if (setupterm((char *)term, fd, &status) != OK) {
        set_curterm(saved);
        return -1;
    }
    char *cup = tigetstr("cup");
    int result = (cup != NULL && cup != (char *)-1) ? 1 : 0;
    TERMINAL *mine = set_curterm(saved);
    if (mine != NULL && mine != saved) del_curterm(mine);
    return result;
}
#endif
