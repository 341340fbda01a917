import TestSupport
import Foundation
import Testing
@testable import CNN

@Suite("IDX files and the real MNIST")
struct DataIDXTests {
    @Test(.enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason)) func realMNISTFirstImagesAndLabels() throws {
        let locator = DataLocator(dataDirectory: TestData.mnist, environment: [:], homeDirectory: "/nonexistent")
        let files = try #require(locator.locate(.mnist), "MNIST must be in \(TestData.mnist)")
        #expect(files.kind == .idx(directory: TestData.mnist))
        let (train, test) = try locator.load(.mnist, trainLimit: 100, testLimit: 100)
        #expect(train.count == 100 && test.count == 100)
        #expect(train.height == 28 && train.width == 28)
        #expect(train.images.count == 100 * 784 && train.labels.count == 100)
        #expect(Array(train.labels.prefix(5)) == [5, 0, 4, 1, 9])
        #expect(Array(test.labels.prefix(5)) == [7, 2, 1, 0, 4])
        #expect(train.images.min() == 0 && train.images.max() == 1)
        #expect(train.images.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(train.classNames == (0..<10).map(String.init))
        // The first training image (a 5) has ink in its middle rows and a blank first row.
        #expect(train.image(0).prefix(28).allSatisfy { $0 == 0 })
        #expect(train.image(0).reduce(0, +) > 50)
    }

    @Test(.enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason)) func realMNISTFullTestSplit() throws {
        let (labels, header) = try IDXFile.readLabels(TestData.mnist + "/t10k-labels-idx1-ubyte.gz")
        #expect(header.dims == [10_000] && labels.count == 10_000)
        #expect(labels.allSatisfy { $0 < 10 })
        let images = try IDXFile.inspect(TestData.mnist + "/t10k-images-idx3-ubyte.gz", dimensions: 3)
        #expect(images.dims == [10_000, 28, 28])
    }

    /// Writes images + labels (gzipped or not) into a scratch dir and loads them.
    func roundTrip(gzip: Bool, limit: Int?) throws -> Dataset {
        let dir = makeScratchDirectory()
        defer { removeScratch(dir) }
        let images = idxBytes(dims: [6, 4, 3], body: tinyImages(count: 6, rows: 4, cols: 3))
        let labels = idxBytes(dims: [6], body: [3, 1, 4, 1, 5, 9])
        let ext = gzip ? ".gz" : ""
        writeBytes(gzip ? gzipBytes(images) : images, to: dir + "/i" + ext)
        writeBytes(gzip ? gzipBytes(labels) : labels, to: dir + "/l" + ext)
        return try DataLocator.loadIDX(images: dir + "/i" + ext, labels: dir + "/l" + ext, name: .mnist, limit: limit)
    }

    @Test(arguments: [false, true])
    func readsRawAndGzip(gzip: Bool) throws {
        let all = try roundTrip(gzip: gzip, limit: nil)
        #expect(all.count == 6 && all.height == 4 && all.width == 3)
        #expect(all.labels == [3, 1, 4, 1, 5, 9])
        #expect(all.images == tinyImages(count: 6, rows: 4, cols: 3).map { Float($0) / 255 })
        let two = try roundTrip(gzip: gzip, limit: 2)
        #expect(two.count == 2 && two.labels == [3, 1] && Array(two.images) == Array(all.images.prefix(24)))
        #expect(try roundTrip(gzip: gzip, limit: 100).count == 6)
        #expect(try roundTrip(gzip: gzip, limit: 0).count == 0)
    }

    /// A corrupt images file and a phrase its error must contain.
    static let corruptImages: [(name: String, bytes: [UInt8], phrase: String)] = {
        let good = idxBytes(dims: [6, 4, 3], body: tinyImages(count: 6, rows: 4, cols: 3))
        return [
            ("empty", [], "too short"),
            ("short header", Array(good.prefix(9)), "too short"),
            ("wrong magic", idxBytes(dims: [6, 4, 3], body: tinyImages(count: 6, rows: 4, cols: 3), magic: 0x0000_0903), "magic number 0x00000903"),
            ("labels not images", idxBytes(dims: [20], body: [UInt8](repeating: 1, count: 20)), "images and labels swapped"),
            ("truncated", Array(good.dropLast(5)), "truncated"),
            ("extra bytes", good + [0, 0], "extra bytes"),
            ("huge count", idxBytes(dims: [0x0FFF_FFFF, 4, 3], body: []), "needs"),
            ("huge dims", idxBytes(dims: [0x7FFF_FFFF, 0x7FFF_FFFF, 0x7FFF_FFFF], body: []), "implausible"),
            ("zero-size images", idxBytes(dims: [6, 0, 3], body: []), "0×3"),
            ("double gzip", gzipBytes(gzipBytes(good)), "gzip inside gzip"),
            ("text", Array("hello, this is not an IDX file at all".utf8), "not an IDX images file"),
        ]
    }()

    @Test(arguments: corruptImages.indices)
    func rejectsCorruptImageFiles(index: Int) throws {
        let (name, bytes, phrase) = Self.corruptImages[index]
        for gzip in [false, true] {
            for limit in [nil, 1] as [Int?] {
                let dir = makeScratchDirectory()
                defer { removeScratch(dir) }
                let path = dir + "/train-images-idx3-ubyte" + (gzip ? ".gz" : "")
                writeBytes(gzip ? gzipBytes(bytes) : bytes, to: path)
                do {
                    _ = try IDXFile.readImages(path, limit: limit)
                    Issue.record("\(name) (gzip: \(gzip), limit: \(String(describing: limit))) was accepted")
                } catch {
                    guard case .badFile(let p, nil, let message) = error else { Issue.record("\(error)"); continue }
                    #expect(p == path)
                    #expect(message.contains(phrase), "\(name) gzip=\(gzip) limit=\(String(describing: limit)): \(message)")
                }
            }
        }
    }

    @Test func truncatedGzipStreamIsAnError() throws {
        let dir = makeScratchDirectory()
        defer { removeScratch(dir) }
        let good = gzipBytes(idxBytes(dims: [50, 28, 28], body: tinyImages(count: 50, rows: 28, cols: 28)))
        for cut in [good.count - 1, good.count - 8, good.count / 2, 30] {
            let path = dir + "/cut\(cut).gz"
            writeBytes(Array(good.prefix(cut)), to: path)
            for limit in [nil, 1, 49] as [Int?] {
                #expect(throws: CNNError.self, "cut at \(cut), limit \(String(describing: limit))") {
                    try IDXFile.readImages(path, limit: limit)
                }
            }
        }
        // Corrupt compressed bytes in the middle.
        var flipped = good
        for i in stride(from: 20, to: flipped.count - 10, by: 7) { flipped[i] ^= 0xFF }
        writeBytes(flipped, to: dir + "/flipped.gz")
        #expect(throws: CNNError.self) { try IDXFile.readImages(dir + "/flipped.gz") }
    }

    @Test func labelsMustMatchImagesAndClasses() throws {
        let dir = makeScratchDirectory()
        defer { removeScratch(dir) }
        writeBytes(idxBytes(dims: [3, 2, 2], body: tinyImages(count: 3, rows: 2, cols: 2)), to: dir + "/i")
        writeBytes(idxBytes(dims: [2], body: [1, 2]), to: dir + "/l2")
        writeBytes(idxBytes(dims: [3], body: [1, 10, 2]), to: dir + "/l10")
        #expect(throws: CNNError.badFile(path: dir + "/l2", line: nil, message: "2 labels for the 3 images in \(dir)/i")) {
            try DataLocator.loadIDX(images: dir + "/i", labels: dir + "/l2", name: .mnist, limit: nil)
        }
        #expect(throws: CNNError.badFile(path: dir + "/l10", line: nil, message: "label 10 of item 1 is not a class (0–9)")) {
            try DataLocator.loadIDX(images: dir + "/i", labels: dir + "/l10", name: .fashion, limit: nil)
        }
        #expect(throws: CNNError.self) { try IDXFile.readImages(dir + "/missing") }
        #expect(throws: CNNError.self) { try IDXFile.readImages(dir) }
    }

    /// Seeded, so a failure replays: each damaged file is either refused with an error naming
    /// it, or read as whole images of the header's shape.
    @Test func damagedFilesAreRefusedByNameOrReadWhole() {
        let dir = makeScratchDirectory()
        defer { removeScratch(dir) }
        var rng = SeededGenerator(seed: 77)
        let good = idxBytes(dims: [4, 3, 3], body: tinyImages(count: 4, rows: 3, cols: 3))
        for round in 0..<60 {
            var bytes = good
            for _ in 0..<(1 + round % 4) { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            if round % 3 == 0 { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng))) }
            let path = dir + "/r\(round)" + (round % 2 == 0 ? ".gz" : "")
            writeBytes(round % 2 == 0 ? gzipBytes(bytes) : bytes, to: path)
            do {
                let (images, header) = try IDXFile.readImages(path, limit: round % 5 == 0 ? 2 : nil)
                #expect(header.dims.count == 3, "round \(round)")
                let count = min(header.count, round % 5 == 0 ? 2 : header.count)
                #expect(images.count == count * header.dims[1] * header.dims[2], "round \(round): whole images only")
            } catch {
                switch error {
                case .badFile(let p, _, _), .io(let p, _): #expect(p == path, "round \(round): \(error.description)")
                default: Issue.record("round \(round): \(error.description)")
                }
            }
        }
    }
}
