import CNN
import Foundation
@testable import Explorer
import Terminal
import Testing

/// The padding and flip scenes' notes checked against independent arithmetic over every
/// setting the scenes allow within small sizes (inputs 1–9 by 1–9, kernels 1–5 by 1–5,
/// strides 1–4, dilations 1–3, each padding the scene cycles through).
@Suite("Scene notes sweep")
struct SceneNotesSweepTests {
    /// Keras's `same`: total = max((ceil(n/s) − 1)·s + d(k − 1) + 1 − n, 0), extra after.
    static func samePadding(n: Int, k: Int, s: Int, d: Int) -> (before: Int, after: Int) {
        let out = (n + s - 1) / s
        let total = max((out - 1) * s + d * (k - 1) + 1 - n, 0)
        return (total / 2, total - total / 2)
    }

    static func validOut(n: Int, k: Int, s: Int, d: Int) -> Int? {
        let span = n - d * (k - 1) - 1
        return span >= 0 ? span / s + 1 : nil
    }

    @Test func paddingNotesHoldForEverySetting() throws {
        var scenes = 0, odd = 0
        for rows in 1...9 { for cols in [rows, max(1, rows - 2)] {
            for kr in 1...5 { for kc in [kr, max(1, kr - 1)] {
                for s in 1...4 { for d in 1...3 {
                    var settings = ConvSettings(input: Matrix(rows: rows, cols: cols, values: (0..<(rows * cols)).map(Float.init)),
                                                kernel: Matrix(rows: kr, cols: kc, repeating: 1))
                    settings.stride = s
                    settings.dilation = d
                    settings.padding = .same
                    guard var scene = try? PaddingScene(settings: settings, language: .en) else { continue }
                    for _ in PaddingScene.cycle {
                        try Self.check(scene, rows: rows, cols: cols, kr: kr, kc: kc, s: s, d: d, odd: &odd)
                        scenes += 1
                        _ = scene.update(.key(.char("p")))
                    }
                } }
            } }
        } }
        #expect(scenes > 5000)
        #expect(odd > 500, "asymmetric cases seen: \(odd)")
    }

    static func check(_ scene: PaddingScene, rows: Int, cols: Int, kr: Int, kc: Int, s: Int, d: Int, odd: inout Int) throws {
        let notes = scene.notes.joined(separator: "\n")
        var same = scene.settings
        same.padding = scene.padding
        let ko = try PaddingScene(settings: same, language: .ko)
        #expect(!notes.contains("Even kernel"))
        let g = scene.padded.geometry
        // Where the padding is asymmetric, it is `same`, the totals follow Keras's rule, and the note says so.
        let asymmetric = g.rows.padBefore != g.rows.padAfter || g.cols.padBefore != g.cols.padAfter
        if asymmetric {
            odd += 1
            #expect(scene.padding == .same)
            let pr = samePadding(n: rows, k: kr, s: s, d: d), pc = samePadding(n: cols, k: kc, s: s, d: d)
            #expect((g.rows.padBefore, g.rows.padAfter) == pr && (g.cols.padBefore, g.cols.padAfter) == pc)
            if pr.before != pr.after {
                let out = (rows + s - 1) / s
                #expect(notes.contains("rows (\(out) − 1)·\(s) + \(d * (kr - 1) + 1) − \(rows) = \(pr.before + pr.after), so the extra row goes to the bottom (top \(pr.before), bottom \(pr.after))"),
                        "\(rows)×\(cols) k \(kr)×\(kc) s \(s) d \(d): \(notes)")
            }
            if pc.before != pc.after {
                #expect(notes.contains("so the extra column goes to the right (left \(pc.before), right \(pc.after))"))
            }
        } else {
            #expect(!notes.contains("extra row") && !notes.contains("extra column"))
        }
        if scene.padding != .valid { #expect(ko.notes.joined().contains("남는") == asymmetric) }
        // valid: "loses k − 1 rows and columns" only at stride 1, with the right sizes.
        if let vr = validOut(n: rows, k: kr, s: s, d: d), let vc = validOut(n: cols, k: kc, s: s, d: d) {
            let size = "\(rows)×\(cols) → \(vr)×\(vc)"
            #expect(notes.contains(size), "\(notes)")
            #expect(notes.contains("at stride 1 the output loses") == (s == 1))
            if s == 1 { #expect(vr == rows - d * (kr - 1) && vc == cols - d * (kc - 1)) }
        }
        // same at stride 1 with an odd square kernel: p = (k − 1)/2 on each side.
        if let range = notes.range(of: "p = (k − 1)/2 = ") {
            #expect(scene.padding == .same && s == 1 && d == 1 && kr % 2 == 1 && kr == kc)
            let p = Int(notes[range.upperBound...].prefix { $0.isNumber })
            #expect(p == (kr - 1) / 2 && g.rows.padBefore == p)
        }
        if scene.padding == .full {
            #expect(notes.contains("= \(d * (kr - 1)) zeros on each side"))
        }
    }

    /// The flip note: the outputs agree both ways exactly when the kernel equals its 180°
    /// rotation, and change sign exactly when the rotation is the kernel's negative.
    @Test func flipNotesHoldForEveryKernel() throws {
        let kernels: [Matrix] = KernelPreset.allCases.map(\.kernel) + [
            Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4]), Matrix(rows: 2, cols: 2, values: [1, 0, 0, 1]),
            Matrix(rows: 1, cols: 3, values: [-1, 0, 1]), Matrix(rows: 3, cols: 1, values: [1, 2, 1]),
            Matrix(rows: 2, cols: 2, values: [1, -1, 1, -1]), Matrix(rows: 2, cols: 2, values: [1, 2, -2, -1]),
        ]
        let input = Matrix(rows: 5, cols: 5, values: (1...25).map { Float(($0 * 7) % 10) })
        var seen = (same: 0, negative: 0)
        for kernel in kernels {
            for language in Language.allCases {
                var scene = try FlipScene(settings: { var s = FlipSettings(); s.conv.input = input; s.conv.kernel = kernel; return s }(), language: language)
                _ = scene.update(.key(.end))
                let notes = scene.notes.joined()
                let (a, b) = scene.traces
                let outputsEqual = a.differingCells(from: b).isEmpty
                let symmetric = kernel.rotated180 == kernel
                let negative = kernel.rotated180.values == kernel.values.map { -$0 }
                #expect(!notes.contains("A symmetric kernel"))
                if symmetric { #expect(outputsEqual); seen.same += 1 }
                #expect(notes.contains(language == .en ? "equals its 180° rotation, so no cell differs" : "180° 돌려도 같아서") == symmetric)
                #expect(notes.contains(language == .en ? "is its negative" : "부호만 바뀝니다") == (negative && !symmetric))
                if negative && !symmetric {
                    seen.negative += 1
                    for (x, y) in zip(a.output.values, b.output.values) { #expect(x == -y) }
                }
            }
        }
        #expect(seen.same >= 2 && seen.negative >= 4)
    }
}
