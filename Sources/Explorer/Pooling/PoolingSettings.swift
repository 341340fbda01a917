import CNN

/// The pooling scene's settings: `input`, `size` (window, default 2), `stride` (default =
/// size, as in Keras), `padding` (valid or same).
public struct PoolingSettings: SceneSettings, Equatable {
    public var input: Matrix
    public var size: Int
    public var stride: Int?
    public var padding: Padding

    public static let settings: [SettingSpec] = [.input, .poolSize, .poolStride, .poolPadding]

    /// The default: 1 3 2 4; 5 7 6 8; 9 2 1 0; 3 4 5 6, 2×2 windows, stride 2.
    public static let example = Matrix(rows: 4, cols: 4, values: [1, 3, 2, 4, 5, 7, 6, 8, 9, 2, 1, 0, 3, 4, 5, 6])

    public init() {
        input = Self.example
        size = 2
        stride = nil
        padding = .valid
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        input = try c.matrix(.input, default: Self.example)
        size = try c.integer(.poolSize, default: 2)
        stride = c.contains(.poolStride) ? try c.integer(.poolStride, default: 2) : nil
        let text = try c.choice(.poolPadding, default: "valid")
        padding = text == "same" ? .same : .valid
    }

    public func validate() throws(SettingsProblem) {
        do { _ = try trace(.max) } catch { throw SettingsProblem(nil, error.description) }
    }

    /// The engine's record of this pooling.
    public func trace(_ kind: PoolTrace.Kind) throws(CNNError) -> PoolTrace {
        try PoolTrace(input: input, kind: kind, size: size, stride: stride, padding: padding)
    }
}
