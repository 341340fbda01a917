import Testing
@testable import CNN

@Suite("Tensor and PRNG")
struct TensorTests {
    @Test func indexingIsRowMajorNHWC() {
        let t = Tensor(shape: [2, 3, 4, 5])
        t[[1, 2, 3, 4]] = 7
        #expect(t[((1 * 3 + 2) * 4 + 3) * 5 + 4] == 7)
        #expect(t.count == 120)
    }

    @Test func reshapeReusesCapacityWithoutAllocating() {
        let t = Tensor(shape: [4, 3], capacity: 12)
        let address = t.data
        t.reshape([2, 3])
        #expect(t.count == 6 && t.capacity == 12 && t.data == address)
        t.reshape([4, 3])
        #expect(t.count == 12)
    }

    @Test func snapshotIsACopy() {
        let t = Tensor(shape: [2], values: [1, 2])
        let s = t.snapshot
        t[0] = 9
        #expect(s.values == [1, 2] && s.shape == [2])
    }

    @Test func seededGeneratorIsReproducible() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let xs = (0..<5).map { _ in a.next() }
        #expect(xs == (0..<5).map { _ in b.next() })
        #expect(xs != (0..<5).map { _ in c.next() })
        var u = SeededGenerator(seed: 1)
        for _ in 0..<1000 { let f = u.nextUnitFloat(); #expect(f >= 0 && f < 1) }
        var order = Array(0..<10), again = Array(0..<10)
        var g1 = SeededGenerator(seed: 5), g2 = SeededGenerator(seed: 5)
        g1.shuffle(&order); g2.shuffle(&again)
        #expect(order == again && order.sorted() == Array(0..<10))
    }

    @Test func sgemmMatchesReference() {
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let (m, n, k) = (5, 7, 3)
            let a = randomTensor(ta ? [k, m] : [m, k], seed: 1), b = randomTensor(tb ? [n, k] : [k, n], seed: 2)
            let c = Tensor(shape: [m, n])
            sgemm(transA: ta, transB: tb, m: m, n: n, k: k, a: a.data, b: b.data, c: c.data)
            var ref = [Float](repeating: 0, count: m * n)
            sgemmReference(transA: ta, transB: tb, m: m, n: n, k: k, a: a.values, b: b.values, c: &ref)
            expectClose(c.values, ref, "sgemm ta=\(ta) tb=\(tb)")
        }
    }
}
