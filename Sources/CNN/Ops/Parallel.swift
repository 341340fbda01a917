import Dispatch
import Synchronization
import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// Moves a non-Sendable value (a raw pointer, a non-escaping closure) into a
/// `concurrentPerform` body. Only for data the caller has split into disjoint parts.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// How the engine uses the machine's cores.
///
/// Training and inference of a `Sequential` are data-parallel: the batch is split into
/// `threads` shards, each run through every layer by its own model replica on its own thread
/// (see `Sequential+DataParallel.swift`), with single-threaded OpenBLAS. Inside a shard
/// (`isInsideShard`) layers run serially. Layers used on their own (outside a shard) still
/// split the batch into `threads` contiguous "chunks" (`forEachChunk`) and may use threaded
/// OpenBLAS for large GEMMs (`withBLASThreads`, see `Conv2DPlan`). Splits depend only on
/// `threads` and the batch size, never on timing, so results are reproducible.
public enum Engine {
    private static let chunkCount = Atomic<Int>(2)
    /// Thread-specific flag: non-nil while the thread runs a data-parallel shard.
    private static let shardKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Number of shards (and batch chunks) run in parallel (1 = single-threaded, fully serial; at most 8).
    public static var threads: Int {
        get { chunkCount.load(ordering: .relaxed) }
        set {
            chunkCount.store(min(max(1, newValue), 8), ordering: .relaxed)
            configureBLAS()
        }
    }

    /// Whether the calling thread is running one shard of a data-parallel step (layers then run serially).
    static var isInsideShard: Bool { pthread_getspecific(shardKey) != nil }

    /// Runs `body` on the calling thread with within-layer parallelism off (`isInsideShard`).
    static func asShard<T>(_ body: () -> T) -> T {
        let previous = pthread_getspecific(shardKey)
        pthread_setspecific(shardKey, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(shardKey, previous) }
        return body()
    }

    /// Runs `body(i)` for `i` in `0..<count`, in parallel when `count > 1`, each as a shard.
    static func forEachShard(_ count: Int, _ body: (Int) -> Void) {
        if count == 1 { asShard { body(0) }; return }
        withoutActuallyEscaping(body) { escaping in
            let box = UnsafeSendable(escaping)
            DispatchQueue.concurrentPerform(iterations: count) { i in asShard { box.value(i) } }
        }
    }

    /// Puts OpenBLAS in single-threaded mode: parallelism comes from shards and batch chunks.
    /// The first call also runs `warmUpBLAS`.
    public static func configureBLAS() {
        _ = warmedUp
        openblas_set_num_threads(1)
    }

    private static let warmedUp: Bool = { warmUpBLAS(); return true }()

    /// One threaded sgemm (2 OpenBLAS threads, 256³). Measured with OpenBLAS 0.3.21 on the
    /// 2-core EPYC: until the process has run one threaded GEMM, every later single-threaded
    /// sgemm of the seed model runs ~1.5× slower (training 1,050 vs 1,600 samples/s at 1
    /// thread), on every thread; the cause is inside OpenBLAS (not denormals, not migration).
    static func warmUpBLAS() {
        let n = 256
        let a = Tensor(shape: [n, n]), c = Tensor(shape: [n, n])
        openblas_set_num_threads(2)
        sgemm(m: n, n: n, k: n, a: a.data, b: a.data, c: c.data)
        openblas_set_num_threads(1)
    }

    /// Runs `body` with OpenBLAS using `threads` threads (for one large GEMM), then back to 1.
    static func withBLASThreads<T>(_ body: () -> T) -> T {
        let t = isInsideShard ? 1 : threads
        if t > 1 { openblas_set_num_threads(Int32(t)) }
        defer { if t > 1 { openblas_set_num_threads(1) } }
        return body()
    }

    /// The sample ranges the engine splits a batch of `n` into.
    static func chunks(_ n: Int) -> [Range<Int>] {
        let k = isInsideShard ? 1 : max(1, min(threads, n))
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
