import Foundation

/// The `stride` binary under test: `$STRIDE_BIN`, else `.build/debug/stride` in the package.
enum StrideBinary {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

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
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self))
}
