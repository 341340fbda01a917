#ifndef STRIDE_CLIBCRYPTO_SHIM_H
#define STRIDE_CLIBCRYPTO_SHIM_H
// The system's OpenSSL libcrypto (Debian: libssl-dev), for SHA-256 only: one C call instead
// of compiling BoringSSL (swift-crypto) in every fresh clone.
#include <openssl/sha.h>
#endif
