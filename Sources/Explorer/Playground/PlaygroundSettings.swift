import CNN

/// The playground's settings: a convolution (`ConvSettings`' keys) plus an optional kernel
/// `preset` that replaces `kernel`.
public struct PlaygroundSettings: SceneSettings, Equatable {
    public var conv: ConvSettings

    public static let settings = SettingSpec.convolution + [.preset]

    public init() { conv = .example }

    public init(from decoder: any Decoder) throws {
        conv = try ConvSettings(from: decoder)
        let c = try decoder.container(keyedBy: SettingKey.self)
        if c.contains(.preset) {
            let name = try c.choice(.preset, default: "identity")
            conv.kernel = KernelPreset(rawValue: name)!.kernel
        }
    }

    public func validate() throws(SettingsProblem) { try conv.validate() }
}

/// Classic 3×3 kernels to start from.
public enum KernelPreset: String, CaseIterable, Sendable {
    case identity, box, sobelX = "sobel-x", sobelY = "sobel-y", sharpen, laplacian

    public var kernel: Matrix {
        let v: [Float] = switch self {
        case .identity: [0, 0, 0, 0, 1, 0, 0, 0, 0]
        case .box: [1, 1, 1, 1, 1, 1, 1, 1, 1].map { $0 / 9 }
        case .sobelX: [-1, 0, 1, -2, 0, 2, -1, 0, 1]
        case .sobelY: [-1, -2, -1, 0, 0, 0, 1, 2, 1]
        case .sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0]
        case .laplacian: [0, 1, 0, 1, -4, 1, 0, 1, 0]
        }
        return Matrix(rows: 3, cols: 3, values: v)
    }

    public var title: Localized {
        switch self {
        case .identity: Localized(en: "identity", ko: "항등")
        case .box: Localized(en: "box blur", ko: "평균 블러")
        case .sobelX: Localized(en: "Sobel x", ko: "소벨 x")
        case .sobelY: Localized(en: "Sobel y", ko: "소벨 y")
        case .sharpen: Localized(en: "sharpen", ko: "선명하게")
        case .laplacian: Localized(en: "Laplacian", ko: "라플라시안")
        }
    }
}
