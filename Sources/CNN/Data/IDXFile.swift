/// IDX files, the format MNIST and Fashion-MNIST are distributed in (raw or gzip-compressed).
///
///     bytes 0–1   0x00 0x00
///     byte  2     element type: 0x08 = unsigned byte (the only one used here)
///     byte  3     number of dimensions d
///     d × 4 bytes each dimension, big-endian
///     the rest    the elements, last dimension varying fastest
///
/// Images are `0x00000803` (count, rows, cols); labels `0x00000801` (count). The data must
/// be exactly as long as the header says: a truncated or padded file is an error that
/// gives the expected and the actual size. With a `limit`, only the first `limit` items are
/// decoded (the size is still checked, from the gzip trailer when it can be).
enum IDXFile {
    struct Header: Equatable {
        /// Dimensions, e.g. `[60000, 28, 28]`.
        let dims: [Int]
        var count: Int { dims[0] }
        /// Bytes per item (`rows·cols` for images, 1 for labels).
        let itemSize: Int
        var headerSize: Int { 4 + 4 * dims.count }
        /// Header plus all items.
        let totalSize: Int
    }

    /// Sanity limit on any dimension: far above any real dataset, far below overflow.
    static let maxDimension = 1 << 28

    /// Images: pixels of the first `min(limit, count)` images, and `(count, rows, cols)`.
    static func readImages(_ path: String, limit: Int? = nil) throws(CNNError)
        -> (pixels: [UInt8], header: Header) {
        try read(path, dimensions: 3, kind: "images", limit: limit)
    }

    /// Labels of the first `min(limit, count)` items.
    static func readLabels(_ path: String, limit: Int? = nil) throws(CNNError) -> (labels: [UInt8], header: Header) {
        let (bytes, header) = try read(path, dimensions: 1, kind: "labels", limit: limit)
        return (bytes, header)
    }

    /// Reads and checks only the header (and the size), for reports.
    static func inspect(_ path: String, dimensions: Int) throws(CNNError) -> Header {
        let reader = try GzipReader(path: path)
        let header = try readHeader(reader, dimensions: dimensions, kind: dimensions == 3 ? "images" : "labels")
        try checkSize(reader, header: header)
        return header
    }

    private static func read(_ path: String, dimensions: Int, kind: String, limit: Int?) throws(CNNError)
        -> ([UInt8], Header) {
        let reader = try GzipReader(path: path)
        let header = try readHeader(reader, dimensions: dimensions, kind: kind)
        let wanted = min(max(limit ?? header.count, 0), header.count)
        try DatasetBudget.check(items: wanted, of: header.dims, path: path, kind: kind)
        let readsAll = wanted == header.count
        // Before allocating anything: does the data have the size the header claims?
        try checkSize(reader, header: header)
        guard let body = try reader.read(count: wanted * header.itemSize) else {
            throw sizeError(path, header: header, actual: reader.position + (try reader.skipToEnd(maximum: header.totalSize)))
        }
        // One byte past the declared end is enough to know there is more: never inflate the rest.
        if readsAll, try reader.skipToEnd(maximum: 1) > 0 {
            throw sizeError(path, header: header, actual: header.totalSize + 1)
        }
        return (body, header)
    }

    private static func readHeader(_ reader: GzipReader, dimensions: Int, kind: String) throws(CNNError) -> Header {
        let path = reader.path
        func bad(_ m: String) -> CNNError { CNNError.badFile(path: path, line: nil, message: m) }
        let headerSize = 4 + 4 * dimensions
        guard let bytes = try reader.read(count: headerSize) else {
            throw bad("too short for an IDX \(kind) file (\(reader.position) bytes; the header alone is \(headerSize))")
        }
        let magic = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let expected = UInt32(0x800 + dimensions)
        guard magic == expected else {
            let hex = { (v: UInt32) in "0x" + String(repeating: "0", count: 8 - String(v, radix: 16).count) + String(v, radix: 16) }
            let what = magic == 0x803 || magic == 0x801 ? " (an IDX file of the other kind: images and labels swapped?)"
                : bytes[0] == 0x1F && bytes[1] == 0x8B ? " (gzip inside gzip?)" : ""
            throw bad("not an IDX \(kind) file: magic number \(hex(magic)), expected \(hex(expected))\(what)")
        }
        var dims: [Int] = []
        for d in 0..<dimensions {
            let v = bytes[(4 + 4 * d)..<(8 + 4 * d)].reduce(0) { $0 << 8 | Int($1) }
            guard v <= maxDimension else { throw bad("implausible dimension \(v) in the header") }
            dims.append(v)
        }
        if dimensions == 3, dims[1] < 1 || dims[2] < 1 {
            throw bad("images of \(dims[1])×\(dims[2]) pixels")
        }
        let itemSize = dims.dropFirst().reduce(1, *)
        guard case let (data, false) = dims[0].multipliedReportingOverflow(by: itemSize),
              case let (total, false) = data.addingReportingOverflow(headerSize) else {
            throw bad("implausible dimensions \(dims) in the header")
        }
        return Header(dims: dims, itemSize: itemSize, totalSize: total)
    }

    /// Checks the uncompressed size against the header without decoding the data when it
    /// can: the file size for plain files, the gzip trailer for compressed ones (falling
    /// back to decompressing, and counting, when the trailer disagrees).
    private static func checkSize(_ reader: GzipReader, header: Header) throws(CNNError) {
        let path = reader.path
        if !reader.isCompressed {
            let size = fileSize(path) ?? -1
            if size != header.totalSize { throw sizeError(path, header: header, actual: size) }
            return
        }
        if let trailer = gzipTrailerSize(path), trailer == UInt32(truncatingIfNeeded: header.totalSize) { return }
        // Count no further than one byte past the declared size (a 20 MB file of trailing zeros
        // would otherwise inflate 20 GB just to be measured).
        let actual = reader.position + (try reader.skipToEnd(maximum: header.totalSize - reader.position + 1))
        if actual == header.totalSize { return }
        throw sizeError(path, header: header, actual: actual)
    }

    /// `actual` > the declared size means "at least that many" (counting stops one byte past).
    private static func sizeError(_ path: String, header: Header, actual: Int) -> CNNError {
        let shape = header.dims.map(String.init).joined(separator: "×")
        return CNNError.badFile(path: path, line: nil, message:
            "the header says \(shape), which needs \(header.totalSize) bytes, but the data has "
            + (actual < header.totalSize ? "\(actual) (truncated?)" : "more (extra bytes at the end)"))
    }
}
