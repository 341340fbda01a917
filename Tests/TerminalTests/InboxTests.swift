#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization
import Testing
@testable import Terminal

/// A training-like message: progress coalesces, epoch ends and finish are always kept.
private enum Event: Sendable, Equatable {
    case progress(producer: Int, batch: Int)
    case epochEnd(producer: Int, epoch: Int)
    case finished(producer: Int)

    var coalescingKey: String? {
        if case .progress(let producer, _) = self { return "progress-\(producer)" }
        return nil
    }
}

/// Whether `fd` is readable right now (poll with a zero timeout).
private func isReadable(_ fd: Int32) -> Bool {
    var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, 0) == 1 && (entry.revents & Int16(POLLIN)) != 0
}

/// A shared integer for the flood test's threads.
private final class SharedInt: Sendable {
    let value = Mutex(0)
}

@Suite("Inbox")
struct InboxTests {
    @Test func drainReturnsMessagesInOrderAndEmpties() {
        let inbox = Inbox<Int>()
        #expect(!isReadable(inbox.wakeDescriptor))
        inbox.post(1)
        inbox.post(2)
        inbox.post(3)
        #expect(isReadable(inbox.wakeDescriptor))
        #expect(inbox.drain() == [1, 2, 3])
        #expect(!isReadable(inbox.wakeDescriptor))
        #expect(inbox.drain() == [])
    }

    @Test func progressCoalescesButEpochEndsSurvive() {
        let inbox = Inbox<Event>(coalescingKey: { $0.coalescingKey })
        inbox.post(.progress(producer: 0, batch: 1))
        inbox.post(.progress(producer: 0, batch: 2))
        inbox.post(.epochEnd(producer: 0, epoch: 1))
        inbox.post(.progress(producer: 0, batch: 3))
        inbox.post(.progress(producer: 0, batch: 4))
        inbox.post(.finished(producer: 0))
        #expect(inbox.drain() == [
            .epochEnd(producer: 0, epoch: 1),
            .progress(producer: 0, batch: 4),
            .finished(producer: 0),
        ])
    }

    /// Four threads post 20 000 progress events each, with an epoch end every 5 000 and a
    /// finish; a consumer drains concurrently. Nothing non-coalescible is lost, the queue
    /// never exceeds its bound, the newest progress of each thread is what remains, and
    /// the wake pipe never blocks a producer.
    @Test func floodFromManyThreadsStaysBounded() async {
        let producers = 4, batches = 20_000, epochEvery = 5_000
        let inbox = Inbox<Event>(coalescingKey: { $0.coalescingKey })
        let done = SharedInt()
        let maxSeen = SharedInt()
        await withTaskGroup(of: Void.self) { group in
            for producer in 0..<producers {
                group.addTask {
                    for batch in 1...batches {
                        inbox.post(.progress(producer: producer, batch: batch))
                        if batch % epochEvery == 0 { inbox.post(.epochEnd(producer: producer, epoch: batch / epochEvery)) }
                        let size = inbox.count
                        maxSeen.value.withLock { $0 = max($0, size) }
                    }
                    inbox.post(.finished(producer: producer))
                    done.value.withLock { $0 += 1 }
                }
            }
            group.addTask {
                var received: [Event] = []
                while done.value.withLock({ $0 }) < producers || inbox.count > 0 {
                    received += inbox.drain()
                    await Task.yield()
                }
                received += inbox.drain()
                for producer in 0..<producers {
                    let epochs = received.compactMap { event -> Int? in
                        if case .epochEnd(producer, let epoch) = event { return epoch }
                        return nil
                    }
                    #expect(epochs == Array(1...(batches / epochEvery)))
                    #expect(received.filter { $0 == .finished(producer: producer) }.count == 1)
                    let progress = received.compactMap { event -> Int? in
                        if case .progress(producer, let batch) = event { return batch }
                        return nil
                    }
                    #expect(progress == progress.sorted())
                    // The last progress seen before `finished` is the final batch.
                    #expect(progress.last == batches)
                }
            }
        }
        // Bound: one pending progress per producer + every epoch end and finish.
        let bound = producers * (1 + batches / epochEvery + 1)
        let largest: Int = maxSeen.value.withLock { $0 }
        #expect(largest <= bound)
        #expect(inbox.count == 0)
        #expect(!isReadable(inbox.wakeDescriptor))
    }

    @Test func undrainedFloodHoldsOnlyNewestProgress() {
        let inbox = Inbox<Event>(coalescingKey: { $0.coalescingKey })
        for batch in 1...100_000 { inbox.post(.progress(producer: 7, batch: batch)) }
        #expect(inbox.count == 1)
        #expect(isReadable(inbox.wakeDescriptor))
        #expect(inbox.drain() == [.progress(producer: 7, batch: 100_000)])
    }
}

/// The wake pipe must never keep a byte once the inbox is empty: a byte stranded there makes
/// `poll()` return at once forever, and the run loop spins at 100 % CPU until the next post.
@Suite("Inbox wake race")
struct InboxWakeRaceTests {
    /// A poster thread posts once a round while this thread drains as fast as it can until
    /// it has the message; then the inbox is drained once more and its descriptor must be
    /// unreadable. (Before the fix, `post` wrote its byte after releasing the lock: a drain
    /// in between left the byte with nothing queued.) 20,000 rounds.
    @Test func noByteIsStrandedAfterADrain() {
        let inbox = Inbox<Int>()
        let go = DispatchSemaphore(value: 0)
        let posted = DispatchSemaphore(value: 0)
        let rounds = 20_000
        let poster = Thread {
            for round in 0..<rounds {
                go.wait()
                inbox.post(round)
                posted.signal()
            }
        }
        poster.start()
        var stranded = 0
        for _ in 0..<rounds {
            go.signal()
            while inbox.drain().isEmpty {}
            posted.wait()  // `post` has returned: its byte, if any, is written
            _ = inbox.drain()
            if isReadable(inbox.wakeDescriptor) { stranded += 1 }
        }
        #expect(stranded == 0, "a wake byte was left with nothing queued in \(stranded) of \(rounds) rounds")
    }

    /// The same race as a flood: a poster posts 1,000 messages back to back while this thread
    /// drains as fast as it can; once all have arrived and `post` has returned, a drain must
    /// leave the descriptor unreadable. 600 floods (before the fix: 5 of 300 stranded).
    @Test func noByteIsStrandedAfterAFlood() {
        var stranded = 0
        for _ in 0..<600 {
            let inbox = Inbox<Int>()
            let done = DispatchSemaphore(value: 0)
            Thread {
                for i in 0..<1_000 { inbox.post(i) }
                done.signal()
            }.start()
            var received = 0
            while received < 1_000 { received += inbox.drain().count }
            done.wait()
            _ = inbox.drain()
            if isReadable(inbox.wakeDescriptor) { stranded += 1 }
        }
        #expect(stranded == 0, "a wake byte was left with nothing queued after \(stranded) of 600 floods")
    }
}
