/// Writing safetensors files; see `SafeTensors` for the layout.
extension SafeTensors {
    /// The file's bytes. The header lists tensors in `entries` order, then `__metadata__`
    /// (keys sorted) when there is any; it is padded with spaces to a multiple of 8 bytes.
    /// Precondition: `validate()` passes (`write(to:)` checks it).
    public func serialized() -> [UInt8] {
        var json = "{"
        var offset = 0
        var fields: [String] = []
        for e in entries {
            let end = offset + e.values.count * 4
            fields.append("\(jsonString(e.name)):{\"dtype\":\"F32\",\"shape\":[\(e.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        json += fields.joined(separator: ",") + "}"
        var header = Array(json.utf8)
        while header.count % 8 != 0 { header.append(0x20) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        let n = UInt64(header.count)
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(i)))) }
        bytes += header
        for e in entries {
            for v in e.values { appendLittleEndian(v.bitPattern, to: &bytes) }
        }
        return bytes
    }

    /// Validates, then writes the file atomically (temporary file + rename).
    public func write(to path: String) throws(CNNError) {
        do {
            try validate()
        } catch {
            throw CNNError.io(path: path, message: "not written: \(error.description)")
        }
        try writeAtomically(serialized(), to: path)
    }
}

/// `s` as a JSON string literal: quotes, backslashes and control characters escaped.
func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
