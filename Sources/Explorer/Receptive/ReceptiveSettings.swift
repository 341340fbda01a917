import CNN

/// Stacks of window layers the receptive scene starts from.
public enum ReceptiveStack: String, CaseIterable, Sendable {
    /// The MNIST convnet of the notes: conv 3×3 → pool 2×2 → conv 3×3 → pool 2×2 → conv 3×3.
    case seed
    /// The same three convolutions without pooling (the notes' `model_no_max_pool`).
    case convs
    /// Downsampling by stride instead of pooling: conv 3×3 s2 → conv 3×3 s2 → conv 3×3.
    case strided

    public var layers: [WindowLayer] {
        switch self {
        case .seed:
            [WindowLayer(.conv, kernel: 3), WindowLayer(.pool, kernel: 2, stride: 2), WindowLayer(.conv, kernel: 3),
             WindowLayer(.pool, kernel: 2, stride: 2), WindowLayer(.conv, kernel: 3)]
        case .convs: Array(repeating: WindowLayer(.conv, kernel: 3), count: 3)
        case .strided: [WindowLayer(.conv, kernel: 3, stride: 2), WindowLayer(.conv, kernel: 3, stride: 2), WindowLayer(.conv, kernel: 3)]
        }
    }

    public var title: Localized {
        switch self {
        case .seed: Localized(en: "the MNIST convnet", ko: "MNIST 합성곱 신경망")
        case .convs: Localized(en: "three 3×3 convs, no pooling", ko: "풀링 없는 3×3 합성곱 세 개")
        case .strided: Localized(en: "stride 2 instead of pooling", ko: "풀링 대신 스트라이드 2")
        }
    }
}

extension SettingSpec {
    public static let receptiveStack = SettingSpec("stack", .choice(ReceptiveStack.allCases.map(\.rawValue)), default: "seed", Localized(
        en: "the layers to start from: `seed` conv3 → pool2 → conv3 → pool2 → conv3, `convs` three 3×3 convs, `strided` convs with stride 2",
        ko: "처음 층 구성: `seed` conv3 → pool2 → conv3 → pool2 → conv3, `convs` 3×3 합성곱 세 개, `strided` 스트라이드 2 합성곱"))
    public static let receptiveSize = SettingSpec("size", .integer(8...32), default: "28", Localized(
        en: "the input's side (an MNIST digit is 28)",
        ko: "입력의 한 변 (MNIST 숫자는 28)"))
}

/// The receptive scene's settings: the starting stack and the input's side.
public struct ReceptiveSettings: SceneSettings, Equatable {
    public var stack: ReceptiveStack = .seed
    public var size = 28

    public static let settings: [SettingSpec] = [.receptiveStack, .receptiveSize]

    public init() {}

    public init(stack: ReceptiveStack, size: Int = 28) {
        self.stack = stack
        self.size = size
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        stack = ReceptiveStack(rawValue: try c.choice(.receptiveStack, default: "seed")) ?? .seed
        size = try c.integer(.receptiveSize, default: 28)
    }

    public func validate() throws(SettingsProblem) {
        do { _ = try ReceptiveField(inputSize: size, layers: stack.layers) } catch {
            throw SettingsProblem("size", "the \(stack.rawValue) stack does not fit a \(size)×\(size) input: \(error.description)")
        }
    }
}
