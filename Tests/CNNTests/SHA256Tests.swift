import Testing
@testable import CNN

/// `sha256Hex` against the FIPS 180-4 example vectors (NIST CSRC, "SHA256.pdf") and the
/// digest `stride data fetch` checks for MNIST's smallest file.
@Suite("SHA-256 (libcrypto)")
struct SHA256Tests {
    @Test("FIPS 180-4 examples: empty, \"abc\", the 448-bit message, a million 'a'")
    func fipsVectors() {
        #expect(sha256Hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256Hex([UInt8]("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256Hex([UInt8]("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(sha256Hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a buffer slice hashes only its own bytes")
    func sliceOfBuffer() {
        let bytes = [UInt8]("xxabcxx".utf8)
        let digest = bytes.withUnsafeBytes { sha256Hex(UnsafeRawBufferPointer(rebasing: $0[2..<5])) }
        #expect(digest == sha256Hex([UInt8]("abc".utf8)))
    }
}
