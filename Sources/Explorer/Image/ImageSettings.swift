import CNN
import Foundation

/// The image scene's settings: `image` (a file; the built-in picture without it) and `kernel`
/// (a preset's name or a matrix up to 9×9).
public struct ImageSettings: SceneSettings, Equatable {
    /// The picture file, or nil for the built-in one.
    public var image: String?
    /// The kernel: a preset, or a matrix given as such.
    public var kernel: ImageKernel

    public static let settings: [SettingSpec] = [.imageFile, .imageKernel]

    public init() {
        image = nil
        kernel = .preset(.sobelX)
    }

    public init(image: String?, kernel: ImageKernel) {
        self.image = image
        self.kernel = kernel
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: SettingKey.self)
        if c.contains(SettingKey("image")) {
            guard let path = try? c.decode(String.self, forKey: SettingKey("image")), !path.isEmpty else {
                throw SettingsProblem("image", "expected a file name")
            }
            image = path
        }
        if c.contains(SettingKey("kernel")) {
            if let text = try? c.decode(String.self, forKey: SettingKey("kernel")),
               let preset = KernelPreset(rawValue: text.lowercased()) {
                kernel = .preset(preset)
            } else {
                kernel = .matrix(try c.matrix(SettingKey("kernel"), default: KernelPreset.sobelX.kernel, maxSize: SettingsLimits.maxKernel))
            }
        }
    }
}

extension ImageSettings {
    /// A file that is not there (or not a readable file) is said where the scene is asked for
    /// (`stride show image --image typo.png` stops before the screen starts); what is inside the
    /// file is read and checked when the scene opens, and a bad picture is shown as its error.
    public func validate() throws(SettingsProblem) {
        guard let image else { return }
        var info = stat()
        guard stat(image, &info) == 0 else {
            throw SettingsProblem("image", "\(image): cannot open: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw SettingsProblem("image", "\(image): not a regular file") }
        guard access(image, R_OK) == 0 else { throw SettingsProblem("image", "\(image): cannot read: \(String(cString: strerror(errno)))") }
    }
}

/// The kernel of the image scene: one of the presets (`k` cycles them) or a matrix of the user's.
public enum ImageKernel: Sendable, Equatable {
    case preset(KernelPreset)
    case matrix(Matrix)

    public var matrix: Matrix {
        switch self {
        case .preset(let p): p.kernel
        case .matrix(let m): m
        }
    }

    /// The next preset (after a matrix: the first).
    public var next: ImageKernel {
        guard case .preset(let p) = self, let i = KernelPreset.allCases.firstIndex(of: p) else { return .preset(KernelPreset.allCases[0]) }
        return .preset(KernelPreset.allCases[(i + 1) % KernelPreset.allCases.count])
    }

    func name(_ language: Language) -> String {
        switch self {
        case .preset(let p): p.title[language]
        case .matrix: Localized(en: "your kernel", ko: "입력한 커널")[language]
        }
    }
}
