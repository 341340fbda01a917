import Foundation
import Testing

/// The tmux harness itself: the server it starts must really end with the test. The test
/// runner blocks signals in its threads, and a spawned process inherits that mask; unless
/// the spawn resets it, `tmux kill-server`'s SIGTERM never arrives and servers pile up.
@Suite("tmux harness")
struct TmuxSessionTests {
    @Test func killServerEndsTheServerAndRemovesItsSocket() throws {
        let tmux = try TmuxSession()
        let pid = try tmux.serverPID()
        #expect(Glibc.kill(pid, 0) == 0, "the server \(pid) runs")
        #expect(FileManager.default.fileExists(atPath: tmux.socketPath))
        tmux.kill()
        var gone = false
        for _ in 0..<100 where !gone {
            gone = Glibc.kill(pid, 0) == -1 && errno == ESRCH
            if !gone { usleep(20_000) }
        }
        #expect(gone, "tmux server \(pid) outlived kill-server by 2 s")
        #expect(!FileManager.default.fileExists(atPath: tmux.socketPath), "\(tmux.socketPath) left behind")
    }

    @Test func aSpawnedProcessStartsWithNoSignalsBlockedAndDefaultHandlers() throws {
        // /proc/self/status of a child grep: SigBlk (blocked) and SigIgn (ignored) masks, in hex.
        let output = NSTemporaryDirectory() + "stride-sigmask-\(UUID().uuidString)"
        defer { unlink(output) }
        // Block them in this thread, as the runner's threads may: the child must not inherit that.
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&blocked, signal) }
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let status = spawnAndWait(["/bin/grep", "-E", "^Sig(Blk|Ign):", "/proc/self/status"], stdoutPath: output)
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        #expect(status == 0)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let masks = Dictionary(uniqueKeysWithValues: text.split(separator: "\n").compactMap { line -> (String, UInt64)? in
            let parts = line.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = UInt64(parts[1], radix: 16) else { return nil }
            return (parts[0], value)
        })
        #expect(masks["SigBlk"] == 0, "\(text)")
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            #expect((masks["SigIgn"] ?? 0) & (1 << UInt64(signal - 1)) == 0, "signal \(signal) ignored: \(text)")
        }
    }
}
