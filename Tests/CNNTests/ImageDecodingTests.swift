import Foundation
import TestSupport
import Testing
@testable import CNN

/// PNG, JPEG and PGM reading: tiny pictures written here (by libpng/libjpeg through the
/// engine's own encoders, or PNG bytes assembled by hand), and hostile files.
@Suite("Image decoding")
struct ImageDecodingTests {
    // MARK: - Hand-written PNG

    /// A PNG assembled by hand: IHDR, one IDAT of `raw` (filter bytes included) in stored
    /// (uncompressed) deflate blocks, IEND. `mutate` may change the chunks before CRCs are final.
    static func handPNG(width: UInt32, height: UInt32, bitDepth: UInt8 = 8, colorType: UInt8 = 0,
                        interlace: UInt8 = 0, raw: [UInt8], extraChunks: [(String, [UInt8])] = []) -> [UInt8] {
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(crc32(body))
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var rest = raw[...]
        repeat {
            let block = rest.prefix(65_535)
            rest = rest.dropFirst(block.count)
            let n = UInt16(block.count)
            zlib += [rest.isEmpty ? 1 : 0, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8(~n >> 8)] + block
        } while !rest.isEmpty
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        zlib += be32(b << 16 | a)
        let ihdr = be32(width) + be32(height) + [bitDepth, colorType, 0, 0, interlace]
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr)
        for (type, data) in extraChunks { png += chunk(type, data) }
        return png + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    /// Rows with filter byte 0 in front of each.
    static func unfiltered(_ rows: [[UInt8]]) -> [UInt8] { rows.flatMap { [0] + $0 } }

    static func decode(_ bytes: [UInt8], budget: ImageBudget = .standard) throws(CNNError) -> GreyImage {
        try GreyImage.decode(bytes, path: "pic.png", budget: budget)
    }

    // MARK: - PNG

    @Test("a grey PNG written by libpng reads back exactly")
    func greyPNGRoundTrip() throws {
        let picture = GreyImage(width: 3, height: 2, pixels: [0, 10, 20, 128, 254, 255])
        let back = try Self.decode(try picture.pngData())
        #expect(back == picture)
    }

    @Test("colour becomes BT.601 luma; transparency is composited over white")
    func rgbaPNGToGrey() throws {
        let rgba: [UInt8] = [255, 0, 0, 255,   0, 255, 0, 255,   0, 0, 255, 255,
                             0, 0, 0, 128,     255, 0, 0, 0,     200, 100, 50, 255]
        let back = try Self.decode(try GreyImage.pngData(rgba, width: 3, height: 2, channels: 4))
        // 0.299·255 = 76.2, 0.587·255 = 149.7, 0.114·255 = 29.1; black at α=128/255 over white:
        // 255·(1 − 128/255) = 127; fully transparent → white; 0.299·200+0.587·100+0.114·50 = 124.2.
        #expect(back.pixels == [76, 150, 29, 127, 255, 124])
    }

    @Test("hand-written PNGs: 16-bit grey, 1-bit grey, palette with transparency, interlaced")
    func handWrittenPNGKinds() throws {
        // 16-bit grey 2×1: 0x0000 and 0xFFFF → 0 and 255 (the high byte is kept).
        let sixteen = Self.handPNG(width: 2, height: 1, bitDepth: 16, raw: Self.unfiltered([[0, 0, 0xFF, 0xFF]]))
        #expect(try Self.decode(sixteen).pixels == [0, 255])
        // 1-bit grey 3×1: bits 1 0 1 → 255 0 255.
        let oneBit = Self.handPNG(width: 3, height: 1, bitDepth: 1, raw: Self.unfiltered([[0b1010_0000]]))
        #expect(try Self.decode(oneBit).pixels == [255, 0, 255])
        // Palette: entry 0 red, entry 1 green (transparent via tRNS → white).
        let palette = Self.handPNG(width: 2, height: 1, colorType: 3, raw: Self.unfiltered([[0, 1]]),
                                   extraChunks: [("PLTE", [255, 0, 0, 0, 255, 0]), ("tRNS", [255, 0])])
        #expect(try Self.decode(palette).pixels == [76, 255])
        // Adam7-interlaced 2×2 grey: pass 1 has (0,0); pass 6 has (0,1); pass 7 has row 1.
        let interlaced = Self.handPNG(width: 2, height: 2, interlace: 1, raw: [0, 10, 0, 20, 0, 30, 40])
        #expect(try Self.decode(interlaced).pixels == [10, 20, 30, 40])
    }

    // MARK: - JPEG

    @Test("JPEGs written by libjpeg-turbo read back within the codec's loss")
    func jpegRoundTrip() throws {
        let flat = GreyImage(width: 16, height: 8, pixels: [UInt8](repeating: 100, count: 128))
        let back = try Self.decode(try flat.jpegData(quality: 95))
        #expect(back.width == 16 && back.height == 8)
        #expect(back.pixels.allSatisfy { abs(Int($0) - 100) <= 1 }, "\(back.pixels)")
        // A colour JPEG: pure red becomes its luma, 76 (JPEG's own YCbCr is the same BT.601).
        let red = [UInt8]((0..<64).flatMap { _ in [UInt8(255), 0, 0] })
        let backRed = try Self.decode(try GreyImage.jpegData(red, width: 8, height: 8, channels: 3, quality: 95))
        #expect(backRed.pixels.allSatisfy { abs(Int($0) - 76) <= 2 }, "\(backRed.pixels)")
    }

    // MARK: - PGM

    @Test("PGM: plain P2 with comments and maxval 15, raw P5 8-bit and 16-bit")
    func pgmKinds() throws {
        let plain = Array("P2\n# a comment\n3 2 # size\n15\n0 15 7\n# mid\n8 1 15\n".utf8)
        // round(255·v/15): 0, 255, 119, 136, 17, 255.
        #expect(try Self.decode(plain).pixels == [0, 255, 119, 136, 17, 255])
        let raw8 = Array("P5 2 2 255\n".utf8) + [0, 1, 254, 255]
        #expect(try Self.decode(raw8) == GreyImage(width: 2, height: 2, pixels: [0, 1, 254, 255]))
        let raw16 = Array("P5\n2 1\n65535\n".utf8) + [0xFF, 0xFF, 0x80, 0x00]
        #expect(try Self.decode(raw16).pixels == [255, 128])
    }

    // MARK: - Hostile files

    /// The error's text, or nil when the bytes decode.
    static func failure(_ bytes: [UInt8], budget: ImageBudget = .standard) -> String? {
        do { _ = try GreyImage.decode(bytes, path: "pic.png", budget: budget); return nil } catch { return error.description }
    }

    @Test("truncated PNG, JPEG and PGM files are refused with the file's name")
    func truncatedFiles() throws {
        let picture = GreyImage(width: 40, height: 30, pixels: (0..<1200).map { UInt8($0 % 251) })
        let png = try picture.pngData(), jpeg = try picture.jpegData()
        for cut in [9, 20, png.count / 2, png.count - 20] {
            let message = try #require(Self.failure(Array(png.prefix(cut))), "PNG cut at \(cut) decoded")
            #expect(message.hasPrefix("pic.png: not a readable PNG"), "\(message)")
        }
        for cut in [3, 100, jpeg.count / 2, jpeg.count - 2] {
            let message = try #require(Self.failure(Array(jpeg.prefix(cut))), "JPEG cut at \(cut) decoded")
            #expect(message.hasPrefix("pic.png: not a readable JPEG"), "\(message)")
        }
        #expect(Self.failure(Array("P5 4 4 255\n".utf8) + [1, 2, 3]) == "pic.png: the picture ends after 3 of 16 values (truncated)")
        #expect(Self.failure(Array("P2 2 2 255\n1 2\n3".utf8)) == "pic.png:3: the picture ends after 3 of 4 values (truncated)")
        #expect(Self.failure(Array("P2 2".utf8)) == "pic.png:1: the header ends before its height (truncated)")
    }

    @Test("a header claiming 100000×100000 pixels is refused before any pixel is allocated")
    func lyingSizes() throws {
        let png = Self.handPNG(width: 100_000, height: 100_000, raw: [0])
        #expect(Self.failure(png) == "pic.png: the picture declares 100000×100000 pixels; Stride reads at most 16384 on a side and 16777216 pixels in all (shrink it first)")
        #expect(Self.failure(Array("P5 100000 100000 255\n".utf8))?.contains("declares 100000×100000") == true)
        // A JPEG whose frame header (SOF0) says 60000×60000.
        var jpeg = try GreyImage(width: 8, height: 8, pixels: [UInt8](repeating: 9, count: 64)).jpegData()
        let sof = try #require((0..<(jpeg.count - 1)).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 })
        jpeg.replaceSubrange((sof + 5)...(sof + 8), with: [0xEA, 0x60, 0xEA, 0x60])
        #expect(Self.failure(jpeg)?.contains("declares 60000×60000 pixels") == true, "\(Self.failure(jpeg) ?? "decoded")")
        // Within the sides but over a small budget's pixel count.
        let small = ImageBudget(maxPixels: 8, maxSide: 100)
        #expect(Self.failure(try GreyImage(width: 3, height: 3, pixels: [UInt8](repeating: 0, count: 9)).pngData(), budget: small)?
            .contains("declares 3×3 pixels") == true)
    }

    @Test("zero sizes, a bad CRC, garbage after a JPEG marker, an empty file, an unknown format")
    func brokenFiles() throws {
        #expect(Self.failure(Array("P5 0 5 255\n".utf8)) == "pic.png: the picture is 0×5 pixels: there is nothing to show")
        #expect(Self.failure(Self.handPNG(width: 0, height: 3, raw: [0]))?.hasPrefix("pic.png: not a readable PNG") == true)
        var png = Self.handPNG(width: 1, height: 1, raw: [0, 7])
        png[29] ^= 0xFF  // IHDR's CRC (8 signature + 4 length + 4 type + 13 data = byte 29 onwards)
        let crc = try #require(Self.failure(png))
        #expect(crc.hasPrefix("pic.png: not a readable PNG") && crc.contains("CRC"), "\(crc)")
        var garbage: [UInt8] = [0xFF, 0xD8, 0xFF]
        var state: UInt32 = 12_345
        for _ in 0..<500 { state = state &* 1_103_515_245 &+ 12_345; garbage.append(UInt8(truncatingIfNeeded: state >> 16)) }
        #expect(Self.failure(garbage)?.hasPrefix("pic.png: not a readable JPEG") == true)
        #expect(Self.failure([]) == "pic.png: the file is empty")
        #expect(Self.failure(Array("GIF89a".utf8))?.contains("not a PNG, JPEG or PGM") == true)
        #expect(Self.failure(Array("P5 2 1 255\n".utf8) + [1, 9], budget: .standard) == nil)
        #expect(Self.failure(Array("P5 2 1 8\n".utf8) + [1, 9]) == "pic.png: value 9 at pixel 1 is above maxval 8")
    }

    @Test("loading a file: a missing one and a folder are named")
    func loadingFiles() throws {
        let dir = NSTemporaryDirectory() + "stride-image-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let picture = GreyImage(width: 2, height: 2, pixels: [1, 2, 3, 4])
        try picture.writePNG(to: dir + "/a.png")
        #expect(try GreyImage.load(dir + "/a.png") == picture)
        #expect(throws: CNNError.self) { try GreyImage.load(dir + "/missing.png") }
        #expect(throws: CNNError.io(path: dir, message: "not a regular file")) { try GreyImage.load(dir) }
    }

    // MARK: - Resizing and normalising

    @Test("area-average downscaling and the fit factor")
    func downscale() {
        let image = GreyImage(width: 5, height: 3, pixels: [0, 2, 4, 6, 8,
                                                            10, 12, 14, 16, 18,
                                                            20, 22, 24, 26, 28])
        let half = image.downscaled(by: 2)
        // Blocks: (0,2,10,12)=6, (4,6,14,16)=10, (8,18)=13, (20,22)=21, (24,26)=25, (28)=28.
        #expect(half == GreyImage(width: 3, height: 2, pixels: [6, 10, 13, 21, 25, 28]))
        #expect(image.downscaled(by: 1) == image)
        #expect(GreyImage(width: 1000, height: 500, pixels: [UInt8](repeating: 0, count: 500_000)).fitFactor(maxWidth: 36, maxHeight: 40) == 28)
        #expect(image.fitFactor(maxWidth: 36, maxHeight: 40) == 1)
    }

    @Test("a feature map normalised to 0…255: min → 0, max → 255")
    func normalise() {
        let map = Matrix(rows: 1, cols: 4, values: [-2, 0, 1, 8])
        #expect(GreyImage(normalising: map).pixels == [0, 51, 77, 255])
        #expect(GreyImage(normalising: Matrix(rows: 1, cols: 2, values: [3, 3])).pixels == [0, 0])
    }

    // MARK: - Fuzz seeds

    /// The seeds of the `image` fuzz target (`fuzz/corpus/image`), made here rather than
    /// downloaded: `STRIDE_WRITE_FUZZ_SEEDS=1 swift test --filter ImageDecoding` writes them.
    static func seeds() throws -> [(name: String, bytes: [UInt8], size: (Int, Int)?)] {
        let grey = GreyImage(width: 4, height: 3, pixels: (0..<12).map { UInt8($0 * 20) })
        let rgba: [UInt8] = [255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 9, 9, 9, 255]
        var rgb: [UInt8] = []
        for i in 0..<64 { rgb += [UInt8(i * 4), 100, UInt8(255 - i * 4)] }
        let png = try grey.pngData()
        let ramp = GreyImage(width: 8, height: 8, pixels: (0..<64).map { UInt8($0 * 3) })
        var seeds: [(name: String, bytes: [UInt8], size: (Int, Int)?)] = []
        seeds.append(("grey.png", png, (4, 3)))
        seeds.append(("rgba.png", try GreyImage.pngData(rgba, width: 2, height: 2, channels: 4), (2, 2)))
        seeds.append(("palette.png", handPNG(width: 2, height: 1, colorType: 3, raw: unfiltered([[0, 1]]),
                                             extraChunks: [("PLTE", [255, 0, 0, 0, 255, 0]), ("tRNS", [255, 0])]), (2, 1)))
        seeds.append(("interlaced.png", handPNG(width: 2, height: 2, interlace: 1, raw: [0, 10, 0, 20, 0, 30, 40]), (2, 2)))
        seeds.append(("sixteen.png", handPNG(width: 2, height: 1, bitDepth: 16, raw: unfiltered([[0, 0, 0xFF, 0xFF]])), (2, 1)))
        seeds.append(("grey.jpg", try ramp.jpegData(quality: 80), (8, 8)))
        seeds.append(("colour.jpg", try GreyImage.jpegData(rgb, width: 8, height: 8, channels: 3, quality: 80), (8, 8)))
        seeds.append(("plain.pgm", Array("P2\n# c\n3 2\n15\n0 15 7\n8 1 15\n".utf8), (3, 2)))
        seeds.append(("raw.pgm", Array("P5 2 2 255\n".utf8) + [0, 1, 254, 255], (2, 2)))
        seeds.append(("raw16.pgm", Array("P5\n2 1\n65535\n".utf8) + [0xFF, 0xFF, 0x80, 0x00], (2, 1)))
        seeds.append(("truncated.png", Array(png.prefix(png.count / 2)), nil))
        seeds.append(("huge.png", handPNG(width: 100_000, height: 100_000, raw: [0]), nil))
        return seeds
    }

    @Test("the image fuzz target's seeds: written by this test, each decodes as named (or fails cleanly)")
    func fuzzSeeds() throws {
        let dir = Repository.root.appendingPathComponent("fuzz/corpus/image").path
        let seeds = try Self.seeds()
        if ProcessInfo.processInfo.environment["STRIDE_WRITE_FUZZ_SEEDS"] == "1" {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for seed in seeds { try Data(seed.bytes).write(to: URL(fileURLWithPath: dir + "/" + seed.name)) }
        }
        for seed in seeds {
            let path = dir + "/" + seed.name
            let bytes = try #require(FileManager.default.contents(atPath: path), "\(path) is missing: run with STRIDE_WRITE_FUZZ_SEEDS=1")
            let image = try? GreyImage.decode(Array(bytes), path: seed.name)
            #expect(image?.width == seed.size?.0 && image?.height == seed.size?.1, "\(seed.name)")
        }
    }
}
