/// How large a picture from outside may be. Checked against the size a file *declares*,
/// before any pixel memory is allocated, so a lying header or a decompression bomb (a few
/// kilobytes that claim 100000×100000 pixels) is refused at once.
public struct ImageBudget: Sendable, Equatable {
    /// Most pixels in all (16 M = 4096×4096: 16 MB of grey, 64 MB while decoding RGBA).
    public var maxPixels: Int
    /// Longest side.
    public var maxSide: Int
    /// Largest file read.
    public var maxFileBytes: Int

    public init(maxPixels: Int = 1 << 24, maxSide: Int = 16_384, maxFileBytes: Int = 64 << 20) {
        self.maxPixels = maxPixels
        self.maxSide = maxSide
        self.maxFileBytes = maxFileBytes
    }

    public static let standard = ImageBudget()

    /// Throws `CNNError.badFile` naming `path` unless `width × height` is a non-empty picture
    /// within the budget.
    public func check(width: Int, height: Int, path: String) throws(CNNError) {
        guard width > 0, height > 0 else {
            throw CNNError.badFile(path: path, line: nil, message: "the picture is \(width)×\(height) pixels: there is nothing to show")
        }
        guard width <= maxSide, height <= maxSide, width.multipliedReportingOverflow(by: height).partialValue <= maxPixels else {
            throw CNNError.badFile(path: path, line: nil, message:
                "the picture declares \(width)×\(height) pixels; Stride reads at most \(maxSide) on a side and "
                + "\(maxPixels) pixels in all (shrink it first)")
        }
    }
}
