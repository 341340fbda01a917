import Foundation
import Testing
@testable import CNN

@Suite("SafeTensors files")
struct SafeTensorsTests {
    static let sample = SafeTensors(entries: [
        .init(name: "conv2d/kernel", shape: [3, 3, 1, 2], values: (0..<18).map { Float($0) * 0.5 - 4 }),
        .init(name: "conv2d/bias", shape: [2], values: [-0.0, .infinity]),
        .init(name: "empty", shape: [0, 4], values: []),
        .init(name: "scalar \"q\"\n", shape: [], values: [.pi]),
    ], metadata: ["format": "stride-checkpoint", "model": "input: [28, 28, 1]\nlayers: []\n"])

    /// A file from a header text and data bytes.
    static func file(header: String, data: [UInt8] = []) -> [UInt8] {
        let h = Array(header.utf8)
        return (0..<8).map { UInt8((UInt64(h.count) >> (8 * UInt64($0))) & 0xFF) } + h + data
    }

    @Test func roundTripsInMemoryPreservingOrder() throws {
        let bytes = Self.sample.serialized()
        let back = try SafeTensors(bytes: bytes, path: "mem")
        #expect(back == Self.sample)
        #expect(back.entries.map(\.name) == ["conv2d/kernel", "conv2d/bias", "empty", "scalar \"q\"\n"])
        #expect(back["conv2d/bias"]?.values[1] == .infinity)
        #expect(back["conv2d/bias"]?.values[0].sign == .minus)
        #expect(back.dataChecksum() == Self.sample.dataChecksum())
    }

    @Test func layoutFollowsTheSpec() throws {
        let st = SafeTensors(entries: [.init(name: "a", shape: [2], values: [1, -2])], metadata: ["k": "v"])
        let bytes = st.serialized()
        let n = Int(bytes[0]) | Int(bytes[1]) << 8
        #expect(bytes[2..<8].allSatisfy { $0 == 0 })
        #expect(n % 8 == 0)
        let header = String(decoding: bytes[8..<(8 + n)], as: UTF8.self)
        #expect(header.hasPrefix(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{"k":"v"}}"#))
        #expect(header.trimmingCharacters(in: .whitespaces).hasSuffix("}"))
        #expect(Array(bytes[(8 + n)...]) == [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0])
        // Foundation's JSON parser agrees the header is an object with those fields.
        let object = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + n)])) as? [String: Any]
        #expect((object?["__metadata__"] as? [String: String]) == ["k": "v"])
    }

    @Test func readsAHandWrittenFileInAnyKeyOrder() throws {
        // Keys out of data order, whitespace, no metadata: entries come back in data order.
        let data: [UInt8] = [0, 0, 0x80, 0x3F] + [0, 0, 0, 0x40, 0, 0, 0x40, 0x40]
        let bytes = Self.file(header: #" { "w": {"data_offsets": [4, 12], "shape": [1, 2], "dtype": "F32"}, "b": {"dtype":"F32","shape":[1],"data_offsets":[0,4]} } "#, data: data)
        let st = try SafeTensors(bytes: bytes, path: "hand")
        #expect(st.entries == [.init(name: "b", shape: [1], values: [1]), .init(name: "w", shape: [1, 2], values: [2, 3])])
        #expect(st.metadata.isEmpty)
    }

    @Test func writesAtomicallyAndReadsBack() throws {
        let dir = makeScratchDirectory()
        defer { removeScratch(dir) }
        let path = dir + "/model.safetensors"
        try Self.sample.write(to: path)
        #expect(try SafeTensors(contentsOf: path) == Self.sample)
        // Overwrite: the new content replaces the old, no temporary files left behind.
        let other = SafeTensors(entries: [.init(name: "x", shape: [1], values: [7])])
        try other.write(to: path)
        #expect(try SafeTensors(contentsOf: path) == other)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["model.safetensors"])
    }

    @Test func refusesToWriteInvalidTensors() {
        let dir = makeScratchDirectory()
        defer { removeScratch(dir) }
        let cases: [SafeTensors] = [
            SafeTensors(entries: [.init(name: "a", shape: [2, 2], values: [1, 2, 3])]),
            SafeTensors(entries: [.init(name: "a", shape: [1], values: [1]), .init(name: "a", shape: [1], values: [1])]),
            SafeTensors(entries: [.init(name: "__metadata__", shape: [1], values: [1])]),
            SafeTensors(entries: [.init(name: "a", shape: [-1], values: [])]),
        ]
        for st in cases {
            #expect(throws: CNNError.self) { try st.write(to: dir + "/x.safetensors") }
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.safetensors"))
        #expect(throws: CNNError.self) { try Self.sample.write(to: dir + "/no/such/dir/x.safetensors") }
    }

    /// A writer killed mid-write leaves `.NAME.tmp-PID-*`; the next write removes it when PID is
    /// gone, and leaves a live writer's file and unrelated files alone.
    @Test func writeAtomicallyRemovesTemporaryFilesOfDeadWriters() throws {
        let directory = NSTemporaryDirectory() + "stride-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = "\(directory)/.ck.safetensors.tmp-\(finished.processIdentifier)-abc123"
        let alive = "\(directory)/.ck.safetensors.tmp-\(getpid())-def456"
        let other = "\(directory)/.other.tmp-\(finished.processIdentifier)-ghi789"
        for path in [dead, alive, other] { FileManager.default.createFile(atPath: path, contents: Data([1])) }
        try writeAtomically([1, 2, 3], to: directory + "/ck.safetensors")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        #expect(names == ["ck.safetensors", ".ck.safetensors.tmp-\(getpid())-def456", ".other.tmp-\(finished.processIdentifier)-ghi789"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/ck.safetensors")) == Data([1, 2, 3]))
    }

    @Test func writeAtomicallyReportsUnwritableDirectories() {
        #expect(throws: CNNError.self) { try writeAtomically([1, 2, 3], to: "/proc/stride-cannot-write-here") }
    }

    /// Corrupt files and a phrase the error must contain.
    static let corrupt: [(bytes: [UInt8], phrase: String)] = [
        ([], "too short"),
        ([1, 2, 3], "too short"),
        ([0, 0, 0, 0, 0, 0, 0, 0], "header length 0"),
        ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x7B, 0x7D], "impossible"),
        ([100, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D], "impossible"),
        (file(header: "{not json}"), "not a valid JSON"),
        (file(header: "[1, 2]"), "expected a JSON object"),
        (file(header: #"{"a": {"dtype": "F16", "shape": [1], "data_offsets": [0, 2]}}"#, data: [0, 0]), "only F32"),
        (file(header: #"{"a": {"dtype": "F32", "shape": [1]}}"#), "needs dtype"),
        (file(header: #"{"a": {"dtype": "F32", "shape": [1.5], "data_offsets": [0, 4]}}"#, data: [0, 0, 0, 0]), "needs dtype"),
        (file(header: #"{"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}"#, data: [0, 0, 0, 0]), "negative"),
        (file(header: #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 0]}}"#, data: [0, 0, 0, 0]), "data_offsets"),
        (file(header: #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4, 8]}}"#, data: [0, 0, 0, 0]), "data_offsets"),
        (file(header: #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#, data: [0, 0, 0, 0]), "outside"),
        (file(header: #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}}"#, data: [0, 0, 0, 0]), "but 4 bytes"),
        (file(header: #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#, data: [UInt8](repeating: 0, count: 8)), "gap"),
        (file(header: #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}"#,
              data: [0, 0, 0, 0]), "overlaps"),
        (file(header: #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}"#, data: [UInt8](repeating: 0, count: 6)), "cover 4"),
        (file(header: #"{"a": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 0]}}"#), "shape"),
        (file(header: #"{"__metadata__": {"k": 1}}"#), "strings to strings"),
    ]

    @Test(arguments: corrupt.indices)
    func rejectsCorruptFiles(index: Int) {
        let (bytes, phrase) = Self.corrupt[index]
        do {
            let st = try SafeTensors(bytes: bytes, path: "bad.safetensors")
            Issue.record("accepted \(st)")
        } catch {
            guard case .badFile(let path, nil, let message) = error else { Issue.record("\(error)"); return }
            #expect(path == "bad.safetensors")
            #expect(message.contains(phrase), "message: \(message)")
        }
    }

    @Test func everyTruncationIsABadFileNamingIt() {
        let good = Self.sample.serialized()
        for n in 0..<good.count {
            do {
                let st = try SafeTensors(bytes: Array(good[..<n]), path: "t.safetensors")
                Issue.record("\(n) of \(good.count) bytes accepted: \(st)")
            } catch {
                guard case .badFile("t.safetensors", nil, let message) = error, !message.isEmpty else {
                    Issue.record("\(n) bytes: \(error)"); continue
                }
            }
        }
    }

    /// Seeded, so a failure replays: every damaged file is either a `badFile` error naming it,
    /// or a file that validates and writes back to the same bytes. Damage only inside the
    /// data section always parses, to the same names and shapes.
    @Test func mutatedFilesParseConsistentlyOrFailNamingTheFile() {
        var rng = SeededGenerator(seed: 20261126)
        let good = Self.sample.serialized()
        let dataStart = 8 + Int(good[0]) + Int(good[1]) << 8
        var accepted = 0, rejected = 0
        for round in 0..<400 {
            var bytes = good
            var touched: [Int] = []
            for _ in 0..<(1 + round % 4) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch round % 5 {
                case 0: bytes[i] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
                case 1: bytes[i] = Array("{}[]\":,0123456789-eE .FUI".utf8).randomElement(using: &rng)!
                default: bytes[i] = UInt8.random(in: 0...255, using: &rng)
                }
                touched.append(i)
            }
            if round % 7 == 0 { bytes.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...bytes.count, using: &rng)) }
            let onlyData = round % 7 != 0 && touched.allSatisfy { $0 >= dataStart }
            do {
                let st = try SafeTensors(bytes: bytes, path: "f.safetensors")
                accepted += 1
                #expect(throws: Never.self, "round \(round)") { try st.validate() }
                let again = try? SafeTensors(bytes: st.serialized(), path: "rt")
                #expect(again?.serialized() == st.serialized(), "round \(round): does not write back to itself")
                if onlyData {
                    #expect(st.entries.map(\.name) == Self.sample.entries.map(\.name), "round \(round)")
                    #expect(st.entries.map(\.shape) == Self.sample.entries.map(\.shape), "round \(round)")
                    #expect(st.metadata == Self.sample.metadata, "round \(round)")
                }
            } catch {
                rejected += 1
                #expect(!onlyData, "round \(round): damage only in the data section (at \(touched)) was refused: \(error)")
                guard case .badFile("f.safetensors", nil, let message) = error, !message.isEmpty else {
                    Issue.record("round \(round): not a badFile error naming the file: \(error)"); continue
                }
            }
        }
        // Both outcomes happen: the test is not vacuous.
        #expect(accepted > 20 && rejected > 20, "accepted \(accepted), rejected \(rejected)")
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(crc32([]) == 0)
        let a = Array("12345".utf8), b = Array("6789".utf8)
        #expect(crc32(b, initial: crc32(a)) == 0xCBF4_3926)
        let st = SafeTensors(entries: [.init(name: "a", shape: [2], values: [1, -2])])
        #expect(st.dataChecksum() == crc32([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]))
    }
}
