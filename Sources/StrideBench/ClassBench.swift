import ClassServer
import Explorer
import Foundation

/// `stride-bench --class N`: N students on loopback answer one question within one second.
/// The server is the real `stride class serve --headless` (`stride-class`, beside this binary) in its own
/// process, so its memory is its own: VmHWM from /proc. Latency is from just before a
/// student's answer is written to the moment its `received` arrives (the answer is committed,
/// synchronous=FULL, by then).
enum ClassBench {
    static func run(students: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-class-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("stride-class").path
        let server = Process()
        server.executableURL = URL(fileURLWithPath: binary)
        server.arguments = ["serve", "--headless", "--host", "127.0.0.1", "--port", "0", "--code", "BENCH",
                            "--db", dir.appendingPathComponent("bench.sqlite").path, "--kind", "size", "--count", "1", "--seed", "1"]
        let stdin = Pipe(), stdout = Pipe()
        server.standardInput = stdin
        server.standardOutput = stdout
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        guard let readyLine = String(data: stdout.fileHandleForReading.availableData, encoding: .utf8),
              let ready = try? JSONSerialization.jsonObject(with: Data(readyLine.split(separator: "\n")[0].utf8)) as? [String: Any],
              let port = ready["port"] as? Int else {
            print("class bench: the server did not start"); return
        }
        let latencies = try blockingAwait { () async throws -> [Double] in
            // Join everyone first.
            var joined: [(ClassConnection, String)] = []
            for i in 0..<students {
                let c = try await ClassConnection.open(host: "127.0.0.1", port: UInt16(port))
                try await c.send(.join(code: "BENCH", name: "s\(i)", token: nil, lang: .en))
                guard let welcome = try await c.receive(), let token = welcome.token else { throw ClassNetError.closed }
                _ = try await c.receive()  // waiting
                joined.append((c, token))
            }
            stdin.fileHandleForWriting.write(Data("next\n".utf8))
            return try await withThrowingTaskGroup(of: Double.self) { group in
                for (c, token) in joined {
                    group.addTask {
                        while let m = try await c.receive(), m.type != "question" {}
                        // Each student answers at a random moment within the second.
                        try await Task.sleep(nanoseconds: UInt64.random(in: 0..<1_000_000_000))
                        let start = DispatchTime.now().uptimeNanoseconds
                        try await c.send(.answer(token: token, index: 1, text: "28"))
                        while let m = try await c.receive() { if m.type == "received" { break } }
                        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                    }
                }
                var all: [Double] = []
                for try await ms in group { all.append(ms) }
                for (c, _) in joined { c.close() }
                return all
            }
        }
        let status = (try? String(contentsOfFile: "/proc/\(server.processIdentifier)/status", encoding: .utf8)) ?? ""
        let hwm = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.map { String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces) } ?? "?"
        let sorted = latencies.sorted()
        func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)] }
        print(String(format: "class: %d students answered within 1 s on loopback: answer→received p50 %.1f ms, p99 %.1f ms, max %.1f ms; server peak memory (VmHWM) %@",
                     sorted.count, pct(0.5), pct(0.99), sorted.last ?? 0, hwm))
    }
}
