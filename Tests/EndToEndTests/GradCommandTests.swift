import Foundation
import Testing

/// `stride grad` and `stride tconv` as a user runs them, against references written here
/// from the definitions (independently of the engine), and `stride show backprop` in tmux.
@Suite("Gradient commands")
struct GradCommandTests {
    /// ∂L/∂x, ∂L/∂w, ∂L/∂b of y = x ⋆ w (cross-correlation) from the definition.
    static func reference(x: [[Double]], w: [[Double]], g: [[Double]], stride s: Int, padTop: Int, padLeft: Int, dilation d: Int = 1)
        -> (dx: [[Double]], dw: [[Double]], db: Double) {
        var dx = x.map { $0.map { _ in 0.0 } }, dw = w.map { $0.map { _ in 0.0 } }, db = 0.0
        for i in g.indices { for j in g[0].indices {
            db += g[i][j]
            for u in w.indices { for v in w[0].indices {
                let r = i * s + d * u - padTop, c = j * s + d * v - padLeft
                guard r >= 0, r < x.count, c >= 0, c < x[0].count else { continue }
                dx[r][c] += g[i][j] * w[u][v]
                dw[u][v] += g[i][j] * x[r][c]
            } }
        } }
        return (dx, dw, db)
    }

    /// A `rows×cols` matrix with `value(r, c)` in each cell.
    static func grid(_ rows: Int, _ cols: Int, _ value: (Int, Int) -> Int) -> [[Double]] {
        var m: [[Double]] = []
        for r in 0..<rows {
            var row: [Double] = []
            for c in 0..<cols { row.append(Double(value(r, c))) }
            m.append(row)
        }
        return m
    }

    static func text(_ m: [[Double]]) -> String { m.map { $0.map { String(Int($0)) }.joined(separator: " ") }.joined(separator: "; ") }

    static func json(_ r: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)\n\(r.stderr)")
    }

    static func doubles(_ any: Any?) -> [[Double]]? { (any as? [[NSNumber]])?.map { $0.map(\.doubleValue) } }

    @Test func gradTextOfTheDefaultExample() throws {
        let r = try runStride(["grad"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("dx = dL/dx:\n1 1 1 1\n1 3 3 1\n1 3 3 1\n1 1 1 1\ndw = dL/dw:\n11  7  7\n13 13  9\n 9 13  9\ndb = dL/db: 4\n"),
                "\(r.stdout)")
        #expect(r.stdout.contains("upstream dL/dy (all ones by default; --upstream sets it):\n1 1\n1 1\n"))
    }

    /// One `grad` problem: input and kernel sizes, stride, padding (with its top/left cells
    /// for `full` and explicit padding) and dilation.
    struct GradCase: Sendable, CustomStringConvertible {
        let n: [Int], k: [Int], stride: Int, padding: String, pad: Int, dilation: Int
        var description: String { "x \(n) w \(k) s \(stride) p \(padding) d \(dilation)" }
    }

    /// Stride, padding (valid, same, full, explicit), dilation and rectangular kernels: the JSON
    /// read back equals the definition's gradients.
    @Test(arguments: [
        GradCase(n: [5, 5], k: [3, 3], stride: 2, padding: "valid", pad: 0, dilation: 1),
        GradCase(n: [6, 5], k: [2, 3], stride: 2, padding: "valid", pad: 0, dilation: 1),
        GradCase(n: [5, 6], k: [3, 2], stride: 2, padding: "same", pad: 0, dilation: 1),
        GradCase(n: [4, 4], k: [3, 3], stride: 1, padding: "full", pad: 2, dilation: 1),
        GradCase(n: [4, 4], k: [3, 3], stride: 3, padding: "1", pad: 1, dilation: 1),
        GradCase(n: [7, 7], k: [3, 3], stride: 2, padding: "valid", pad: 0, dilation: 2),
        GradCase(n: [4, 5], k: [2, 2], stride: 1, padding: "same", pad: 0, dilation: 1),
    ])
    func gradJSONMatchesTheDefinition(c: GradCase) throws {
        let (n, k, stride, padding, dilation) = (c.n, c.k, c.stride, c.padding, c.dilation)
        let x = Self.grid(n[0], n[1]) { r, col in (r * 7 + col * 3) % 9 - 4 }
        let w = Self.grid(k[0], k[1]) { r, col in (r * 5 + col * 2) % 7 - 3 }
        // Output size per axis, and `same`'s top/left padding, from the formula.
        func axis(_ n: Int, _ k: Int) -> (out: Int, before: Int) {
            let eff = dilation * (k - 1) + 1
            switch padding {
            case "same":
                let out = (n + stride - 1) / stride
                return (out, max((out - 1) * stride + eff - n, 0) / 2)
            case "valid": return ((n - eff) / stride + 1, 0)
            case "full": return ((n + 2 * (eff - 1) - eff) / stride + 1, eff - 1)
            default: return ((n + 2 * c.pad - eff) / stride + 1, c.pad)
            }
        }
        let (rows, cols) = (axis(n[0], k[0]), axis(n[1], k[1]))
        let g = Self.grid(rows.out, cols.out) { i, j in (i * 3 + j) % 5 - 2 }
        let r = try runStride(["grad", "--input", Self.text(x), "--kernel", Self.text(w), "--upstream", Self.text(g),
                               "--stride", "\(stride)", "--padding", padding, "--dilation", "\(dilation)", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try Self.json(r)
        let keys = Set(object.keys)
        #expect(keys == Set(["dx", "dw", "db"]))
        let expected = Self.reference(x: x, w: w, g: g, stride: stride, padTop: rows.before, padLeft: cols.before, dilation: dilation)
        #expect(Self.doubles(object["dx"]) == expected.dx, "\(c)")
        #expect(Self.doubles(object["dw"]) == expected.dw, "\(c)")
        #expect((object["db"] as? NSNumber)?.doubleValue == expected.db)
    }

    @Test func tconvJSONMatchesTheScatter() throws {
        // Keras Conv2DTranspose: 2×2 input, 3×3 kernel, stride 2 → 5×5 (valid), 4×4 (same, the last row/column cut).
        let valid = try Self.json(try runStride(["tconv", "--input", "1 2; 3 4", "--kernel", "1 0 1; 0 2 0; 1 0 1", "--stride", "2", "--json"]))
        #expect(valid["shape"] as? [Int] == [5, 5])
        let full: [[Double]] = [[1, 0, 3, 0, 2], [0, 2, 0, 4, 0], [4, 0, 10, 0, 6], [0, 6, 0, 8, 0], [3, 0, 7, 0, 4]]
        #expect(Self.doubles(valid["output"]) == full)
        let same = try Self.json(try runStride(["tconv", "--input", "1 2; 3 4", "--kernel", "1 0 1; 0 2 0; 1 0 1", "--stride", "2",
                                                "--padding", "same", "--json"]))
        #expect(Self.doubles(same["output"]) == full.prefix(4).map { Array($0.prefix(4)) })
        // A rectangular kernel smaller than the stride: copies 3 apart with gaps, the output (n−1)·s + s wide.
        let gaps = try Self.json(try runStride(["tconv", "--input", "1 2", "--kernel", "5 6", "--stride", "3", "--json"]))
        #expect(Self.doubles(gaps["output"]) == [[5, 6, 0, 10, 12, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]])
        let text = try runStride(["tconv", "--input", "1 2; 3 4", "--kernel", "1 1; 1 1"])
        #expect(text.stdout == " 1  3  2\n 4 10  6\n 3  7  4\n")
    }

    @Test("bad input: one stderr line naming the flag, exit 2", arguments: [
        (["grad", "--upstream", "1 2 3"], "--upstream is 1×3 but must have the forward output's shape 2×2"),
        (["grad", "--input", "1 2; 3", "--kernel", "1"], "--input: "),
        (["grad", "--upstream", "1 x; 1 1"], "--upstream: "),
        (["grad", "--kernel", "1 2 3 4 5 6"], "larger than the padded input"),
        (["grad", "--stride", "0"], "stride"),
        (["grad", "--input", Array(repeating: Array(repeating: "1", count: 256).joined(separator: " "), count: 256).joined(separator: ";"),
          "--kernel", Array(repeating: Array(repeating: "1", count: 32).joined(separator: " "), count: 32).joined(separator: ";")],
         "products, more than 1048576"),
        (["tconv", "--padding", "full"], "--padding: "),
        (["tconv", "--stride", "0"], "--stride must be ≥ 1"),
        (["tconv", "--input", Array(repeating: Array(repeating: "1", count: 20).joined(separator: " "), count: 20).joined(separator: ";"),
          "--kernel", "1", "--stride", "64"], "1280×1280 = 1638400 cells, more than 1048576"),
    ] as [([String], String)])
    func badInput(arguments: [String], message: String) throws {
        let r = try runStride(arguments)
        #expect(r.status == 2, "\(arguments.prefix(3)): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func theScenesAreListed() throws {
        let r = try runStride(["show", "--list"])
        #expect(r.stdout.contains("backprop") && r.stdout.contains("transposed"), "\(r.stdout)")
    }
}

/// `stride show backprop` in a real terminal at 80×24.
@Suite("Backprop scene end to end (tmux)", .serialized)
struct BackpropEndToEndTests {
    @Test func editTheUpstreamStepTheGradientsAndQuit() throws {
        let tmux = try TmuxSession()
        defer { tmux.kill() }
        try tmux.run("\(shellQuote(StrideBinary.path)) show backprop; echo EXIT=$?")
        var screen = try tmux.waitFor { $0.contains("y = x ⋆ w 2×2") && $0.contains("1/4") }
        #expect(screen.contains("output size: floor((4 + 2·0 − 1·(3−1) − 1) / 1) + 1 = 2"), "\(screen)")
        // One-hot on ∂L/∂y[1,1]: ∂L/∂b becomes 1, ∂L/∂x the kernel placed at the bottom right.
        try tmux.send("Down", "Right", "o")
        try tmux.send("Tab")
        screen = try tmux.waitFor { $0.contains("2/4 · step 0/16") }
        try tmux.send("End")
        screen = try tmux.waitFor { $0.contains("step 16/16") && $0.contains("∂L/∂x[3,3] =") }
        #expect(screen.contains("∂L/∂x[3,3] = 1·1 + 0·0"), "\(screen)")
        try tmux.send("Tab", "Tab")
        // The finite-difference check may arrive a frame later (it runs two forward passes).
        screen = try tmux.waitFor(timeout: 30) { $0.contains("4/4") && $0.contains("∂L/∂b = Σ ∂L/∂y = 0 + 0 + 0 + 1 = 1") && $0.contains("✓") }
        #expect(screen.contains("backprop ∂L/∂x[2,2] = 2") && screen.contains("✓"), "\(screen)")
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 80 })
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").contains("EXIT=0"))
    }
}
