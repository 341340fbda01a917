import TestSupport
import Foundation
import Testing

/// Checkpoints crafted as an attacker would (issue 16, item 8): each is refused with a message
/// naming the file, before anything is allocated from what it claims, never a crash.
@Suite("Crafted checkpoints", .serialized, .enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason),
       .enabled(if: loopbackPython != nil, "no python3 (to craft the files)"))
struct CraftedCheckpointTests {
    /// Rewrites a checkpoint: `metadata` entries replaced, `poison` (a float) written over the
    /// first weight, and the CRC-32 recomputed so only the values themselves are wrong.
    static let crafter = #"""
import json, struct, sys, zlib
src, dst, changes = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
raw = open(src, "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
header = json.loads(raw[8:8 + n]); data = bytearray(raw[8 + n:])
meta = header["__metadata__"]
for k, v in changes.get("metadata", {}).items(): meta[k] = v
if "poison" in changes: data[0:4] = struct.pack("<f", float(changes["poison"]))
meta["crc32"] = str(zlib.crc32(bytes(data)))
h = json.dumps(header).encode()
open(dst, "wb").write(struct.pack("<Q", len(h)) + h + bytes(data))
"""#

    let directory = NSTemporaryDirectory() + "stride-crafted-\(UUID().uuidString)"
    var original: String { directory + "/ck.safetensors" }

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.crafter.write(toFile: directory + "/craft.py", atomically: true, encoding: .utf8)
        let train = try runStride(["train", "--headless", "--model", "small", "--limit", "64", "--epochs", "1",
                                   "--data", TestData.mnist, "--save", directory + "/ck.safetensors"])
        #expect(train.status == 0, "\(train.stderr)")
    }

    func craft(_ name: String, _ changes: String) throws -> String {
        let path = directory + "/" + name + ".safetensors"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: loopbackPython!)
        p.arguments = [directory + "/craft.py", original, path, changes]
        let r = try runCollectingOutput(p)
        #expect(r.status == 0, "\(r.stderr)")
        return path
    }

    /// `train --resume` and `draw --checkpoint` on `path`: both must refuse with `expected`.
    func expectRefused(_ path: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for arguments in [["train", "--headless", "--model", "small", "--limit", "64", "--epochs", "2", "--data", TestData.mnist, "--resume", path],
                          ["draw", "--checkpoint", path]] {
            let run = runStrideMeasured(arguments, timeout: 60)
            #expect(run.status == 2 && run.stderr.contains(path) && run.stderr.contains(expected),
                    "\(arguments[0]): status \(run.status) signal \(run.signal)\n\(run.stderr)", sourceLocation: sourceLocation)
            #expect(run.peakMB < 300, "\(arguments[0]): peak \(run.peakMB) MB", sourceLocation: sourceLocation)
        }
    }

    @Test func craftedValuesAreRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        expectRefused(try craft("iterations", #"{"metadata": {"optimizer.iterations": "9223372036854775807"}}"#), "optimizer.iterations")
        expectRefused(try craft("lr-negative", #"{"metadata": {"optimizer.learning_rate": "-1"}}"#), "learning_rate = -1")
        expectRefused(try craft("lr-nan", #"{"metadata": {"optimizer.learning_rate": "nan"}}"#), "learning_rate = nan")
        expectRefused(try craft("rho-inf", #"{"metadata": {"optimizer.rho": "inf"}}"#), "rho = inf")
        expectRefused(try craft("weight-nan", #"{"poison": "nan"}"#), "every value must be a finite number")
        expectRefused(try craft("weight-inf", #"{"poison": "inf"}"#), "every value must be a finite number")
        let huge = "input: [28, 28, 1]\\nlayers:\\n  - flatten: {}\\n  - dense: {units: 16777216}\\n  - dense: {units: 10, activation: softmax}\\n"
        let hugePath = try craft("huge-model", #"{"metadata": {"model": "\#(huge)"}}"#)
        let draw = runStrideMeasured(["draw", "--checkpoint", hugePath], timeout: 60)
        #expect(draw.status == 2 && draw.stderr.contains("needs about"), "status \(draw.status) signal \(draw.signal)\n\(draw.stderr)")
        #expect(draw.peakMB < 300, "peak \(draw.peakMB) MB")
    }

    /// A 3 GB file (sparse: it costs no disk) is refused by its size before it is read.
    @Test func aHugeFileIsRefusedByItsSize() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/huge.safetensors"
        try FileManager.default.copyItem(atPath: original, toPath: path)
        #expect(truncate(path, 3 << 30) == 0)
        let draw = runStrideMeasured(["draw", "--checkpoint", path], timeout: 60)
        print("draw of a 3 GB checkpoint: status \(draw.status), \(String(format: "%.1f", draw.seconds)) s, peak \(Int(draw.peakMB)) MB")
        #expect(draw.status == 2 && draw.stderr.contains("more than the 1073741824"), "status \(draw.status) signal \(draw.signal)\n\(draw.stderr)")
        #expect(draw.peakMB < 300 && draw.seconds < 10, "peak \(draw.peakMB) MB, \(draw.seconds) s")
    }
}
