import CNN

extension SettingSpec {
    /// Predict mode: every stepped scene takes it (`stride show sliding --predict`,
    /// `predict: true` in a lesson's `scene` block).
    public static let predict = SettingSpec("predict", .boolean, default: "false", Localized(
        en: "predict mode: type each output value before it is shown (Tab shows it without credit)",
        ko: "예측 모드: 출력 값을 보기 전에 먼저 입력 (Tab은 점수 없이 답 보기)"))
}

/// A stepped scene's settings plus `predict`: `S`'s keys and defaults, and whether the student
/// types each output before it is revealed. Decoded from the same flags and YAML as `S`.
public struct Predictable<S: SceneSettings>: SceneSettings {
    public var base: S
    public var predict: Bool

    public static var settings: [SettingSpec] { S.settings + [.predict] }

    public init() {
        base = S()
        predict = false
    }

    public init(_ base: S, predict: Bool = false) {
        self.base = base
        self.predict = predict
    }

    public init(from decoder: any Decoder) throws {
        base = try S(from: decoder)
        let c = try decoder.container(keyedBy: SettingKey.self)
        predict = try c.boolean(.predict, default: false)
    }

    public func validate() throws(SettingsProblem) { try base.validate() }
}

extension KeyedDecodingContainer where Key == SettingKey {
    /// The `true`/`false` `spec` declares (any case; YAML's `true` or a flag's text), or
    /// `value` when left out.
    func boolean(_ spec: SettingSpec, default value: Bool) throws -> Bool {
        let key = SettingKey(spec.key)
        guard contains(key) else { return value }
        if let flag = try? decode(Bool.self, forKey: key) { return flag }
        switch ((try? decode(String.self, forKey: key)) ?? "").lowercased() {
        case "true": return true
        case "false": return false
        case let text: throw SettingsProblem(spec.key, "expected true or false, not '\(text)'")
        }
    }
}
