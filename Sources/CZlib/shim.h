#ifndef STRIDE_CZLIB_SHIM_H
#define STRIDE_CZLIB_SHIM_H
#include <zlib.h>
#endif
