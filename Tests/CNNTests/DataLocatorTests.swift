import Foundation
import Testing

/// A system directory that never exists, so tests do not see a dataset installed on the machine.
let noSystemData = "/nonexistent/stride-tests/fashion-mnist"
@testable import CNN

@Suite("Finding datasets")
struct DataLocatorTests {
    /// Creates the four IDX files (tiny, gzipped) in `dir`.
    func populate(_ dir: String, gz: Bool = true, count: Int = 3) {
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let images = idxBytes(dims: [count, 2, 2], body: tinyImages(count: count, rows: 2, cols: 2))
        let labels = idxBytes(dims: [count], body: (0..<count).map { UInt8($0 % 10) })
        for (i, base) in DataLocator.idxFileNames.enumerated() {
            let bytes = i % 2 == 0 ? images : labels
            writeBytes(gz ? gzipBytes(bytes) : bytes, to: dir + "/" + base + (gz ? ".gz" : ""))
        }
    }

    @Test func discoveryOrder() throws {
        let root = makeScratchDirectory()
        defer { removeScratch(root) }
        let home = root + "/home"
        let none = DataLocator(environment: [:], homeDirectory: home, systemFashionDirectory: noSystemData)
        #expect(none.locate(.mnist) == nil)

        // Stride's cache, then Keras's npz, then $STRIDE_DATA, then --data: each takes precedence.
        populate(home + "/.cache/stride/mnist")
        #expect(none.locate(.mnist) == DatasetFiles(name: .mnist, source: "cache (\(home)/.cache/stride/mnist)",
                                                    kind: .idx(directory: home + "/.cache/stride/mnist")))
        let xdg = DataLocator(environment: ["XDG_CACHE_HOME": root + "/xdg"], homeDirectory: home, systemFashionDirectory: noSystemData)
        #expect(xdg.locate(.mnist) == nil)
        populate(root + "/xdg/stride/mnist", gz: false)
        #expect(xdg.locate(.mnist)?.kind == .idx(directory: root + "/xdg/stride/mnist"))

        try FileManager.default.createDirectory(atPath: home + "/.keras/datasets", withIntermediateDirectories: true)
        writeBytes(tinyNPZ(), to: home + "/.keras/datasets/mnist.npz")
        #expect(none.locate(.mnist) == DatasetFiles(name: .mnist, source: "~/.keras/datasets/mnist.npz",
                                                    kind: .npz(path: home + "/.keras/datasets/mnist.npz")))
        #expect(try none.load(.mnist).train.count == 5)

        populate(root + "/env/mnist")
        let env = DataLocator(environment: ["STRIDE_DATA": root + "/env"], homeDirectory: home, systemFashionDirectory: noSystemData)
        #expect(env.locate(.mnist)?.kind == .idx(directory: root + "/env/mnist"))
        #expect(env.locate(.mnist)?.source == "$STRIDE_DATA (\(root)/env)")

        populate(root + "/flag")
        let flag = DataLocator(dataDirectory: root + "/flag", environment: ["STRIDE_DATA": root + "/env"], homeDirectory: home, systemFashionDirectory: noSystemData)
        #expect(flag.locate(.mnist) == DatasetFiles(name: .mnist, source: "--data \(root)/flag", kind: .idx(directory: root + "/flag")))
        #expect(try flag.load(.mnist, trainLimit: 2).train.count == 2)
        // A directory given directly is MNIST unless its name says fashion.
        #expect(flag.locate(.fashion) == nil)
    }

    @Test func fashionLocations() throws {
        let root = makeScratchDirectory()
        defer { removeScratch(root) }
        populate(root + "/data/fashion-mnist")
        let sub = DataLocator(dataDirectory: root + "/data", environment: [:], homeDirectory: root, systemFashionDirectory: noSystemData)
        #expect(sub.locate(.fashion)?.kind == .idx(directory: root + "/data/fashion-mnist"))
        #expect(sub.locate(.mnist) == nil)
        let direct = DataLocator(dataDirectory: root + "/data/fashion-mnist", environment: [:], homeDirectory: root, systemFashionDirectory: noSystemData)
        #expect(direct.locate(.fashion)?.path == root + "/data/fashion-mnist")
        let (train, _) = try direct.load(.fashion)
        #expect(train.name == "fashion" && train.classNames[9] == "Ankle boot")

        populate(root + "/.keras/datasets/fashion-mnist")
        let keras = DataLocator(environment: [:], homeDirectory: root, systemFashionDirectory: noSystemData)
        #expect(keras.locate(.fashion)?.source == "~/.keras/datasets/fashion-mnist")
        // Debian's package is the last resort; it is only found if installed here.
        let debian = DataLocator.debianFashionDirectory
        #expect(DataLocator(environment: [:], homeDirectory: "/nonexistent").candidates(.fashion).last?.path == debian)
    }

    @Test func incompleteDirectoriesDoNotQualify() {
        let root = makeScratchDirectory()
        defer { removeScratch(root) }
        populate(root + "/mnist")
        try? FileManager.default.removeItem(atPath: root + "/mnist/t10k-labels-idx1-ubyte.gz")
        #expect(DataLocator(dataDirectory: root, environment: [:], homeDirectory: root, systemFashionDirectory: noSystemData).locate(.mnist) == nil)
        // The dotted spelling of the names is accepted.
        writeBytes(gzipBytes(idxBytes(dims: [3], body: [0, 1, 2])), to: root + "/mnist/t10k-labels.idx1-ubyte.gz")
        #expect(DataLocator(dataDirectory: root, environment: [:], homeDirectory: root, systemFashionDirectory: noSystemData).locate(.mnist) != nil)
    }

    @Test func reportSaysWhatWasFoundAndHowToGetTheRest() {
        let root = makeScratchDirectory()
        defer { removeScratch(root) }
        populate(root + "/mnist", count: 12)
        let lines = DataLocator(dataDirectory: root, environment: [:], homeDirectory: root + "/home", systemFashionDirectory: noSystemData).report()
        let text = lines.joined(separator: "\n")
        #expect(lines.first == "mnist (MNIST): found via --data \(root)")
        #expect(text.contains("\(root)/mnist/train-images-idx3-ubyte.gz: 12 images of 2×2"))
        #expect(text.contains("\(root)/mnist/t10k-labels-idx1-ubyte.gz: 12 labels"))
        #expect(text.contains("fashion (Fashion-MNIST): not found. Download it with: stride data fetch fashion"))
        #expect(text.contains("sudo apt-get install dataset-fashion-mnist"))
        #expect(text.contains("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"))
        #expect(text.contains("$STRIDE_DATA (not set)"))
        #expect(text.contains("--data DIR") && text.contains("STRIDE_DATA=DIR"))

        // A damaged file is reported, not hidden.
        writeBytes([1, 2, 3], to: root + "/mnist/train-labels-idx1-ubyte.gz")
        let damaged = DataLocator(dataDirectory: root, environment: [:], homeDirectory: root, systemFashionDirectory: noSystemData).report().joined(separator: "\n")
        #expect(damaged.contains("train-labels-idx1-ubyte.gz: UNUSABLE: too short"))

        let missing = DataLocator(environment: [:], homeDirectory: root + "/home", systemFashionDirectory: noSystemData).report().joined(separator: "\n")
        #expect(missing.contains("mnist (MNIST): not found"))
        #expect(missing.contains("~/.keras/datasets/mnist.npz"))
        #expect(missing.contains("--data DIR (not given)"))
    }

    @Test func loadingSomethingMissingExplainsWhatToDo() {
        #expect(throws: CNNError.invalidArgument(
            "Fashion-MNIST not found. Download it with `stride data fetch fashion`, or run `stride data` to see where Stride looks.")) {
            try DataLocator(environment: [:], homeDirectory: "/nonexistent", systemFashionDirectory: noSystemData).load(.fashion)
        }
    }

    /// A folder named with --data must exist and hold the data, even when the data is
    /// elsewhere ($STRIDE_DATA, the cache): never a silent fallback, and the error names the folder.
    @Test func aNamedDataFolderMustExistAndHoldTheData() throws {
        let root = makeScratchDirectory()
        defer { removeScratch(root) }
        populate(root + "/env/mnist")
        populate(root + "/home/.cache/stride/mnist")
        let elsewhere = ["STRIDE_DATA": root + "/env"]
        func locator(_ directory: String) -> DataLocator {
            DataLocator(dataDirectory: directory, environment: elsewhere, homeDirectory: root + "/home", systemFashionDirectory: noSystemData)
        }
        #expect(throws: CNNError.invalidArgument("--data \(root)/nowhere: no such directory")) { try locator(root + "/nowhere").load(.mnist) }
        #expect(locator(root + "/nowhere").report().first == "--data \(root)/nowhere: no such directory (it is ignored below)")

        writeBytes([1], to: root + "/file")
        #expect(throws: CNNError.invalidArgument("--data \(root)/file: not a directory")) { try locator(root + "/file").load(.mnist) }
        #expect(locator(root + "/file").report().first == "--data \(root)/file: not a directory (it is ignored below)")

        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        do {
            _ = try locator(root + "/empty").load(.fashion)
            Issue.record("an empty --data folder was accepted")
        } catch {
            #expect(error.description.hasPrefix("--data \(root)/empty holds no Fashion-MNIST files: expected train-images-idx3-ubyte.gz"), "\(error)")
            #expect(error.description.contains("\(root)/empty/fashion"), "\(error)")
        }
        #expect(throws: CNNError.self) { try locator(root + "/empty").require(.mnist) }
        // Without --data the same machine finds MNIST in $STRIDE_DATA.
        #expect(try DataLocator(environment: elsewhere, homeDirectory: root + "/home", systemFashionDirectory: noSystemData)
            .require(.mnist).path == root + "/env/mnist")
        #expect(try locator(root + "/env").require(.mnist).source == "--data \(root)/env")
    }
}
