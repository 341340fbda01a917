import Foundation
import Testing

/// `stride conv` and `stride size` as a user runs them.
@Suite("Command line")
struct CommandLineTests {
    @Test func convPrintsTheFeatureMap() throws {
        let r = try runStride(["conv", "--input", "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16", "--kernel", "1 2; 3 4"])
        #expect(r.status == 0)
        #expect(r.stdout == " 44  54  64\n 84  94 104\n124 134 144\n")
    }

    @Test func convStepsAndJSON() throws {
        let r = try runStride(["conv", "--input", "1 2; 3 4", "--kernel", "1 0; 0 1", "--padding", "full", "--steps", "--json"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["shape"] as? [Int] == [3, 3])
        #expect(object["output"] as? [[Int]] == [[1, 2, 0], [3, 5, 2], [0, 3, 4]])
        #expect((object["steps"] as? [Any])?.count == 9)
        let text = try runStride(["conv", "--input", "1 2; 3 4", "--kernel", "1", "--steps"])
        #expect(text.stdout.hasPrefix("out[0,0] = 1×1 = 1\n"))
    }

    @Test("bad input: one stderr line, exit 2", arguments: [
        ["conv", "--input", "1 2; 3", "--kernel", "1"],
        ["conv", "--input", "1 a", "--kernel", "1"],
        ["conv", "--input", "1 2", "--kernel", "1", "--stride", "0"],
        ["conv", "--input", "1 2", "--kernel", "1 2 3"],
        ["conv", "--input", "1 2", "--kernel", "1", "--mode", "upside"],
        ["conv", "--input", "1 2", "--kernel", "1", "--padding", "wide"],
        ["size", "--input", "2", "--kernel", "5"],
        ["size", "--input", "4", "--kernel", "3", "--dilation", "0"],
        ["show", "nowhere"],
    ])
    func badInput(arguments: [String]) throws {
        let r = try runStride(arguments)
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func sizeWorksTheFormula() throws {
        let r = try runStride(["size", "--input", "28", "--kernel", "3", "--padding", "1", "--stride", "2"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("= floor((28 + 2·1 − 1·(3−1) − 1) / 2) + 1"))
        #expect(r.stdout.hasSuffix("    = 14\n"))
    }

    /// Random cases against the definitions, written out here independently of the engine.
    @Test func randomCasesAgreeWithTheDefinitions() throws {
        var seed: UInt64 = 7
        func next(_ range: ClosedRange<Int>) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return range.lowerBound + Int((seed >> 33) % UInt64(range.count))
        }
        for _ in 0..<12 {
            let n = next(2...6), k = next(1...3), s = next(1...2), d = next(1...2), p = next(0...2)
            let x = (0..<n).map { _ in (0..<n).map { _ in next(-5...5) } }
            let w = (0..<k).map { _ in (0..<k).map { _ in next(-3...3) } }
            let flip = next(0...1) == 1
            let kEff = d * (k - 1) + 1
            let size = try runStride(["size", "--input", "\(n)", "--kernel", "\(k)", "--padding", "\(p)",
                                      "--stride", "\(s)", "--dilation", "\(d)", "--json"])
            // `--input=` form: a matrix may start with '-'.
            let conv = try runStride(["conv", "--input=" + x.map { $0.map(String.init).joined(separator: " ") }.joined(separator: "; "),
                                      "--kernel=" + w.map { $0.map(String.init).joined(separator: " ") }.joined(separator: "; "),
                                      "--padding", "\(p)", "--stride", "\(s)", "--dilation", "\(d)",
                                      "--mode", flip ? "convolve" : "correlate", "--json"])
            guard n + 2 * p >= kEff else {
                #expect(size.status == 2 && conv.status == 2)
                continue
            }
            let out = (n + 2 * p - d * (k - 1) - 1) / s + 1
            let sizeObject = try JSONSerialization.jsonObject(with: Data(size.stdout.utf8)) as? [String: Any]
            #expect(sizeObject?["output"] as? Int == out)
            let kernel = flip ? w.reversed().map { Array($0.reversed()) } : w
            let expected = (0..<out).map { i in
                (0..<out).map { j in
                    var sum = 0
                    for u in 0..<k { for v in 0..<k {
                        let r = i * s + d * u - p, c = j * s + d * v - p
                        if r >= 0 && r < n && c >= 0 && c < n { sum += x[r][c] * kernel[u][v] }
                    } }
                    return sum
                }
            }
            let convObject = try JSONSerialization.jsonObject(with: Data(conv.stdout.utf8)) as? [String: Any]
            #expect(convObject?["output"] as? [[Int]] == expected, "n=\(n) k=\(k) s=\(s) d=\(d) p=\(p) flip=\(flip)")
        }
    }

    @Test func absurdSizesAreRefusedBeforeAnythingIsAllocated() throws {
        let cases: [([String], String)] = [
            (["conv", "--input", "1 2; 3 4", "--kernel", "1 1; 1 1", "--padding", "1000"], "--padding 1000 is too large: at most 64"),
            (["conv", "--input", "1 2; 3 4", "--kernel", "1 1; 1 1", "--padding", "30000"], "--padding 30000 is too large"),
            (["conv", "--stride", "100000"], "--stride 100000 is too large: at most 64"),
            (["conv", "--dilation", "5000000000000000000"], "--dilation 5000000000000000000 is too large"),
            (["pool", "--size", "1000"], "--size 1000 is too large: at most 32"),
            (["size", "--input", "10", "--kernel", "3", "--dilation", "5000000000000000000", "--json"], "overflows a 64-bit integer"),
            (["show", "sliding", "--padding", "1000"], "at most 8"),
        ]
        for (arguments, message) in cases {
            let started = Date()
            let r = try runStride(arguments)
            #expect(r.status == 2 && r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(Date().timeIntervalSince(started) < 5, "\(arguments) answered at once")
        }
    }
}
