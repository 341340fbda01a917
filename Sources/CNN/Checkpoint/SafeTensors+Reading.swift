import Foundation

/// Reading safetensors files; see `SafeTensors` for the layout. Every check happens before
/// anything is allocated from a size the file claims.
extension SafeTensors {
    /// Reads and validates a whole file of at most `limit` bytes (checked before reading).
    public init(contentsOf path: String, limit: Int = 1 << 30) throws(CNNError) {
        try self.init(bytes: try readFileBytes(path, limit: limit), path: path)
    }

    /// Parses a file's bytes; `path` names the file in errors.
    ///
    /// Checks: at least 8 bytes; header length within the file and at most 100 MB; the
    /// header is a UTF-8 JSON object; `__metadata__` maps strings to strings; every tensor
    /// has dtype `F32`, a non-negative integer shape and `data_offsets` `[begin, end]`;
    /// the tensors tile the data section exactly (from 0, no gaps or overlaps, to its
    /// end); and each tensor's byte count is 4 × the product of its shape.
    public init(bytes: [UInt8], path: String) throws(CNNError) {
        func bad(_ message: String) -> CNNError { CNNError.badFile(path: path, line: nil, message: message) }
        guard bytes.count >= 8 else {
            throw bad("too short for a safetensors file: \(bytes.count) bytes, need at least 8")
        }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard n >= 2, n <= UInt64(Self.maxHeaderLength), Int(n) <= bytes.count - 8 else {
            throw bad("header length \(n) is impossible for a file of \(bytes.count) bytes")
        }
        let headerEnd = 8 + Int(n)
        let header = Data(bytes[8..<headerEnd])
        let parsed: SafeTensorsHeader
        do {
            parsed = try JSONDecoder().decode(SafeTensorsHeader.self, from: header)
        } catch let error as SafeTensorsHeader.Problem {
            throw bad("header: \(error.message)")
        } catch {
            throw bad("header is not a valid JSON object: \(Self.describe(error))")
        }

        let dataCount = bytes.count - headerEnd
        let tensors = parsed.tensors.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expectedBegin = 0
        for t in tensors {
            guard t.begin == expectedBegin else {
                throw bad(t.begin < expectedBegin
                          ? "tensor '\(t.name)' overlaps the one before it (data_offsets begin at \(t.begin), expected \(expectedBegin))"
                          : "gap in the data section before tensor '\(t.name)' (data_offsets begin at \(t.begin), expected \(expectedBegin))")
            }
            guard t.end >= t.begin, t.end <= dataCount else {
                throw bad("tensor '\(t.name)' has data_offsets [\(t.begin), \(t.end)] outside the \(dataCount)-byte data section")
            }
            guard let count = checkedProduct(t.shape), case let (byteCount, false) = count.multipliedReportingOverflow(by: 4),
                  byteCount == t.end - t.begin else {
                throw bad("tensor '\(t.name)' has shape \(t.shape) but \(t.end - t.begin) bytes of F32 data")
            }
            expectedBegin = t.end
        }
        guard expectedBegin == dataCount else {
            throw bad("the data section has \(dataCount) bytes but the tensors cover \(expectedBegin)")
        }

        var entries: [Entry] = []
        entries.reserveCapacity(tensors.count)
        for t in tensors {
            var values = [Float](repeating: 0, count: (t.end - t.begin) / 4)
            var p = headerEnd + t.begin
            for i in values.indices {
                let bits = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
                values[i] = Float(bitPattern: bits)
                p += 4
            }
            entries.append(Entry(name: t.name, shape: t.shape, values: values))
        }
        self.init(entries: entries, metadata: parsed.metadata)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c), DecodingError.typeMismatch(_, let c),
             DecodingError.keyNotFound(_, let c), DecodingError.valueNotFound(_, let c):
            let where_ = c.codingPath.map(\.stringValue).joined(separator: ".")
            return where_.isEmpty ? c.debugDescription : "\(where_): \(c.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

/// The JSON header: tensor descriptions and the optional string metadata.
struct SafeTensorsHeader: Decodable {
    struct Tensor {
        let name: String
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    /// A header that is valid JSON but not a valid safetensors header.
    struct Problem: Error { let message: String }

    private struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    private struct Info: Decodable {
        let dtype: String
        let shape: [Int]
        let data_offsets: [Int]
    }

    let tensors: [Tensor]
    let metadata: [String: String]

    init(from decoder: any Decoder) throws {
        let container: KeyedDecodingContainer<Key>
        do {
            container = try decoder.container(keyedBy: Key.self)
        } catch {
            throw Problem(message: "expected a JSON object")
        }
        var tensors: [Tensor] = []
        var metadata: [String: String] = [:]
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                guard let m = try? container.decode([String: String].self, forKey: key) else {
                    throw Problem(message: "__metadata__ must map strings to strings")
                }
                metadata = m
                continue
            }
            let name = key.stringValue
            guard let info = try? container.decode(Info.self, forKey: key) else {
                throw Problem(message: "tensor '\(name)' needs dtype (a string), shape (integers) and data_offsets (two integers)")
            }
            guard info.dtype == "F32" else {
                throw Problem(message: "tensor '\(name)' has dtype \(info.dtype); only F32 is supported")
            }
            guard info.shape.allSatisfy({ $0 >= 0 }) else {
                throw Problem(message: "tensor '\(name)' has a negative size in shape \(info.shape)")
            }
            guard info.data_offsets.count == 2, info.data_offsets[0] >= 0, info.data_offsets[1] >= info.data_offsets[0] else {
                throw Problem(message: "tensor '\(name)' has data_offsets \(info.data_offsets); expected [begin, end] with 0 ≤ begin ≤ end")
            }
            tensors.append(Tensor(name: name, shape: info.shape, begin: info.data_offsets[0], end: info.data_offsets[1]))
        }
        self.tensors = tensors
        self.metadata = metadata
    }
}
