import Foundation
import TestSupport

/// The `stride` binary under test: `$STRIDE_BIN`, else `.build/debug/stride` in the package.
enum StrideBinary {
    static var packageRoot: URL { Repository.root }

    static let path: String = {
        if let env = ProcessInfo.processInfo.environment["STRIDE_BIN"], !env.isEmpty { return env }
        return packageRoot.appendingPathComponent(".build/debug/stride").path
    }()
}

/// What a finished process printed.
struct ProcessResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the binary with `arguments` (no shell), waits, and collects its output.
func runStride(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: StrideBinary.path)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    process.environment = env
    process.standardInput = FileHandle.nullDevice
    return try runCollectingOutput(process)
}

/// Runs `process` with stdout and stderr sent to temporary files, waits, and reads them.
/// Files, not pipes: a process started meanwhile by another test (a tmux server) can inherit
/// a pipe's write end and keep it open, so reading a pipe to its end could wait forever.
func runCollectingOutput(_ process: Process) throws -> ProcessResult {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("stride-run-\(UUID().uuidString)")
    let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try? out.close()
    try? err.close()
    return ProcessResult(status: process.terminationStatus,
                         stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                         stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}
