import Foundation
import Testing

/// Every saved fuzz input (the corpora `make fuzz` grew and any crasher it found) replayed
/// through the same targets without libFuzzer: none may crash.
@Suite("Fuzz corpora and crashers replay")
struct FuzzCorpusTests {
    static let targets = ["matrix", "model", "idx", "npz", "safetensors", "checkpoint", "lesson", "answer", "results", "quizfile", "image"]
    static let replayer = URL(fileURLWithPath: StrideBinary.path).deletingLastPathComponent().appendingPathComponent("stride-fuzz").path

    @Test(arguments: targets) func replaysWithoutACrash(target: String) throws {
        let root = StrideBinary.packageRoot.appendingPathComponent("fuzz").path
        let corpus = root + "/corpus/" + target, crashers = root + "/crashers/" + target
        let inputs = [corpus, crashers].reduce(0) { $0 + ((try? FileManager.default.contentsOfDirectory(atPath: $1))?.count ?? 0) }
        #expect(inputs > 0, "fuzz/corpus/\(target) holds seeds")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.replayer)
        p.arguments = [target, corpus, crashers]
        let r = try runCollectingOutput(p)
        #expect(r.status == 0, "\(target): \(r.stderr)")
        #expect(r.stdout.contains("\(target): \(inputs) inputs replayed, no crash"), "\(r.stdout)")
    }
}
