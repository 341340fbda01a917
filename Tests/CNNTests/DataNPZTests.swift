import Foundation
import Testing
@testable import CNN

@Suite("Keras mnist.npz (ZIP of .npy arrays)")
struct DataNPZTests {
    func load(_ bytes: [UInt8], train: Int? = nil, test: Int? = nil) throws(CNNError) -> (train: Dataset, test: Dataset) {
        let dir = makeScratchDirectory()
        defer { removeScratch(dir) }
        writeBytes(bytes, to: dir + "/mnist.npz")
        return try NPZDataset.load(dir + "/mnist.npz", name: .mnist, trainLimit: train, testLimit: test)
    }

    @Test(arguments: [false, true])
    func readsStoredAndDeflatedArchives(deflate: Bool) throws {
        let (train, test) = try load(tinyNPZ(train: 5, test: 3, deflate: deflate))
        #expect(train.count == 5 && test.count == 3)
        #expect(train.height == 4 && train.width == 3)
        #expect(train.labels == [0, 1, 2, 3, 4] && test.labels == [0, 1, 2])
        #expect(train.images == tinyImages(count: 5, rows: 4, cols: 3).map { Float($0) / 255 })
        let limited = try load(tinyNPZ(train: 5, test: 3, deflate: deflate), train: 2, test: 1)
        #expect(limited.train.count == 2 && limited.train.labels == [0, 1])
        #expect(Array(limited.train.images) == Array(train.images.prefix(24)))
        #expect(limited.test.count == 1)
    }

    @Test func npyHeaderParsing() throws {
        let h = try NPYHeader(npyBytes(shape: [60000, 28, 28], body: []), path: "p", member: "m")
        #expect(h.descr == "|u1" && !h.fortranOrder && h.shape == [60000, 28, 28] && h.dataOffset % 64 == 0)
        var p = PythonLiteralParser("{'descr': '<f4', \"fortran_order\": True, 'shape': (3L,), }")
        #expect(p.parseDict() == ["descr": .string("<f4"), "fortran_order": .bool(true), "shape": .tuple([3])])
        var q = PythonLiteralParser("{'shape': ()}")
        #expect(q.parseDict() == ["shape": .tuple([])])
        for bad in ["", "{", "{'a' 1}", "{'a': (1, 2}", "{'a': x}", "{'a': 'b'", "{'a': (99999999999999999999999,)}"] {
            var r = PythonLiteralParser(bad)
            #expect(r.parseDict() == nil, "\(bad)")
        }
    }

    static let good = tinyNPZ(train: 5, test: 3)

    /// Archives that must be rejected, with a phrase of the message.
    static let corrupt: [(name: String, bytes: [UInt8], phrase: String)] = [
        ("empty", [], "not a zip archive"),
        ("not zip", Array(String(repeating: "not a zip ", count: 10).utf8), "no end-of-central-directory"),
        ("truncated", Array(good.prefix(good.count / 2)), "no end-of-central-directory"),
        ("missing member", zipBytes([("x_train.npy", npyBytes(shape: [1, 2, 2], body: [0, 0, 0, 0]))]), "no y_train.npy"),
        ("float array", zipBytes([
            ("x_train.npy", npyBytes(shape: [1, 1, 1], body: [0, 0, 0, 0], descr: "<f4")),
            ("y_train.npy", npyBytes(shape: [1], body: [0])),
        ]), "'<f4'"),
        ("wrong rank", zipBytes([("x_train.npy", npyBytes(shape: [4], body: [0, 0, 0, 0]))]), "3 dimensions"),
        ("short array", zipBytes([("x_train.npy", npyBytes(shape: [2, 2, 2], body: [0, 0, 0, 0]))]), "needs"),
        ("not npy", zipBytes([("x_train.npy", Array("hello world, not numpy".utf8))]), "no \\x93NUMPY"),
        ("bad header", zipBytes([("x_train.npy", [0x93] + Array("NUMPY".utf8) + [1, 0, 4, 0] + Array("{'a'".utf8))]), "unreadable"),
        ("huge header", zipBytes([("x_train.npy", [0x93] + Array("NUMPY".utf8) + [2, 0, 0xFF, 0xFF, 0xFF, 0x7F])]), "implausible"),
        ("count mismatch", zipBytes([
            ("x_train.npy", npyBytes(shape: [2, 1, 1], body: [0, 0])),
            ("y_train.npy", npyBytes(shape: [3], body: [0, 0, 0])),
        ]), "2 images but y_train.npy has 3 labels"),
        ("bad label", zipBytes([
            ("x_train.npy", npyBytes(shape: [1, 1, 1], body: [0])),
            ("y_train.npy", npyBytes(shape: [1], body: [12])),
            ("x_test.npy", npyBytes(shape: [1, 1, 1], body: [0])),
            ("y_test.npy", npyBytes(shape: [1], body: [1])),
        ]), "label 12"),
    ]

    @Test(arguments: corrupt.indices)
    func rejectsCorruptArchives(index: Int) {
        let (name, bytes, phrase) = Self.corrupt[index]
        do {
            _ = try load(bytes)
            Issue.record("\(name) was accepted")
        } catch {
            guard case .badFile(let path, nil, let message) = error else { Issue.record("\(name): \(error)"); return }
            #expect(path.hasSuffix("mnist.npz"))
            #expect(message.contains(phrase), "\(name): \(message)")
        }
    }

    @Test func corruptedDataIsCaughtByCRCOrInflate() {
        for deflate in [false, true] {
            let good = tinyNPZ(deflate: deflate)
            // Flip a byte inside the first member's data (after its 30 + 10-byte local header and npy header).
            var bad = good
            bad[30 + 10 + 130] ^= 0x40
            #expect(throws: CNNError.self, "deflate: \(deflate)") { try load(bad) }
        }
    }

    /// Every truncation of a stored and a deflated archive is a `badFile` error naming it.
    @Test func everyTruncationIsABadFileNamingIt() {
        let dir = makeScratchDirectory()
        defer { removeScratch(dir) }
        let path = dir + "/mnist.npz"
        for deflate in [false, true] {
            let good = tinyNPZ(deflate: deflate)
            for n in stride(from: 0, to: good.count, by: 3) {
                writeBytes(Array(good.prefix(n)), to: path)
                do {
                    _ = try NPZDataset.load(path, name: .mnist, trainLimit: nil, testLimit: nil)
                    Issue.record("deflate \(deflate): \(n) of \(good.count) bytes accepted")
                } catch {
                    guard case .badFile(path, nil, let message) = error, !message.isEmpty else {
                        Issue.record("deflate \(deflate), \(n) bytes: \(error)"); continue
                    }
                }
            }
        }
    }

    /// Seeded, so a failure replays: every damaged archive is either a `badFile` error naming
    /// it, or loads to consistent datasets. Read whole, the CRC guards each member, so what
    /// loads is exactly the undamaged data; read as a prefix (a limit), it is at least whole
    /// images with a class label each.
    @Test func mutatedArchivesLoadConsistentlyOrFailNamingTheFile() throws {
        let dir = makeScratchDirectory()
        defer { removeScratch(dir) }
        let path = dir + "/mnist.npz"
        var rng = SeededGenerator(seed: 20261127)
        var accepted = 0, rejected = 0
        for deflate in [false, true] {
            let good = tinyNPZ(deflate: deflate)
            writeBytes(good, to: path)
            let original = try NPZDataset.load(path, name: .mnist, trainLimit: nil, testLimit: nil)
            for round in 0..<250 {
                var bytes = good
                for _ in 0..<(1 + round % 3) {
                    let i = Int.random(in: 0..<bytes.count, using: &rng)
                    if round % 2 == 0 { bytes[i] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng) }
                    else { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
                }
                let limited = round % 4 == 3
                writeBytes(bytes, to: path)
                let what = "deflate \(deflate), round \(round)"
                do {
                    let (train, test) = try NPZDataset.load(path, name: .mnist, trainLimit: limited ? 2 : nil, testLimit: limited ? 1 : nil)
                    accepted += 1
                    for (split, limit) in [(train, limited ? 2 : 5), (test, limited ? 1 : 3)] {
                        #expect(split.count <= limit && split.labels.count == split.count, "\(what)")
                        #expect(split.pixels.count == split.count * split.height * split.width && split.height >= 1 && split.width >= 1, "\(what)")
                        #expect(split.labels.allSatisfy { Int($0) < split.classNames.count }, "\(what)")
                    }
                    if !limited {
                        #expect(train.pixels == original.train.pixels && train.labels == original.train.labels, "\(what): train data changed")
                        #expect(test.pixels == original.test.pixels && test.labels == original.test.labels, "\(what): test data changed")
                        #expect(train.height == 4 && train.width == 3, "\(what)")
                    }
                } catch {
                    rejected += 1
                    guard case .badFile(path, nil, let message) = error, !message.isEmpty else {
                        Issue.record("\(what): not a badFile error naming the file: \(error)"); continue
                    }
                }
            }
        }
        // Both outcomes happen: the test is not vacuous.
        #expect(accepted > 10 && rejected > 100, "accepted \(accepted), rejected \(rejected)")
    }

    @Test func zip64FieldsAreRead() throws {
        // One stored member whose central entry defers all three values to a ZIP64 extra field.
        let data = npyBytes(shape: [1], body: [7])
        let name = Array("y_test.npy".utf8)
        var out = littleEndian32(0x0403_4B50) + littleEndian16(45) + [0, 0, 0, 0, 0, 0, 0, 0]
            + littleEndian32(crc32(data)) + littleEndian32(0xFFFF_FFFF) + littleEndian32(0xFFFF_FFFF)
            + littleEndian16(name.count) + littleEndian16(0) + name + data
        let extra = littleEndian16(1) + littleEndian16(24)
            + littleEndian32(UInt32(data.count)) + littleEndian32(0)
            + littleEndian32(UInt32(data.count)) + littleEndian32(0)
            + littleEndian32(0) + littleEndian32(0)
        let central = littleEndian32(0x0201_4B50) + littleEndian16(45) + littleEndian16(45) + [0, 0, 0, 0, 0, 0, 0, 0]
            + littleEndian32(crc32(data)) + littleEndian32(0xFFFF_FFFF) + littleEndian32(0xFFFF_FFFF)
            + littleEndian16(name.count) + littleEndian16(extra.count) + littleEndian16(0) + littleEndian16(0)
            + littleEndian16(0) + littleEndian32(0) + littleEndian32(0xFFFF_FFFF) + name + extra
        let dirOffset = out.count
        out += central
        out += littleEndian32(0x0605_4B50) + [0, 0, 0, 0] + littleEndian16(1) + littleEndian16(1)
            + littleEndian32(UInt32(central.count)) + littleEndian32(UInt32(dirOffset)) + littleEndian16(0)
        let archive = try ZipArchive(bytes: out, path: "z64")
        let member = try #require(archive.member(named: "y_test.npy"))
        #expect(member.uncompressedSize == data.count && member.localHeaderOffset == 0)
        #expect(try archive.data(of: member) == data)
    }
}
