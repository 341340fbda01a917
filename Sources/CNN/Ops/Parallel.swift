import Dispatch
import Synchronization
import COpenBLAS

/// Moves a non-Sendable value (a raw pointer, a non-escaping closure) into a
/// `concurrentPerform` body. Only for data the caller has split into disjoint parts.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// How the engine uses the machine's cores.
///
/// The batch is split into `threads` contiguous, disjoint ranges of samples ("chunks"), each
/// run on its own thread; OpenBLAS stays single-threaded except inside `withBLASThreads`,
/// which large GEMMs use (see `Conv2DPlan`). The split depends only on `threads` and the
/// batch size, never on timing, so results are reproducible.
public enum Engine {
    private static let chunkCount = Atomic<Int>(2)

    /// Number of batch chunks run in parallel (1 = single-threaded, fully serial; at most 8).
    public static var threads: Int {
        get { chunkCount.load(ordering: .relaxed) }
        set {
            chunkCount.store(min(max(1, newValue), 8), ordering: .relaxed)
            configureBLAS()
        }
    }

    /// Puts OpenBLAS in single-threaded mode: parallelism comes from batch chunks.
    public static func configureBLAS() { openblas_set_num_threads(1) }

    /// Runs `body` with OpenBLAS using `threads` threads (for one large GEMM), then back to 1.
    static func withBLASThreads<T>(_ body: () -> T) -> T {
        let t = threads
        if t > 1 { openblas_set_num_threads(Int32(t)) }
        defer { if t > 1 { openblas_set_num_threads(1) } }
        return body()
    }

    /// The sample ranges the engine splits a batch of `n` into.
    static func chunks(_ n: Int) -> [Range<Int>] {
        let k = max(1, min(threads, n))
        return (0..<k).map { i in (i * n / k)..<((i + 1) * n / k) }
    }

    /// Runs `body(chunkIndex, samples)` over `chunks(n)`, in parallel when there is more than one.
    static func forEachChunk(_ n: Int, _ body: (Int, Range<Int>) -> Void) {
        let parts = chunks(n)
        if parts.count == 1 { body(0, parts[0]); return }
        withoutActuallyEscaping(body) { escaping in
            let box = UnsafeSendable(escaping)
            let ranges = parts
            DispatchQueue.concurrentPerform(iterations: ranges.count) { i in box.value(i, ranges[i]) }
        }
    }
}
