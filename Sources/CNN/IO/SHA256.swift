import CLibCrypto

/// SHA-256 (FIPS 180-4) of `bytes`, as 64 lowercase hex digits, via the system's libcrypto.
///
/// `sha256Hex([UInt8]("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"`.
public func sha256Hex(_ bytes: UnsafeRawBufferPointer) -> String {
    var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
    digest.withUnsafeMutableBufferPointer { out in
        // An empty buffer may have no base address: hash zero bytes at a valid one.
        var empty: UInt8 = 0
        if let base = bytes.baseAddress, bytes.count > 0 {
            _ = SHA256(base.assumingMemoryBound(to: UInt8.self), bytes.count, out.baseAddress)
        } else {
            _ = SHA256(&empty, 0, out.baseAddress)
        }
    }
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    var text = [UInt8]()
    text.reserveCapacity(digest.count * 2)
    for byte in digest {
        text.append(hex[Int(byte >> 4)])
        text.append(hex[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
}

/// SHA-256 of a byte array; see `sha256Hex(_:)` for buffers.
public func sha256Hex(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBytes { sha256Hex($0) }
}
