#include "image_codecs.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>
#include <jpeglib.h>

/// Largest side either library is allowed to accept (the Swift side's budget is smaller).
#define STRIDE_MAX_SIDE 65535u

static void set_message(char *message, size_t message_size, const char *text) {
    if (message == NULL || message_size == 0) return;
    snprintf(message, message_size, "%s", text ? text : "unknown error");
}

void stride_codec_free(void *pointer) { free(pointer); }

/* ---------------------------------------------------------------- PNG */

typedef struct {
    const unsigned char *data;
    size_t size;
    size_t offset;
    char *message;
    size_t message_size;
} png_source;

static void png_fail(png_structp png, png_const_charp text) {
    png_source *source = (png_source *)png_get_error_ptr(png);
    if (source) set_message(source->message, source->message_size, text);
    png_longjmp(png, 1);
}

static void png_ignore_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void png_read_memory(png_structp png, png_bytep out, png_size_t length) {
    png_source *source = (png_source *)png_get_io_ptr(png);
    if (length > source->size - source->offset) png_error(png, "the file ends early (truncated)");
    memcpy(out, source->data + source->offset, length);
    source->offset += length;
}

/// Reads the header and sets the transforms that turn every PNG into 8-bit RGBA.
static void png_prepare(png_structp png, png_infop info, unsigned *width, unsigned *height) {
    png_read_info(png, info);
    *width = png_get_image_width(png, info);
    *height = png_get_image_height(png, info);
    int color = png_get_color_type(png, info);
    int depth = png_get_bit_depth(png, info);
    if (depth == 16) png_set_strip_16(png);
    if (color == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (color == PNG_COLOR_TYPE_GRAY || color == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    if (!(color & PNG_COLOR_MASK_ALPHA) && !png_get_valid(png, info, PNG_INFO_tRNS))
        png_set_filler(png, 0xff, PNG_FILLER_AFTER);
}

static png_structp png_open(png_source *source, png_infop *info) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, source, png_fail, png_ignore_warning);
    if (!png) return NULL;
    *info = png_create_info_struct(png);
    if (!*info) {
        png_destroy_read_struct(&png, NULL, NULL);
        return NULL;
    }
    png_set_read_fn(png, source, png_read_memory);
    /* The Swift side checks the declared size against its budget, with its own message. */
    png_set_user_limits(png, 0x7fffffffu, 0x7fffffffu);
    png_set_chunk_cache_max(png, 256);
    png_set_chunk_malloc_max(png, 8u << 20);
    return png;
}

int stride_png_size(const unsigned char *data, size_t size, unsigned *width, unsigned *height,
                    char *message, size_t message_size) {
    png_source source = {data, size, 0, message, message_size};
    png_infop info = NULL;
    png_structp png = png_open(&source, &info);
    if (!png) {
        set_message(message, message_size, "out of memory");
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        return -1;
    }
    unsigned w = 0, h = 0;
    png_prepare(png, info, &w, &h);
    *width = w;
    *height = h;
    png_destroy_read_struct(&png, &info, NULL);
    return 0;
}

int stride_png_rgba(const unsigned char *data, size_t size, unsigned width, unsigned height,
                    unsigned char *out, char *message, size_t message_size) {
    png_source source = {data, size, 0, message, message_size};
    png_infop info = NULL;
    png_structp png = png_open(&source, &info);
    if (!png) {
        set_message(message, message_size, "out of memory");
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        return -1;
    }
    unsigned w = 0, h = 0;
    png_prepare(png, info, &w, &h);
    if (w != width || h != height) png_error(png, "the header changed between reads");
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)width * 4) png_error(png, "unexpected row layout after conversion");
    for (int pass = 0; pass < passes; pass++) {
        for (unsigned y = 0; y < height; y++) png_read_row(png, out + (size_t)y * width * 4, NULL);
    }
    png_destroy_read_struct(&png, &info, NULL);
    return 0;
}

typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
    char *message;
    size_t message_size;
} png_sink;

static void png_write_memory(png_structp png, png_bytep bytes, png_size_t length) {
    png_sink *sink = (png_sink *)png_get_io_ptr(png);
    if (length > sink->capacity - sink->size) {
        size_t capacity = sink->capacity ? sink->capacity : 4096;
        while (capacity - sink->size < length) {
            if (capacity > ((size_t)-1) / 2) png_error(png, "out of memory");
            capacity *= 2;
        }
        unsigned char *grown = realloc(sink->data, capacity);
        if (!grown) png_error(png, "out of memory");
        sink->data = grown;
        sink->capacity = capacity;
    }
    memcpy(sink->data + sink->size, bytes, length);
    sink->size += length;
}

static void png_flush_memory(png_structp png) { (void)png; }

static void png_sink_fail(png_structp png, png_const_charp text) {
    png_sink *sink = (png_sink *)png_get_error_ptr(png);
    if (sink) set_message(sink->message, sink->message_size, text);
    png_longjmp(png, 1);
}

int stride_png_encode(const unsigned char *pixels, unsigned width, unsigned height, int channels,
                      unsigned char **out, size_t *out_size, char *message, size_t message_size) {
    static const int types[] = {0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                PNG_COLOR_TYPE_RGB_ALPHA};
    if (channels < 1 || channels > 4 || width == 0 || height == 0 || width > STRIDE_MAX_SIDE || height > STRIDE_MAX_SIDE) {
        set_message(message, message_size, "cannot write a PNG of that size or kind");
        return -1;
    }
    /* volatile: read after longjmp. */
    png_sink sink = {NULL, 0, 0, message, message_size};
    png_sink *volatile sink_ptr = &sink;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, png_sink_fail, png_ignore_warning);
    if (!png) {
        set_message(message, message_size, "out of memory");
        return -1;
    }
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(sink_ptr->data);
        if (!info) set_message(message, message_size, "out of memory");
        return -1;
    }
    png_set_write_fn(png, &sink, png_write_memory, png_flush_memory);
    png_set_IHDR(png, info, width, height, 8, types[channels], PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (unsigned y = 0; y < height; y++) png_write_row(png, pixels + (size_t)y * width * channels);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    *out = sink.data;
    *out_size = sink.size;
    return 0;
}

/* ---------------------------------------------------------------- JPEG */

typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char *message;
    size_t message_size;
} jpeg_failure;

static void jpeg_fail(j_common_ptr cinfo) {
    jpeg_failure *failure = (jpeg_failure *)cinfo->err;
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    set_message(failure->message, failure->message_size, text);
    longjmp(failure->jump, 1);
}

/// Warnings (level -1: corrupt or truncated data, which libjpeg would fill with grey) fail too;
/// trace messages (level ≥ 0) are ignored.
static void jpeg_message(j_common_ptr cinfo, int level) {
    if (level < 0) jpeg_fail(cinfo);
}

static void jpeg_quiet(j_common_ptr cinfo) { (void)cinfo; }

static void jpeg_install(struct jpeg_decompress_struct *cinfo, jpeg_failure *failure, char *message, size_t message_size) {
    cinfo->err = jpeg_std_error(&failure->manager);
    failure->manager.error_exit = jpeg_fail;
    failure->manager.emit_message = jpeg_message;
    failure->manager.output_message = jpeg_quiet;
    failure->message = message;
    failure->message_size = message_size;
}

int stride_jpeg_size(const unsigned char *data, size_t size, unsigned *width, unsigned *height,
                     char *message, size_t message_size) {
    struct jpeg_decompress_struct cinfo;
    jpeg_failure failure;
    jpeg_install(&cinfo, &failure, message, message_size);
    if (setjmp(failure.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    *width = cinfo.image_width;
    *height = cinfo.image_height;
    jpeg_destroy_decompress(&cinfo);
    return 0;
}

int stride_jpeg_rgba(const unsigned char *data, size_t size, unsigned width, unsigned height,
                     unsigned char *out, char *message, size_t message_size) {
    struct jpeg_decompress_struct cinfo;
    jpeg_failure failure;
    jpeg_install(&cinfo, &failure, message, message_size);
    if (setjmp(failure.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    cinfo.mem->max_memory_to_use = 1024L * 1024L * 1024L;
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.image_width != width || cinfo.image_height != height) {
        set_message(message, message_size, "the header changed between reads");
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    cinfo.out_color_space = JCS_EXT_RGBA;
    jpeg_start_decompress(&cinfo);
    if (cinfo.output_width != width || cinfo.output_height != height || cinfo.output_components != 4) {
        set_message(message, message_size, "unexpected output layout after conversion");
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out + (size_t)cinfo.output_scanline * width * 4;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return 0;
}

int stride_jpeg_encode(const unsigned char *pixels, unsigned width, unsigned height, int channels, int quality,
                       unsigned char **out, size_t *out_size, char *message, size_t message_size) {
    if ((channels != 1 && channels != 3) || width == 0 || height == 0 || width > STRIDE_MAX_SIDE || height > STRIDE_MAX_SIDE) {
        set_message(message, message_size, "cannot write a JPEG of that size or kind");
        return -1;
    }
    struct jpeg_compress_struct cinfo;
    jpeg_failure failure;
    cinfo.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = jpeg_fail;
    failure.manager.output_message = jpeg_quiet;
    failure.message = message;
    failure.message_size = message_size;
    unsigned char *volatile buffer = NULL;
    unsigned long length = 0;
    if (setjmp(failure.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(buffer);
        return -1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, (unsigned char **)&buffer, &length);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = channels;
    cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality < 1 ? 1 : quality > 100 ? 100 : quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * width * channels);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out = buffer;
    *out_size = length;
    return 0;
}
