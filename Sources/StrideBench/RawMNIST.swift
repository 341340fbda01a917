import Foundation

/// A minimal IDX reader for the bench until the data loader lands: `gzip -dc` then the
/// IDX header (magic, dimensions, big-endian) and the bytes. Images scaled to [0, 1].
enum RawMNIST {
    static func read(_ path: String) -> [UInt8]? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-dc", path]
        let pipe = Pipe()
        p.standardOutput = pipe
        guard (try? p.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](data)
    }

    static func load(_ dir: URL, train: Bool, limit: Int? = nil) -> (images: [Float], labels: [UInt8])? {
        let prefix = train ? "train" : "t10k"
        guard let img = read(dir.appendingPathComponent("\(prefix)-images-idx3-ubyte.gz").path),
              let lab = read(dir.appendingPathComponent("\(prefix)-labels-idx1-ubyte.gz").path),
              img.count > 16, lab.count > 8 else { return nil }
        let n = min((lab.count - 8), limit ?? Int.max)
        let images = img[16..<(16 + n * 784)].map { Float($0) / 255 }
        return (images, Array(lab[8..<(8 + n)]))
    }
}
