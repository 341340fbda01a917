/// A set of named float tensors in the safetensors format (the open checkpoint format of
/// Hugging Face's `safetensors`), read and written with full validation.
///
/// Layout of a file:
///
///     8 bytes      N, the header length (unsigned little-endian)
///     N bytes      a UTF-8 JSON object:
///                    {"name": {"dtype": "F32", "shape": [3, 3, 1, 32], "data_offsets": [0, 1152]},
///                     …,
///                     "__metadata__": {"key": "value", …}}      (strings only; optional)
///                  padded with spaces so the data starts 8-byte aligned
///     the rest     the data section: each tensor's values, little-endian, at its
///                  `data_offsets` (relative to the start of the data section)
///
/// Only `F32` is supported. On write, tensors are laid out back to back in `entries` order;
/// on read, `entries` come back in data order, so a write/read round trip preserves order.
public struct SafeTensors: Sendable, Equatable {
    /// One tensor: its name, its shape (row-major) and `shape.product` values.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        public var values: [Float]

        public init(name: String, shape: [Int], values: [Float]) {
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    /// The tensors, in file order. Names must be unique and not `__metadata__`.
    public var entries: [Entry]
    /// Free-form string metadata (`__metadata__`), e.g. a format version or a checksum.
    public var metadata: [String: String]

    public init(entries: [Entry] = [], metadata: [String: String] = [:]) {
        self.entries = entries
        self.metadata = metadata
    }

    /// The entry named `name`, if any.
    public subscript(name: String) -> Entry? { entries.first { $0.name == name } }

    /// Largest header this reader accepts (the reference implementation's limit).
    static let maxHeaderLength = 100_000_000
}

extension SafeTensors {
    /// Checks what `serialized()` relies on: unique names other than `__metadata__`,
    /// non-negative shapes whose product is the number of values.
    public func validate() throws(CNNError) {
        var seen = Set<String>()
        for e in entries {
            guard e.name != "__metadata__" else {
                throw CNNError.invalidArgument("a tensor cannot be named __metadata__")
            }
            guard seen.insert(e.name).inserted else {
                throw CNNError.invalidArgument("two tensors are named '\(e.name)'")
            }
            guard e.shape.allSatisfy({ $0 >= 0 }), let count = checkedProduct(e.shape), count == e.values.count else {
                throw CNNError.shapeMismatch("tensor '\(e.name)' has shape \(e.shape) but \(e.values.count) values")
            }
        }
    }

    /// CRC-32 of the data section that `serialized()` writes (every value, little-endian,
    /// in `entries` order). The same after a write/read round trip, whatever the metadata,
    /// so a checkpoint can store it in `metadata` and compare it on load.
    public func dataChecksum() -> UInt32 {
        var crc: UInt32 = 0
        for e in entries {
            #if _endian(little)
            crc = e.values.withUnsafeBytes { crc32($0, initial: crc) }
            #else
            var chunk: [UInt8] = []
            chunk.reserveCapacity(e.values.count * 4)
            for v in e.values { appendLittleEndian(v.bitPattern, to: &chunk) }
            crc = crc32(chunk, initial: crc)
            #endif
        }
        return crc
    }
}

func appendLittleEndian(_ v: UInt32, to bytes: inout [UInt8]) {
    bytes.append(UInt8(truncatingIfNeeded: v))
    bytes.append(UInt8(truncatingIfNeeded: v >> 8))
    bytes.append(UInt8(truncatingIfNeeded: v >> 16))
    bytes.append(UInt8(truncatingIfNeeded: v >> 24))
}
