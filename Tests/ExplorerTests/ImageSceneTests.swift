import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

/// The image scene: the picture and the kernel's output in half blocks, from the engine.
@Suite("Image scene")
struct ImageSceneTests {
    /// The scene's area in an 80×24 terminal (title bar and footer take a row each).
    static let area = Rect(x: 0, y: 1, width: 80, height: 22)

    static func rendered(_ scene: ImageScene, charset: Charset = .unicode) -> Buffer {
        var buffer = Buffer(width: 80, height: 24, charset: charset)
        let outside = buffer.clipped(to: area) { scene.render(into: &$0, area: area) }
        #expect(outside == 0)
        return buffer
    }

    static func opened(_ settings: ImageSettings = ImageSettings(), language: Language = .en, shades: Bool = false) -> ImageScene {
        var scene = ImageScene(settings: settings, language: language, shades: shades)
        _ = scene.update(.resize(width: area.width, height: area.height))
        return scene
    }

    @Test("the built-in picture at 1/2 beside its Sobel x output: every cell's text and grey")
    func builtInPictureWholeBuffer() throws {
        let scene = Self.opened()
        let buffer = Self.rendered(scene)
        let picture = String(repeating: "▀", count: 32)
        var expected = ["", " kernel: Sobel x  [-1 0 1; -2 0 2; -1 0 1]",
                        " shown at 1/2: 64×48 → 32×24 px · padding same · built-in picture",
                        " picture (grey 0–255)                    output of Sobel x"]
        expected += Array(repeating: " " + picture + String(repeating: " ", count: 8) + picture, count: 12)
        expected += Array(repeating: "", count: 6)
        expected.append(" output size 32×24 · heatmap −892 black · 0 mid-grey · +892 white")
        expected.append("")
        #expect(buffer.lines.count == expected.count)
        for (y, (line, want)) in zip(buffer.lines, expected).enumerated() { #expect(line == want, "row \(y)") }

        // The greys: the picture shrunk by area averaging, and the engine's conv2d of it.
        let shown = BuiltInPicture.image.downscaled(by: 2)
        let output = try conv2d(shown.matrix, KernelPreset.sobelX.kernel, padding: .same)
        let limit = output.values.map(abs).max()!
        #expect(limit == 892)
        for cy in 0..<12 {
            for cx in 0..<32 {
                let left = buffer[1 + cx, 4 + cy].style, right = buffer[41 + cx, 4 + cy].style
                #expect(left.foreground == .grey(level: Double(shown[2 * cy, cx]) / 255))
                #expect(left.background == .grey(level: Double(shown[2 * cy + 1, cx]) / 255))
                #expect(right.foreground == .grey(level: Double(0.5 + output[2 * cy, cx] / (2 * limit))))
                #expect(right.background == .grey(level: Double(0.5 + output[2 * cy + 1, cx] / (2 * limit))))
            }
        }
        // One output cell by hand: the square's left edge (value 150 from column 17 of the
        // half-size picture, 30 before it) gives a Sobel x response of 4·(150 − 30) = 480.
        #expect(shown[8, 16] == 30 && shown[8, 17] == 150)
        #expect(output[8, 16] == 480)
    }

    @Test("k cycles the presets and back; the box blur's output is not signed")
    func presetsCycle() throws {
        var scene = Self.opened()
        var names: [String] = []
        for _ in 0..<KernelPreset.allCases.count {
            _ = scene.update(.key(.char("k")))
            names.append(scene.status)
        }
        #expect(names == ["Sobel y", "sharpen", "Laplacian", "identity", "box blur", "Sobel x"])
        var box = Self.opened(ImageSettings(image: nil, kernel: .preset(.box)))
        _ = box.update(.resize(width: 80, height: 22))
        let lines = Self.rendered(box).lines
        // The box blur's largest output, from the engine: where the line (255) crosses the disk (230).
        let top = try conv2d(BuiltInPicture.image.downscaled(by: 2).matrix, KernelPreset.box.kernel, padding: .same).values.max()!
        #expect(top > 230 && top < 255)
        #expect(lines[22] == " output size 32×24 · heatmap 0 black … \(formatNumber(top)) white", "\(lines[22])")
        #expect(lines[1].hasPrefix(" kernel: box blur  [0.111 0.111 0.111;"), "\(lines[1])")
    }

    @Test("a file is read by a command; the scene says so until it arrives, then shows it")
    func loadsAFile() throws {
        let dir = NSTemporaryDirectory() + "stride-image-scene-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.png"
        // 300×100: shrunk by 8 to 38×13 (the panels are 38 columns by 18 rows = 36 pixels).
        let pixels = (0..<30_000).map { UInt8(($0 % 300) * 255 / 299) }
        try GreyImage(width: 300, height: 100, pixels: pixels).writePNG(to: path)
        var scene = Self.opened(ImageSettings(image: path, kernel: .preset(.identity)))
        #expect(Self.rendered(scene).lines[3] == " reading \(path)…")
        guard case .perform(let work) = scene.start() else { Issue.record("no read command"); return }
        _ = scene.update(.own(work()))
        let lines = Self.rendered(scene).lines
        #expect(lines[2] == " shown at 1/8: 300×100 → 38×13 px · padding same · big.png", "\(lines)")
        #expect(lines[4].hasPrefix(" " + String(repeating: "▀", count: 38) + "  " + String(repeating: "▀", count: 38)))
    }

    @Test("a hostile file is shown as its error, naming the file")
    func showsTheError() throws {
        let dir = NSTemporaryDirectory() + "stride-image-scene-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/huge.pgm"
        try Data("P5 100000 100000 255\n".utf8).write(to: URL(fileURLWithPath: path))
        var scene = Self.opened(ImageSettings(image: path, kernel: .preset(.identity)))
        guard case .perform(let work) = scene.start() else { Issue.record("no read command"); return }
        _ = scene.update(.own(work()))
        let text = Self.rendered(scene).lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("\(path): the picture declares 100000×100000 pixels; Stride reads at most 16384 on a side and 16777216 pixels in all"), "\(text)")
        #expect(!text.contains("▀"))
    }

    @Test("ASCII and NO_COLOR draw shade characters; Korean fits the same layout")
    func fallbacksAndKorean() throws {
        let ascii = Self.rendered(Self.opened(), charset: .ascii)
        #expect(ascii.lines[4].allSatisfy { $0.isASCII } && ascii.lines[4].contains("@") == false)
        #expect(ascii.lines[4].contains(where: { ".:-=+*#%".contains($0) }), "\(ascii.lines[4])")
        let shades = Self.rendered(Self.opened(shades: true))
        #expect(shades.lines[4] == ascii.lines[4])
        let ko = Self.rendered(Self.opened(language: .ko)).lines
        #expect(ko[2] == " 1/2 크기로 표시: 64×48 → 32×24 픽셀 · 패딩 same · 기본 그림", "\(ko)")
        #expect(ko[22] == " 출력 크기 32×24 · 히트맵 −892 검정 · 0 중간 회색 · +892 흰색")
    }

    @Test("settings: a preset's name or a matrix for kernel; bad values are refused naming the flag")
    func settings() throws {
        let registry = ScreenRegistry.builtIn
        let scene = try registry.make("image", settings: .flags(["kernel": "laplacian"]), language: .en) as! ImageScene
        #expect(scene.kernel == .preset(.laplacian))
        let matrix = try registry.make("image", settings: .flags(["kernel": "1 2; 3 4"]), language: .en) as! ImageScene
        #expect(matrix.kernel == .matrix(Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4])))
        #expect(throws: SettingsError.self) { try registry.make("image", settings: .flags(["kernel": "blur"]), language: .en) }
        #expect(throws: SettingsError.self) { try registry.make("image", settings: .flags(["kernel": String(repeating: "1 ", count: 10)]), language: .en) }
        #expect(throws: SettingsError.self) { try registry.make("image", settings: .flags(["image": ""]), language: .en) }
        #expect(throws: SettingsError(flag: "image", message: "/nonexistent/pic.png: cannot open: No such file or directory")) {
            try registry.make("image", settings: .flags(["image": "/nonexistent/pic.png"]), language: .en)
        }
        #expect(throws: SettingsError(flag: "image", message: "/tmp: not a regular file")) {
            try registry.make("image", settings: .flags(["image": "/tmp"]), language: .en)
        }
    }
}
