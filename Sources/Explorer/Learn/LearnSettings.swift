import CNN

extension SettingSpec {
    public static let learnTarget = SettingSpec("target", .choice(KernelPreset.allCases.map(\.rawValue)), default: "sobel-x", Localized(
        en: "the kernel that made the target image; the scene learns it back",
        ko: "목표 이미지를 만든 커널; 장면이 이 커널을 다시 학습합니다"))
    public static let learnRate = SettingSpec("rate", .number, default: "0.2", Localized(
        en: "the learning rate of gradient descent (above 0, at most 2)",
        ko: "경사 하강법의 학습률 (0보다 크고 2 이하)"))
    public static let learnSeed = SettingSpec("seed", .integer(0...1_000_000), default: "1", Localized(
        en: "seed of the starting weights (Glorot uniform, as Keras starts a Conv2D)",
        ko: "시작 가중치의 시드 (케라스 Conv2D처럼 글로럿 균등 분포)"))
}

/// The learn scene's settings: the target kernel, the learning rate and the starting weights' seed.
public struct LearnSettings: SceneSettings, Equatable {
    public var target: KernelPreset = .sobelX
    public var rate: Float = 0.2
    public var seed = 1

    public static let settings: [SettingSpec] = [.learnTarget, .learnRate, .learnSeed]

    public init() {}

    public init(target: KernelPreset, rate: Float = 0.2, seed: Int = 1) {
        (self.target, self.rate, self.seed) = (target, rate, seed)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SettingKey.self)
        target = KernelPreset(rawValue: try c.choice(.learnTarget, default: "sobel-x")) ?? .sobelX
        rate = try c.number(.learnRate, default: 0.2)
        seed = try c.integer(.learnSeed, default: 1)
    }

    public func validate() throws(SettingsProblem) {
        guard rate > 0, rate <= 2 else { throw SettingsProblem("rate", "\(rate) is out of range: above 0, at most 2") }
    }
}
