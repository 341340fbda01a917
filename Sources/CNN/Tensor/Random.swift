/// A seeded, reproducible pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// The same seed gives the same stream on every platform and Swift version (unlike the
/// system generator), which makes weight initialisation, dropout masks and shuffling
/// reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var sm = seed
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&sm); s1 = splitMix(&sm); s2 = splitMix(&sm); s3 = splitMix(&sm)
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in `[0, 1)` with 24 random bits.
    public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * (1.0 / 16_777_216.0) }

    /// Uniform in `[low, high)`.
    public mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * nextUnitFloat() }

    /// Uniform integer in `0..<bound` (Lemire's multiply-shift; bias is negligible for our sizes).
    public mutating func nextIndex(below bound: Int) -> Int {
        Int((UInt64(UInt32(truncatingIfNeeded: next() >> 32)) &* UInt64(bound)) >> 32)
    }

    /// Fisher–Yates shuffle with this generator (a fixed algorithm, so reproducible).
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            a.swapAt(i, nextIndex(below: i + 1))
        }
    }

    /// A derived seed for a sub-stream (layer `i`, epoch `e`, …).
    public static func derive(_ seed: UInt64, _ salt: UInt64) -> UInt64 {
        var g = SeededGenerator(seed: seed ^ (salt &* 0xD1B5_4A32_D192_ED03))
        return g.next()
    }
}
