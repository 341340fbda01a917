import Foundation
import Testing

/// `stride conv --image` and `stride show image`: pictures written here (a PGM by hand, a PNG
/// assembled from stored deflate blocks), hostile files, and the scene in tmux.
@Suite("conv --image and show image", .serialized)
struct ImageCommandTests {
    static func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "stride-image-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static let values: [[UInt8]] = [[0, 10, 20, 30, 40], [50, 60, 70, 80, 90], [100, 110, 120, 130, 140], [150, 160, 170, 180, 250]]

    /// A grey PNG made by hand: IHDR, one IDAT of stored deflate blocks, IEND.
    static func png(_ rows: [[UInt8]]) -> [UInt8] {
        func crc(_ bytes: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            }
            return ~c
        }
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] { be32(UInt32(data.count)) + Array(type.utf8) + data + be32(crc(Array(type.utf8) + data)) }
        var raw: [UInt8] = []
        for row in rows { raw.append(0); raw += row }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        let n = UInt16(raw.count)
        var zlib: [UInt8] = [0x78, 0x01, 1, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8(~n >> 8)]
        zlib += raw
        zlib += be32(b << 16 | a)
        let ihdr = be32(UInt32(rows[0].count)) + be32(UInt32(rows.count)) + [8, 0, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("conv --image gives the same feature map as conv --input with the picture's values (PNG and PGM)")
    func imageMatchesMatrixInput() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let png = dir + "/pic.png", pgm = dir + "/pic.pgm"
        try Data(Self.png(Self.values)).write(to: URL(fileURLWithPath: png))
        let plain = "P2\n5 4\n255\n" + Self.values.map { $0.map(String.init).joined(separator: " ") }.joined(separator: "\n") + "\n"
        try plain.write(toFile: pgm, atomically: true, encoding: .utf8)
        let matrix = Self.values.map { $0.map(String.init).joined(separator: " ") }.joined(separator: "; ")
        let reference = try runStride(["conv", "--input", matrix, "--kernel", "-1 0 1; -2 0 2; -1 0 1", "--padding", "same", "--json"])
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try #require(try Self.json(reference.stdout)["output"] as? [[Int]])
        for file in [png, pgm] {
            let r = try runStride(["conv", "--image", file, "--kernel", "sobel-x", "--padding", "same", "--json"])
            #expect(r.status == 0, "\(r.stderr)")
            let object = try Self.json(r.stdout)
            #expect(object["output"] as? [[Int]] == expected)
            #expect(object["shape"] as? [Int] == [4, 5])
            let image = try #require(object["image"] as? [String: Any])
            #expect(image["width"] as? Int == 5 && image["height"] as? Int == 4 && image["path"] as? String == file)
        }
        // Row 1, column 1 by hand: right column minus left column of the 3×3 window, middle row twice.
        #expect(expected[1][1] == (20 - 0) + 2 * (70 - 50) + (120 - 100))
        let text = try runStride(["conv", "--image", pgm, "--kernel", "1"])
        #expect(text.stdout == "  0  10  20  30  40\n 50  60  70  80  90\n100 110 120 130 140\n150 160 170 180 250\n", "\(text.stdout)")
    }

    @Test("--output writes the feature map as a PNG, min → 0 and max → 255, read back through --image")
    func outputPNG() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let png = dir + "/pic.png", out = dir + "/map.png"
        try Data(Self.png(Self.values)).write(to: URL(fileURLWithPath: png))
        let r = try runStride(["conv", "--image", png, "--kernel", "1 -1", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        // Differences along each row: −10 everywhere except the last column's 180 − 250 = −70.
        #expect(r.stdout == "wrote \(out): the 4×4 feature map of the 5×4 picture, -70 → 0 … -10 → 255\n", "\(r.stdout)")
        let back = try runStride(["conv", "--image", out, "--kernel", "1", "--json"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try Self.json(back.stdout)["output"] as? [[Int]] == [[255, 255, 255, 255], [255, 255, 255, 255],
                                                                    [255, 255, 255, 255], [255, 255, 255, 0]])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("hostile and wrong files: one clear line naming the file, exit 2, nothing written")
    func hostileFiles() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let truncated = dir + "/cut.png", huge = dir + "/huge.pgm", garbage = dir + "/x.jpg", out = dir + "/o.png"
        try Data(Self.png(Self.values).prefix(40)).write(to: URL(fileURLWithPath: truncated))
        try Data("P5 100000 100000 255\n".utf8).write(to: URL(fileURLWithPath: huge))
        try Data([0xFF, 0xD8, 0xFF, 0xE0] + (0..<300).map { UInt8($0 * 7 % 256) }).write(to: URL(fileURLWithPath: garbage))
        for (file, message) in [(truncated, "not a readable PNG"), (huge, "the picture declares 100000×100000 pixels"),
                                (garbage, "not a readable JPEG"), (dir + "/none.png", "cannot open")] {
            let r = try runStride(["conv", "--image", file, "--kernel", "1", "--output", out])
            #expect(r.status == 2)
            #expect(r.stderr.hasPrefix("stride: \(file): \(message)"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        let folder = try runStride(["conv", "--image", huge, "--output", dir])
        #expect(folder.status == 2 && folder.stderr == "stride: \(dir): is a folder, not a file\n", "\(folder.stderr)")
        let both = try runStride(["conv", "--image", huge, "--input", "1 2"])
        #expect(both.status == 2 && both.stderr == "stride: give --input or --image, not both\n")
        let noImage = try runStride(["conv", "--output", out])
        #expect(noImage.status == 2 && noImage.stderr.contains("give --image FILE"))
    }

    @Test("show image: a picture file in tmux at 80×24, its scale said, k cycles the presets, in both languages")
    func sceneInTmux() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/wide.pgm"
        let width = 400, height = 120
        var bytes = Array("P5 \(width) \(height) 255\n".utf8)
        for r in 0..<height { for c in 0..<width { bytes.append(UInt8((r / 20 + c / 40) % 2 == 0 ? 40 : 220)) } }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        for (lang, scale, preset) in [("en", "shown at 1/11: 400×120 → 37×11 px", "Sobel y"), ("ko", "1/11 크기로 표시: 400×120 → 37×11 픽셀", "소벨 y")] {
            let tmux = try TmuxSession()
            defer { tmux.kill() }
            try tmux.run("\(shellQuote(StrideBinary.path)) show image --image \(shellQuote(file)) --lang \(lang); echo EXIT=$?")
            var screen = try tmux.waitFor(scale)
            #expect(screen.contains(scale) && screen.contains("400×120"), "\(screen)")
            try tmux.send("k")
            screen = try tmux.waitFor(preset)
            #expect(screen.contains(preset), "\(screen)")
            try tmux.send("q")
            screen = try tmux.waitFor("EXIT=0")
            #expect(screen.contains("EXIT=0"))
        }
        let missing = try runStride(["show", "image", "--image", dir + "/typo.png"], environment: ["TERM": "xterm-256color"])
        #expect(missing.status == 2 && missing.stderr == "stride: --image: \(dir)/typo.png: cannot open: No such file or directory\n", "\(missing.stderr)")
        let list = try runStride(["show", "--list"])
        #expect(list.stdout.contains("image  ") || list.stdout.contains("image "), "\(list.stdout)")
    }
}
