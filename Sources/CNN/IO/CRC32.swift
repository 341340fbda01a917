import CZlib

/// CRC-32 (the zlib/PNG/ZIP polynomial, `0xEDB88320` reflected) of `bytes`, via zlib.
///
/// `crc32([UInt8]("123456789".utf8)) == 0xCBF43926`. Pass a previous result as `initial`
/// to continue over data that arrives in pieces.
public func crc32(_ bytes: UnsafeRawBufferPointer, initial: UInt32 = 0) -> UInt32 {
    guard var base = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self) else { return initial }
    var crc = uLong(initial)
    var remaining = bytes.count
    // zlib takes a 32-bit length: feed large buffers in 1 GiB pieces.
    while remaining > 0 {
        let n = min(remaining, 1 << 30)
        crc = CZlib.crc32(crc, base, uInt(n))
        base += n
        remaining -= n
    }
    return UInt32(truncatingIfNeeded: crc)
}

/// CRC-32 of a byte array; see `crc32(_:initial:)` for buffers.
public func crc32(_ bytes: [UInt8], initial: UInt32 = 0) -> UInt32 {
    bytes.withUnsafeBytes { crc32($0, initial: initial) }
}
