import TestSupport
import Foundation
import Testing

/// Dataset files that claim or hide too much (issue 16, item 12): reading stops one byte past
/// the declared size, and a header declaring more items than the memory budget allows is
/// refused (with the --limit that would fit) before anything is allocated.
@Suite("Dataset size limits", .serialized, .enabled(if: TestData.mnistAvailable, TestData.mnistSkipReason),
       .enabled(if: loopbackPython != nil, "no python3 (to craft the files)"))
struct DatasetLimitsTests {
    /// A folder with MNIST's four files linked, then `replace` written over one of them.
    static func folder(_ body: (String) throws -> Void) throws -> String {
        let directory = NSTemporaryDirectory() + "stride-datalimits-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in TestData.files {
            try FileManager.default.createSymbolicLink(atPath: directory + "/" + file, withDestinationPath: TestData.mnist + "/" + file)
        }
        try body(directory)
        return directory
    }

    static func python(_ script: String, _ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: loopbackPython!)
        p.arguments = ["-c", script] + arguments
        let r = try runCollectingOutput(p)
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// Labels with a valid header for 10 items, then 2 GiB of zeros (a 2 MB gzip file).
    @Test func trailingZerosAreNotInflated() throws {
        let directory = try Self.folder { directory in
            try FileManager.default.removeItem(atPath: directory + "/train-labels-idx1-ubyte.gz")
            try Self.python("""
            import gzip, struct, sys
            zeros = gzip.compress(bytes(64 << 20), 9)
            with open(sys.argv[1], "wb") as f:
                f.write(gzip.compress(struct.pack(">II", 0x801, 10) + bytes(range(10))))
                for _ in range(32): f.write(zeros)
            """, [directory + "/train-labels-idx1-ubyte.gz"])
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = runStrideMeasured(["train", "--headless", "--model", "small", "--epochs", "1", "--limit", "10", "--data", directory],
                                    timeout: 120)
        print("labels + 2 GiB of trailing zeros: status \(run.status), \(String(format: "%.2f", run.cpuSeconds)) s CPU, peak \(Int(run.peakMB)) MB")
        #expect(run.status == 2 && run.stderr.contains("train-labels-idx1-ubyte.gz") && run.stderr.contains("extra bytes"), "\(run.stderr)")
        #expect(run.cpuSeconds < 2, "\(run.cpuSeconds) s of CPU")
    }

    /// A plain IDX file whose header declares 5,000,000 images of 28×28 (3.9 GB, sparse on disk).
    @Test func fiveMillionImagesNeedALimit() throws {
        let directory = try Self.folder { directory in
            try FileManager.default.removeItem(atPath: directory + "/train-images-idx3-ubyte.gz")
            let path = directory + "/train-images-idx3-ubyte"
            let header: [UInt8] = [0, 0, 8, 3] + [5_000_000, 28, 28].flatMap { (v: UInt32) in withUnsafeBytes(of: v.bigEndian) { Array($0) } }
            FileManager.default.createFile(atPath: path, contents: Data(header))
            #expect(truncate(path, off_t(16 + 5_000_000 * 784)) == 0)
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = runStrideMeasured(["train", "--headless", "--model", "small", "--epochs", "1", "--data", directory], timeout: 120)
        print("5 M declared images: status \(run.status), \(String(format: "%.2f", run.seconds)) s, peak \(Int(run.peakMB)) MB")
        #expect(run.status == 2 && run.stderr.contains("loading 5000000 images of 28×28") && run.stderr.contains("--limit"), "\(run.stderr)")
        #expect(run.peakMB < 300, "peak \(run.peakMB) MB")
    }

    /// An npz whose x_train.npy declares 5,000,000 images (its deflate data ends early: only a
    /// reader that inflates before checking would notice).
    @Test func anNpzDeclaringFiveMillionImagesNeedsALimit() throws {
        let directory = NSTemporaryDirectory() + "stride-npzlimits-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.python(#"""
import zlib, struct, sys
path = sys.argv[1]
hdr = b"{'descr': '|u1', 'fortran_order': False, 'shape': (5000000, 28, 28), }"
magic = b'\x93NUMPY\x01\x00'
pad = (64 - (len(magic) + 2 + len(hdr) + 1) % 64) % 64
header = hdr + b' ' * pad + b'\n'
head = magic + struct.pack('<H', len(header)) + header
usize = len(head) + 5000000 * 784
co = zlib.compressobj(6, zlib.DEFLATED, -15)
comp = co.compress(head + bytes(1 << 16)) + co.flush(zlib.Z_SYNC_FLUSH) + bytes(4_000_000)
name = b'x_train.npy'
local = struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0, 8, 0, 0, 0, len(comp), usize, len(name), 0) + name
cd = struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, 0, 8, 0, 0, 0, len(comp), usize, len(name), 0, 0, 0, 0, 0, 0) + name
eocd = struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, 1, 1, len(cd), len(local) + len(comp), 0)
open(path, 'wb').write(local + comp + cd + eocd)
"""#, [directory + "/mnist.npz"])
        let run = runStrideMeasured(["train", "--headless", "--model", "small", "--epochs", "1", "--data", directory], timeout: 120)
        print("npz with 5 M declared images: status \(run.status), \(String(format: "%.2f", run.seconds)) s, peak \(Int(run.peakMB)) MB")
        #expect(run.status == 2 && run.stderr.contains("x_train.npy") && run.stderr.contains("--limit"), "\(run.stderr)")
        #expect(run.peakMB < 300, "peak \(run.peakMB) MB")
    }
}
