import CommandLineSupport
import CNN
import Foundation

/// The staging folder of one `stride data fetch`: `<cache>/.fetch-<name>-<pid>-<random>/`.
///
/// Contract: nothing of it outlives the process. A normal return or a thrown error removes
/// it (`remove()`); SIGINT, SIGTERM, SIGHUP, SIGQUIT and the crash signals remove it from
/// the signal handler (only `unlink`, `rmdir`, `signal` and `raise`, all
/// async-signal-safe) and then let the signal take its default action (not the runtime's
/// backtracer, which for a raised signal prints and lets the process carry on); a SIGKILL or
/// power cut leaves it, and the next fetch removes it (`removeStale`): the folders whose
/// process no longer exists.
final class FetchStaging {
    static let prefix = ".fetch-"
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV]

    let path: String

    /// Creates the folder and arms the signal handlers for `files` (names inside it).
    init(cache: String, name: String, files: [String]) throws {
        path = cache + "/" + Self.prefix + "\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(path, 0o755) == 0 else { throw UserError("cannot create \(path): \(String(cString: strerror(errno)))") }
        StagingSignalState.arm(paths: files.map { path + "/" + $0 } + [path])
    }

    /// Disarms the handlers and removes the folder with what is in it.
    func remove() {
        StagingSignalState.disarm()
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Removes the staging folders (and `<name>.old-<pid>` folders of an interrupted install)
    /// in `cache` whose process is gone; returns the names removed.
    @discardableResult
    static func removeStale(in cache: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
        var removed: [String] = []
        for entry in entries {
            guard let pid = ownerPID(entry), pid != getpid(), kill(pid, 0) == -1, errno == ESRCH else { continue }
            if (try? FileManager.default.removeItem(atPath: cache + "/" + entry)) != nil { removed.append(entry) }
        }
        return removed
    }

    /// The process id in `.fetch-NAME-PID-RANDOM` or `NAME.old-PID`, else nil.
    static func ownerPID(_ entry: String) -> pid_t? {
        if entry.hasPrefix(prefix) {
            let parts = entry.dropFirst(prefix.count).split(separator: "-")
            guard parts.count == 3, UInt32(parts[2]) != nil else { return nil }
            return pid_t(parts[1]).flatMap { $0 > 0 ? $0 : nil }
        }
        if let range = entry.range(of: ".old-"), DatasetName(rawValue: String(entry[..<range.lowerBound])) != nil {
            return pid_t(entry[range.upperBound...]).flatMap { $0 > 0 ? $0 : nil }
        }
        return nil
    }
}

/// What the handler needs, prepared before it is installed: C strings to remove (files
/// first, the folder last) and the actions the signals had.
private enum StagingSignalState {
    nonisolated(unsafe) static var pathCount = 0
    nonisolated(unsafe) static var pathBase: UnsafeMutablePointer<UnsafeMutablePointer<CChar>>?
    nonisolated(unsafe) static var previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    static func arm(paths newPaths: [String]) {
        disarm()
        let base = UnsafeMutablePointer<UnsafeMutablePointer<CChar>>.allocate(capacity: newPaths.count)
        for (i, p) in newPaths.enumerated() { base[i] = strdup(p) }
        pathBase = base
        pathCount = newPaths.count
        for sig in FetchStaging.signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = onStagingSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            _ = sigaction(sig, &action, previousActions + Int(sig))
        }
    }

    static func disarm() {
        guard let base = pathBase else { return }
        for sig in FetchStaging.signals { _ = sigaction(sig, previousActions + Int(sig), nil) }
        pathBase = nil
        let count = pathCount
        pathCount = 0
        for i in 0..<count { free(base[i]) }
        base.deallocate()
    }
}

/// Removes the staging files and folder, then raises the signal again with its default action.
private func onStagingSignal(_ sig: Int32) {
    if let base = StagingSignalState.pathBase {
        for i in 0..<StagingSignalState.pathCount {
            if i == StagingSignalState.pathCount - 1 { _ = rmdir(base[i]) } else { _ = unlink(base[i]) }
        }
    }
    _ = signal(sig, SIG_DFL)
    _ = raise(sig)
}
