/// How a convolution or pooling window is allowed to overhang the input.
///
/// - `valid`: no padding; the window stays inside the input.
/// - `same`: Keras/TensorFlow semantics: `out = ceil(n / s)`; the total padding
///   `max((out − 1)·s + k_eff − n, 0)` is split with the extra cell at the bottom/right.
/// - `full`: `k_eff − 1` cells on each side, so every overlap of window and input is visited.
/// - `explicit(p)`: `p ≥ 0` cells on each side.
public enum Padding: Equatable, Hashable, Sendable, CustomStringConvertible {
    case valid
    case same
    case full
    case explicit(Int)

    /// Parses `valid`, `same`, `full` or a non-negative integer.
    public init(parsing text: String) throws(CNNError) {
        switch text.lowercased() {
        case "valid": self = .valid
        case "same": self = .same
        case "full": self = .full
        default:
            guard let p = Int(text) else {
                throw CNNError.invalidArgument("padding must be valid, same, full or a non-negative integer, not '\(text)'")
            }
            guard p >= 0 else { throw CNNError.invalidArgument("padding must be ≥ 0, not \(p)") }
            self = .explicit(p)
        }
    }

    public var description: String {
        switch self {
        case .valid: "valid"
        case .same: "same"
        case .full: "full"
        case .explicit(let p): "\(p)"
        }
    }
}

/// Whether the kernel is applied as-is (what Keras calls convolution) or rotated 180° first.
///
/// - `correlate`: `y[i, j] = Σ x[i·s + d·u, j·s + d·v] · w[u, v]`
/// - `convolve`:  `y[i, j] = Σ x[i·s + d·u, j·s + d·v] · w[k−1−u, k−1−v]`
public enum ConvMode: String, Equatable, Sendable, CaseIterable {
    case correlate
    case convolve

    public init(parsing text: String) throws(CNNError) {
        guard let mode = ConvMode(rawValue: text.lowercased()) else {
            throw CNNError.invalidArgument("mode must be correlate or convolve, not '\(text)'")
        }
        self = mode
    }
}
