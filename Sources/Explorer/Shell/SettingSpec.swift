import CNN

/// One setting, declared once: its key (YAML key; the flag is `--` + the key with `_` → `-`),
/// what values it takes, its default and its help in both languages. The settings decoders,
/// `stride show`'s options and help, and the settings tables in README.md and
/// lessons/README.md are all made from these declarations (`SettingsDocs`).
public struct SettingSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A matrix `"1 2; 3 4"` of at most `maxSize` rows and columns.
        case matrix(maxSize: Int)
        /// `valid`, `same`, `full` or a number of cells up to `maxCells`.
        case padding(maxCells: Int)
        /// A whole number in the range.
        case integer(ClosedRange<Int>)
        /// A finite number.
        case number
        /// One of these words.
        case choice([String])
        /// `true` or `false` (a bare `--flag` on the command line means true).
        case boolean
        /// Text the screen reads itself (a file name, a preset or a matrix); `values` says what.
        case text(String)
    }

    public let key: String
    public let kind: Kind
    /// The default, as written in the docs ("1", "the window size", "4×4 example").
    public let defaultText: String
    public let help: Localized

    public init(_ key: String, _ kind: Kind, default defaultText: String, _ help: Localized) {
        self.key = key
        self.kind = kind
        self.defaultText = defaultText
        self.help = help
    }

    /// The command-line flag (`--kernel-size`).
    public var flag: String { "--" + cliFlag(key) }

    /// The values it takes, as the docs write them.
    public var values: String {
        switch kind {
        case .matrix(let n): "matrix up to \(n)×\(n)"
        case .padding(let n): "valid, same, full or 0–\(n)"
        case .integer(let range): "\(range.lowerBound)–\(range.upperBound)"
        case .number: "number"
        case .choice(let words): words.joined(separator: ", ")
        case .boolean: "true, false"
        case .text(let what): what
        }
    }
}

/// The settings of every built-in screen.
extension SettingSpec {
    public static let input = SettingSpec("input", .matrix(maxSize: SettingsLimits.maxInput), default: "4×4 example", Localized(
        en: "the input: rows separated by `;`, values by spaces or commas",
        ko: "입력: 행은 `;`로, 값은 공백이나 쉼표로 구분"))
    public static let kernel = SettingSpec("kernel", .matrix(maxSize: SettingsLimits.maxKernel), default: "3×3 example", Localized(
        en: "the kernel, written like the input",
        ko: "커널, 입력과 같은 방식으로 씀"))
    public static let padding = SettingSpec("padding", .padding(maxCells: SettingsLimits.maxPadding), default: "valid", Localized(
        en: "`same` follows Keras: `out = ceil(n/s)`, the odd extra cell goes bottom/right; `full` pads `d(k−1)` on each side",
        ko: "`same`은 Keras와 같음: `out = ceil(n/s)`, 홀수로 남는 칸은 아래·오른쪽에; `full`은 양쪽에 `d(k−1)`칸"))
    public static let stride = SettingSpec("stride", .integer(1...SettingsLimits.maxStride), default: "1", Localized(
        en: "how far the window moves each step",
        ko: "윈도가 한 번에 움직이는 칸 수"))
    public static let dilation = SettingSpec("dilation", .integer(1...SettingsLimits.maxDilation), default: "1", Localized(
        en: "gap between kernel taps; the effective kernel is `d(k−1)+1`",
        ko: "커널 탭 사이 간격; 실제 커널 크기는 `d(k−1)+1`"))
    public static let mode = SettingSpec("mode", .choice(ConvMode.allCases.map(\.rawValue)), default: "correlate", Localized(
        en: "`correlate` is what Keras calls convolution; `convolve` rotates the kernel 180° first",
        ko: "`correlate`는 Keras가 합성곱이라 부르는 것; `convolve`는 커널을 먼저 180° 돌림"))
    public static let bias = SettingSpec("bias", .number, default: "0", Localized(
        en: "added to every output cell",
        ko: "모든 출력 칸에 더하는 값"))
    public static let preset = SettingSpec("preset", .choice(KernelPreset.allCases.map(\.rawValue)), default: "none", Localized(
        en: "a classic 3×3 kernel instead of `kernel`",
        ko: "`kernel` 대신 쓰는 고전적인 3×3 커널"))
    public static let page = SettingSpec("page", .integer(1...2), default: "1", Localized(
        en: "the page to open: 2 is the 1-D example",
        ko: "열 페이지: 2는 1차원 예"))
    public static let poolSize = SettingSpec("size", .integer(1...SettingsLimits.maxKernel), default: "2", Localized(
        en: "the pooling window's side",
        ko: "풀링 윈도의 한 변"))
    public static let poolStride = SettingSpec("stride", .integer(1...SettingsLimits.maxStride), default: "the window size", Localized(
        en: "how far the window moves (Keras: the window size)",
        ko: "윈도가 움직이는 칸 수 (Keras 기본값: 윈도 크기)"))
    public static let poolPadding = SettingSpec("padding", .choice(["valid", "same"]), default: "valid", Localized(
        en: "`same` pads so that `out = ceil(n/s)`",
        ko: "`same`은 `out = ceil(n/s)`가 되도록 패딩"))
    public static let channels = SettingSpec("channels", .integer(1...4), default: "3", Localized(
        en: "input channels",
        ko: "입력 채널 수"))
    public static let filters = SettingSpec("filters", .integer(1...4), default: "2", Localized(
        en: "number of filters (output channels)",
        ko: "필터 수 (출력 채널 수)"))
    public static let inputSize = SettingSpec("size", .integer(2...6), default: "4", Localized(
        en: "the generated input's side",
        ko: "만들어지는 입력의 한 변"))
    public static let kernelSize = SettingSpec("kernel_size", .integer(1...3), default: "3", Localized(
        en: "the kernels' side (at most `size`)",
        ko: "커널의 한 변 (`size` 이하)"))
    public static let exampleSeed = SettingSpec("seed", .integer(0...1_000_000), default: "1", Localized(
        en: "seed of the generated values",
        ko: "만들어지는 값의 시드"))
    public static let quizKind = SettingSpec("kind", .choice(QuizTopic.allCases.map(\.rawValue)), default: "mixed", Localized(
        en: "which questions",
        ko: "어떤 문제"))
    public static let quizCount = SettingSpec("count", .integer(1...1000), default: "10", Localized(
        en: "how many questions",
        ko: "문제 수"))
    public static let quizSeed = SettingSpec("seed", .integer(0...Int.max), default: "from the clock", Localized(
        en: "the same seed gives the same questions (a class can share it)",
        ko: "같은 시드는 같은 문제 (반 전체가 함께 쓸 수 있음)"))
    public static let model = SettingSpec("model", .choice(ModelFile.builtinNames), default: "small", Localized(
        en: "the model to train",
        ko: "학습할 모델"))
    public static let epochs = SettingSpec("epochs", .integer(1...5), default: "1", Localized(
        en: "passes over the training images",
        ko: "학습 이미지를 도는 횟수"))
    public static let limit = SettingSpec("limit", .integer(100...60_000), default: "2000", Localized(
        en: "training images used",
        ko: "사용할 학습 이미지 수"))
    public static let optimizer = SettingSpec("optimizer", .choice(OptimizerKind.allCases.map(\.rawValue)), default: "rmsprop", Localized(
        en: "how the weights are updated (Keras's defaults)",
        ko: "가중치를 고치는 방법 (케라스 기본값)"))
    public static let dataset = SettingSpec("dataset", .choice(["mnist", "fashion"]), default: "mnist", Localized(
        en: "MNIST digits or Fashion-MNIST clothes",
        ko: "MNIST 숫자 또는 패션 MNIST 옷"))
    public static let imageFile = SettingSpec("image", .text("a PNG, JPEG or PGM file"), default: "a built-in picture", Localized(
        en: "the picture, turned grey (BT.601 luma; transparency over white) and shrunk to fit by area averaging",
        ko: "그림: 회색으로 바꾸고(BT.601 휘도, 투명한 곳은 흰색 위에) 화면에 맞게 면적 평균으로 줄임"))
    public static let imageKernel = SettingSpec("kernel", .text("a preset (identity, box, sobel-x, sobel-y, sharpen, laplacian) or a matrix up to 9×9"),
                                                default: "sobel-x", Localized(
        en: "the kernel applied to the picture: a preset's name or a matrix",
        ko: "그림에 적용할 커널: 프리셋 이름이나 행렬"))

    /// A convolution scene's settings.
    public static let convolution: [SettingSpec] = [input, kernel, padding, stride, dilation, mode, bias]
}

// MARK: - Decoding by declaration

extension KeyedDecodingContainer where Key == SettingKey {
    /// The matrix `spec` declares (its size limit), or `value` when left out.
    func matrix(_ spec: SettingSpec, default value: Matrix) throws -> Matrix {
        guard case .matrix(let maxSize) = spec.kind else { throw SettingsProblem(spec.key, "not a matrix setting") }
        return try matrix(SettingKey(spec.key), default: value, maxSize: maxSize)
    }

    /// The padding `spec` declares, or `value` when left out.
    func padding(_ spec: SettingSpec, default value: Padding) throws -> Padding {
        try padding(SettingKey(spec.key), default: value)
    }

    /// The whole number `spec` declares (in its range), or `value` when left out.
    func integer(_ spec: SettingSpec, default value: Int) throws -> Int {
        guard case .integer(let range) = spec.kind else { throw SettingsProblem(spec.key, "not a whole-number setting") }
        return try integer(SettingKey(spec.key), default: value, in: range)
    }

    /// The number `spec` declares, or `value` when left out.
    func number(_ spec: SettingSpec, default value: Float) throws -> Float {
        try number(SettingKey(spec.key), default: value)
    }

    /// One of `spec`'s words, or `value` when left out.
    func choice(_ spec: SettingSpec, default value: String) throws -> String {
        guard case .choice(let words) = spec.kind else { throw SettingsProblem(spec.key, "not a choice setting") }
        return try choice(SettingKey(spec.key), default: value, in: words)
    }

    /// Whether the setting was given.
    func contains(_ spec: SettingSpec) -> Bool { contains(SettingKey(spec.key)) }
}
