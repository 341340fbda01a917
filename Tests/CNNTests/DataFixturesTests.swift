import Foundation
import Testing
@testable import CNN

// Shared fixtures for the data, model-file and safetensors tests (no tests of its own):
// the repository root, scratch directories, and builders for tiny IDX / gzip / NPZ files.

/// The repository root, found from this file's path (`Tests/CNNTests/…`).
func repositoryRoot(_ file: String = #filePath) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}

/// `../shared/datasets/mnist` beside the repository (CI provides it).
var sharedMNISTDirectory: String { repositoryRoot() + "/../shared/datasets/mnist" }

/// A fresh empty directory under the system temp dir; remove it with `removeScratch`.
func makeScratchDirectory(_ label: String = "stride-test") -> String {
    let path = NSTemporaryDirectory() + "/\(label)-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func removeScratch(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

func writeBytes(_ bytes: [UInt8], to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
}

func bigEndian32(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
}

func littleEndian16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
func littleEndian32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
