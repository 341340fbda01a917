import Dispatch
import Foundation
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
/// The thread count belongs to whoever runs the work, never to the process: a `Sequential`
/// has its own `threads` (training and inference are data-parallel over that many shards,
/// each run through every layer by its own model replica on its own thread, see
/// `Sequential+DataParallel.swift`, with single-threaded OpenBLAS). Inside a shard layers run
/// serially. A layer or op used on its own runs serially too, unless the caller wraps it in
/// `withThreads(k)`: then it splits the batch into `k` contiguous "chunks" (`forEachChunk`)
/// and may use threaded OpenBLAS for large GEMMs (`withBLASThreads`, see `Conv2DPlan`).
/// The setting is per calling thread, so models and tests running at once cannot disturb
/// each other. Splits depend only on the thread count and the batch size, never on timing,
/// so results are reproducible.
public enum Engine {
    /// The machine's cores, clamped to `1…8`: the default `threads` of a new model.
    public static let defaultThreads = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8)

    /// Whether convolutions may use the AVX2 implicit-GEMM kernels where they apply (`CNNKernels`,
    /// after its runtime CPU check). `STRIDE_KERNELS=portable` in the environment turns them off
    /// (im2col + OpenBLAS everywhere), e.g. to compare both in `make bench`.
    public static let kernelsEnabled = ProcessInfo.processInfo.environment["STRIDE_KERNELS"] != "portable"

    /// Thread-specific within-layer thread count (`nil` = 1): set by `withThreads`, and to 1 by `asShard`.
    private static let threadsKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
    /// Thread-specific flag: non-nil while the thread runs a data-parallel shard.
    private static let shardKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Batch chunks a layer used on its own splits into on the calling thread (1 inside a shard).
    static var currentThreads: Int {
        if isInsideShard { return 1 }
        return pthread_getspecific(threadsKey).map { Int(bitPattern: $0) } ?? 1
    }

    /// Runs `body` with layers and ops on the calling thread using `threads` cores (clamped to `1…8`).
    public static func withThreads<T>(_ threads: Int, _ body: () throws -> T) rethrows -> T {
        configureBLAS()
        let previous = pthread_getspecific(threadsKey)
        pthread_setspecific(threadsKey, UnsafeRawPointer(bitPattern: min(max(1, threads), 8)))
        defer { pthread_setspecific(threadsKey, previous) }
        return try body()
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

    /// Runs `body` with OpenBLAS using `currentThreads` threads (for one large GEMM), then back to 1.
    static func withBLASThreads<T>(_ body: () -> T) -> T {
        let t = currentThreads
        if t > 1 { openblas_set_num_threads(Int32(t)) }
        defer { if t > 1 { openblas_set_num_threads(1) } }
        return body()
    }

    /// The sample ranges the engine splits a batch of `n` into.
    static func chunks(_ n: Int) -> [Range<Int>] {
        let k = max(1, min(currentThreads, n))
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
