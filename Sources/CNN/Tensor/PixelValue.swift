/// A pixel type the model reads batches from: `Float` as given, or `UInt8` scaled to [0, 1]
/// as `Float(byte) / 255` (exactly Keras's `x.astype("float32") / 255`). Datasets keep bytes,
/// so a 60,000-image MNIST split takes 47 MB instead of 188 MB.
public protocol PixelValue: Sendable {
    /// Writes `count` pixels from `source` into `destination` as model inputs.
    static func load(_ source: UnsafePointer<Self>, into destination: UnsafeMutablePointer<Float>, count: Int)
}

extension Float: PixelValue {
    @inlinable
    public static func load(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int) {
        destination.update(from: source, count: count)
    }
}

extension UInt8: PixelValue {
    /// `Float(byte) / 255`.
    @inlinable public static func scaledPixel(_ byte: UInt8) -> Float { Float(byte) / 255 }

    @inlinable
    public static func load(_ source: UnsafePointer<UInt8>, into destination: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { destination[i] = Float(source[i]) / 255 }
    }
}
