#ifndef STRIDE_IMAGE_CODECS_H
#define STRIDE_IMAGE_CODECS_H
#include <stddef.h>

/// PNG and JPEG through the system's libpng and libjpeg-turbo, for Swift.
///
/// Both libraries report errors by longjmp; every setjmp/longjmp stays inside these C
/// functions, so no Swift frame is ever jumped over. Each function returns 0 on success, or
/// -1 with a NUL-terminated reason in `message` (at most `message_size` bytes).
///
/// Decoding is two calls: `*_size` reads the header only (the caller checks the declared
/// size against its budget), then `*_rgba` decodes into the caller's `width * height * 4`
/// bytes (8-bit RGBA, rows top to bottom), failing if the header now says otherwise. Warnings
/// are errors: a truncated or corrupt file fails rather than decoding to a partial picture.

int stride_png_size(const unsigned char *data, size_t size, unsigned *width, unsigned *height,
                    char *message, size_t message_size);
int stride_png_rgba(const unsigned char *data, size_t size, unsigned width, unsigned height,
                    unsigned char *out, char *message, size_t message_size);

int stride_jpeg_size(const unsigned char *data, size_t size, unsigned *width, unsigned *height,
                     char *message, size_t message_size);
int stride_jpeg_rgba(const unsigned char *data, size_t size, unsigned width, unsigned height,
                     unsigned char *out, char *message, size_t message_size);

/// Encodes 8-bit pixels (`width * height * channels`, rows top to bottom) as a PNG (channels
/// 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA) or a baseline JPEG (channels 1 or 3, `quality`
/// 1–100). On success `*out` is a `malloc`ed buffer of `*out_size` bytes that the caller frees
/// with `stride_codec_free`.
int stride_png_encode(const unsigned char *pixels, unsigned width, unsigned height, int channels,
                      unsigned char **out, size_t *out_size, char *message, size_t message_size);
int stride_jpeg_encode(const unsigned char *pixels, unsigned width, unsigned height, int channels, int quality,
                       unsigned char **out, size_t *out_size, char *message, size_t message_size);
void stride_codec_free(void *pointer);

#endif
