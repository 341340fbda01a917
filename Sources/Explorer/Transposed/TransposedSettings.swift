import CNN

/// The transposed scene's settings: `input` (at most 8×8, so every step's partial output
/// stays small), `kernel`, `stride`, `padding` (`valid` or `same`, as Keras's Conv2DTranspose).
public struct TransposedSettings: SceneSettings, Equatable {
    public var input: Matrix
    public var kernel: Matrix
    public var stride: Int
    public var padding: TransposedPadding

    public static let inputSpec = SettingSpec("input", .matrix(maxSize: 8), default: "2×2 example", Localized(
        en: "the input whose cells scatter copies of the kernel",
        ko: "각 칸이 커널 사본을 흩뿌리는 입력"))
    public static let strideSpec = SettingSpec("stride", .integer(1...SettingsLimits.maxStride), default: "2", Localized(
        en: "how far apart the copies of the kernel start",
        ko: "커널 사본이 놓이는 간격"))
    public static let paddingSpec = SettingSpec("padding", .choice(TransposedPadding.allCases.map(\.rawValue)), default: "valid", Localized(
        en: "Keras Conv2DTranspose: `valid` gives `(n−1)·s + max(k, s)`, `same` crops to `n·s`",
        ko: "Keras Conv2DTranspose: `valid`는 `(n−1)·s + max(k, s)`, `same`은 `n·s`로 잘라냄"))

    public static let settings: [SettingSpec] = [inputSpec, .kernel, strideSpec, paddingSpec]

    /// A 2×2 input, the app's example 3×3 kernel, stride 2: four copies overlapping on the middle row and column.
    public static let example = TransposedSettings(
        input: Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4]), kernel: ConvSettings.example.kernel, stride: 2, padding: .valid)

    public init(input: Matrix, kernel: Matrix, stride: Int, padding: TransposedPadding) {
        self.input = input
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
    }

    public init() { self = .example }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        let d = Self.example
        input = try c.matrix(Self.inputSpec, default: d.input)
        kernel = try c.matrix(SettingSpec.kernel, default: d.kernel)
        stride = try c.integer(Self.strideSpec, default: d.stride)
        padding = try TransposedPadding(parsing: c.choice(Self.paddingSpec, default: d.padding.rawValue))
    }

    public func validate() throws(SettingsProblem) {
        do { _ = try trace() } catch { throw SettingsProblem(nil, error.description) }
    }

    /// The engine's scatter record of these settings.
    public func trace() throws(CNNError) -> TransposedConvTrace {
        try TransposedConvTrace(input: input, kernel: kernel, stride: stride, padding: padding)
    }
}
