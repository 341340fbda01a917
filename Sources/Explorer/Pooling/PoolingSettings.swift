import CNN

/// The pooling scene's settings: `input`, `size` (window, default 2), `stride` (default =
/// size, as in Keras), `padding` (valid or same).
public struct PoolingSettings: SceneSettings, Equatable {
    public var input: Matrix
    public var size: Int
    public var stride: Int?
    public var padding: Padding

    public static let keys = ["input", "size", "stride", "padding"]

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
        input = try c.matrix(SettingKey("input"), default: Self.example)
        size = try c.integer(SettingKey("size"), default: 2, in: 1...SettingsLimits.maxKernel)
        stride = c.contains(SettingKey("stride")) ? try c.integer(SettingKey("stride"), default: 2, in: 1...SettingsLimits.maxStride) : nil
        let text = try c.choice(SettingKey("padding"), default: "valid", in: ["valid", "same"])
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
