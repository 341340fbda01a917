/// A ZIP archive in memory: the members listed in its central directory, and their bytes.
///
/// Supports what `numpy.savez` / `savez_compressed` write: stored (method 0) and deflated
/// (method 8) members, ZIP64 sizes and offsets, a trailing archive comment. Not supported:
/// encryption, multi-disk archives. Every offset and size is checked against the archive
/// before use; member data is checked against its CRC-32 when read in full.
///
///     local header  "PK\3\4" … name, extra, data       (per member)
///     central dir   "PK\1\2" … sizes, CRC, method, local-header offset, name   (per member)
///     [ZIP64 end record "PK\6\6" + locator "PK\6\7"]
///     end record    "PK\5\6" … member count, directory size and offset, comment
struct ZipArchive {
    struct Member {
        let name: String
        let method: UInt16
        let crc: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    let path: String
    let bytes: [UInt8]
    let members: [Member]

    init(bytes: [UInt8], path: String) throws(CNNError) {
        self.path = path
        self.bytes = bytes
        func bad(_ m: String) -> CNNError { CNNError.badFile(path: path, line: nil, message: m) }
        let reader = ByteReader(bytes)

        // End of central directory: the last "PK\5\6" within 64 KiB + 22 bytes of the end.
        guard bytes.count >= 22 else { throw bad("not a zip archive (only \(bytes.count) bytes)") }
        var eocd = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while eocd >= lowest, reader.u32(at: eocd) != 0x0605_4B50 { eocd -= 1 }
        guard eocd >= lowest else { throw bad("not a zip archive (no end-of-central-directory record)") }
        var count = Int(reader.u16(at: eocd + 10)!)
        var dirSize = Int(reader.u32(at: eocd + 12)!)
        var dirOffset = Int(reader.u32(at: eocd + 16)!)
        guard reader.u16(at: eocd + 4) == 0 || reader.u16(at: eocd + 4) == 0xFFFF else { throw bad("multi-disk zip archives are not supported") }

        if count == 0xFFFF || dirSize == 0xFFFF_FFFF || dirOffset == 0xFFFF_FFFF,
           eocd >= 20, reader.u32(at: eocd - 20) == 0x0706_4B50 {
            guard let at = reader.u64(at: eocd - 12), at <= UInt64(bytes.count - 56),
                  reader.u32(at: Int(at)) == 0x0606_4B50,
                  let c = reader.u64(at: Int(at) + 32), let s = reader.u64(at: Int(at) + 40),
                  let o = reader.u64(at: Int(at) + 48),
                  c <= UInt64(bytes.count), s <= UInt64(bytes.count), o <= UInt64(bytes.count) else {
                throw bad("damaged ZIP64 end-of-central-directory record")
            }
            (count, dirSize, dirOffset) = (Int(c), Int(s), Int(o))
        }
        guard dirOffset <= bytes.count, dirSize <= bytes.count - dirOffset else {
            throw bad("central directory (\(dirSize) bytes at \(dirOffset)) lies outside the \(bytes.count)-byte file")
        }
        guard count <= dirSize / 46 + 1 else { throw bad("central directory claims \(count) members in \(dirSize) bytes") }

        var members: [Member] = []
        var at = dirOffset
        for index in 0..<count {
            guard reader.u32(at: at) == 0x0201_4B50, let nameLength = reader.u16(at: at + 28),
                  let extraLength = reader.u16(at: at + 30), let commentLength = reader.u16(at: at + 32),
                  let nameBytes = reader.slice(at: at + 46, count: Int(nameLength)),
                  let extra = reader.slice(at: at + 46 + Int(nameLength), count: Int(extraLength)) else {
                throw bad("damaged central directory entry \(index + 1) of \(count)")
            }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let flags = reader.u16(at: at + 8)!
            guard flags & 1 == 0 else { throw bad("\(name): encrypted members are not supported") }
            var compressed = UInt64(reader.u32(at: at + 20)!)
            var uncompressed = UInt64(reader.u32(at: at + 24)!)
            var offset = UInt64(reader.u32(at: at + 42)!)
            // ZIP64 extra field (id 1): the 64-bit values of whichever fields are 0xFFFFFFFF.
            let e = ByteReader(Array(extra))
            var p = 0
            while let id = e.u16(at: p), let size = e.u16(at: p + 2) {
                if id == 1 {
                    var q = p + 4
                    let end = p + 4 + Int(size)
                    func next() throws(CNNError) -> UInt64 {
                        guard q + 8 <= end, let v = e.u64(at: q) else { throw bad("\(name): damaged ZIP64 field") }
                        q += 8
                        return v
                    }
                    if uncompressed == 0xFFFF_FFFF { uncompressed = try next() }
                    if compressed == 0xFFFF_FFFF { compressed = try next() }
                    if offset == 0xFFFF_FFFF { offset = try next() }
                }
                p += 4 + Int(size)
            }
            let limit = UInt64(bytes.count)
            guard compressed <= limit, offset <= limit, uncompressed <= 1 << 40 else {
                throw bad("\(name): sizes or offset lie outside the file")
            }
            members.append(Member(name: name, method: reader.u16(at: at + 10)!, crc: reader.u32(at: at + 16)!,
                                  compressedSize: Int(compressed), uncompressedSize: Int(uncompressed),
                                  localHeaderOffset: Int(offset)))
            at += 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
        }
        self.members = members
    }

    func member(named name: String) -> Member? { members.first { $0.name == name } }

    /// A member's uncompressed bytes, or only the first `prefix` of them (no CRC check then).
    func data(of member: Member, prefix: Int? = nil) throws(CNNError) -> [UInt8] {
        func bad(_ m: String) -> CNNError { CNNError.badFile(path: path, line: nil, message: "\(member.name): \(m)") }
        let reader = ByteReader(bytes)
        guard reader.u32(at: member.localHeaderOffset) == 0x0403_4B50,
              let nameLength = reader.u16(at: member.localHeaderOffset + 26),
              let extraLength = reader.u16(at: member.localHeaderOffset + 28) else {
            throw bad("damaged local header")
        }
        let start = member.localHeaderOffset + 30 + Int(nameLength) + Int(extraLength)
        guard let compressed = reader.slice(at: start, count: member.compressedSize) else {
            throw bad("data (\(member.compressedSize) bytes at \(start)) runs past the end of the file (truncated?)")
        }
        let wanted = min(prefix ?? member.uncompressedSize, member.uncompressedSize)
        let output: [UInt8]
        switch member.method {
        case 0:
            guard member.compressedSize == member.uncompressedSize else { throw bad("stored member with two different sizes") }
            output = Array(compressed.prefix(wanted))
        case 8:
            // DEFLATE cannot expand more than about 1032:1; a bigger claim is a lie.
            guard member.uncompressedSize <= member.compressedSize * 1032 + 1024 else {
                throw bad("claims \(member.uncompressedSize) bytes from \(member.compressedSize) compressed")
            }
            output = try inflateRaw(compressed, outputCount: wanted, prefixOnly: wanted < member.uncompressedSize,
                                    path: path, member: member.name)
        default:
            throw bad("compression method \(member.method) is not supported (only stored and deflate)")
        }
        if wanted == member.uncompressedSize, crc32(output) != member.crc {
            throw bad("CRC-32 mismatch: the data is corrupt")
        }
        return output
    }
}

/// Bounds-checked little-endian reads from a byte array: nil instead of a crash.
struct ByteReader {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func slice(at offset: Int, count: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else { return nil }
        return bytes[offset..<(offset + count)]
    }
    func u16(at o: Int) -> UInt16? { slice(at: o, count: 2).map { s in UInt16(s[o]) | UInt16(s[o + 1]) << 8 } }
    func u32(at o: Int) -> UInt32? { slice(at: o, count: 4).map { s in (0..<4).reduce(0) { $0 | UInt32(s[o + $1]) << (8 * $1) } } }
    func u64(at o: Int) -> UInt64? { slice(at: o, count: 8).map { s in (0..<8).reduce(0) { $0 | UInt64(s[o + $1]) << (8 * $1) } } }
}
