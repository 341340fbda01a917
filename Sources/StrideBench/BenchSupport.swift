import Foundation

/// Seconds taken by `body`, best of `repeats` runs.
func bestTime(repeats: Int = 5, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    return best
}

/// Peak resident set size in MB (`VmHWM` from /proc/self/status).
func peakRSSMegabytes() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first
        return kb.map { $0 / 1024 }
    }
    return nil
}

/// Current resident set size in MB (`VmRSS`).
func currentRSSMegabytes() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return line.split(separator: " ").compactMap { Double($0) }.first.map { $0 / 1024 }
    }
    return nil
}

func fmt(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

/// The repository root (three levels above this file) and the shared MNIST folder beside it.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let mnistDirectory = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/mnist")
