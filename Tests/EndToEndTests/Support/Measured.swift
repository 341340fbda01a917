import Foundation

/// A finished (or killed) process with what it cost, from `wait4`'s own rusage of that child.
struct MeasuredRun {
    let status: Int32
    /// The signal that ended it, or 0.
    let signal: Int32
    let stdout: String
    let stderr: String
    /// Peak resident memory in MB: the largest `VmHWM` read from /proc while it ran (every
    /// 20 ms). Not wait4's `ru_maxrss`, which on Linux keeps the spawning test runner's own
    /// peak across exec.
    let peakMB: Double
    /// User + system CPU seconds.
    let cpuSeconds: Double
    /// Wall-clock seconds.
    let seconds: Double
    /// Whether the test had to SIGKILL it at `timeout`.
    let timedOut: Bool
}

/// Runs the `stride` binary with `arguments`, its output in files, waits up to `timeout`
/// seconds (then SIGKILL), and measures it. `during(pid, elapsed)` is called every 20 ms
/// while it runs (to send signals); it returns false to stop being called.
func runStrideMeasured(_ arguments: [String], environment: [String: String] = [:], timeout: Double,
                       during: ((pid_t, Double) -> Bool)? = nil) -> MeasuredRun {
    let base = NSTemporaryDirectory() + "stride-measured-\(UUID().uuidString)"
    let (outPath, errPath) = (base + ".out", base + ".err")
    defer { unlink(outPath); unlink(errPath) }
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    let cArguments = ([StrideBinary.path] + arguments).map { strdup($0) } + [nil]
    let cEnvironment = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { cArguments.forEach { free($0) }; cEnvironment.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t(), defaults = sigset_t()
    sigemptyset(&empty)
    sigemptyset(&defaults)
    for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    // A SIGQUIT the test sends must not leave a core file in the package.
    var noCore = rlimit()
    _ = getrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
    noCore.rlim_cur = 0
    _ = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
    var pid: pid_t = 0
    let started = Date()
    guard posix_spawn(&pid, StrideBinary.path, &actions, &attributes, cArguments, cEnvironment) == 0 else {
        return MeasuredRun(status: -1, signal: 0, stdout: "", stderr: "spawn failed", peakMB: 0, cpuSeconds: 0, seconds: 0, timedOut: false)
    }
    var status: Int32 = 0
    var usage = rusage()
    var timedOut = false
    var watching = during != nil
    var peakKB = 0
    while true {
        peakKB = max(peakKB, highWaterKB(pid))
        let r = wait4(pid, &status, WNOHANG, &usage)
        if r == pid { break }
        if r == -1 && errno != EINTR { break }
        let elapsed = Date().timeIntervalSince(started)
        if elapsed > timeout, !timedOut { timedOut = true; kill(pid, SIGKILL) }
        if watching, let during { watching = during(pid, elapsed) }
        usleep(peakKB < 1 ? 2_000 : 20_000)
    }
    let seconds = Date().timeIntervalSince(started)
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    let exited = status & 0x7f == 0
    return MeasuredRun(status: exited ? (status >> 8) & 0xff : -1, signal: exited ? 0 : status & 0x7f,
                       stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
                       peakMB: Double(peakKB) / 1024, cpuSeconds: cpu, seconds: seconds, timedOut: timedOut)
}

/// `VmHWM` (peak resident set, kB) of a running process, or 0 when it cannot be read.
private func highWaterKB(_ pid: pid_t) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}
