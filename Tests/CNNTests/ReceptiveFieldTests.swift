import Testing
@testable import CNN

@Suite("Receptive field")
struct ReceptiveFieldTests {
    /// The input cells output cell `cell` of the last layer depends on, found by walking back
    /// through every layer: a cell `o` of a layer reads taps `o·s + d·u − p_before`, `u` in `0..<k`.
    /// With `dropPadding`, taps that land in a layer's padding are dropped on the way (they read
    /// zeros); without, they are followed as if the map went on (the textbook field).
    static func backProject(cell: Int, inputSize: Int, layers: [WindowLayer], dropPadding: Bool = true) throws -> Set<Int> {
        var sizes = [inputSize]
        var geometries: [AxisGeometry] = []
        for layer in layers {
            let g = try AxisGeometry(input: sizes.last!, kernel: layer.kernel, stride: layer.stride,
                                     dilation: layer.dilation, padding: layer.padding)
            geometries.append(g)
            sizes.append(g.outputSize)
        }
        var cells: Set<Int> = [cell]
        for (index, g) in geometries.enumerated().reversed() {
            var below: Set<Int> = []
            for o in cells {
                for u in 0..<g.kernelSize {
                    let x = g.inputPosition(output: o, tap: u)
                    if !dropPadding || (x >= 0 && x < sizes[index]) { below.insert(x) }
                }
            }
            cells = below
        }
        return cells
    }

    @Test func seedConvnetSees18AndThreeConvsSee7() throws {
        let seed = try ReceptiveField(inputSize: 28, layers: [
            WindowLayer(.conv, kernel: 3), WindowLayer(.pool, kernel: 2, stride: 2), WindowLayer(.conv, kernel: 3),
            WindowLayer(.pool, kernel: 2, stride: 2), WindowLayer(.conv, kernel: 3),
        ])
        #expect(seed.levels.map(\.size) == [1, 3, 4, 8, 10, 18])
        #expect(seed.levels.map(\.jump) == [1, 1, 2, 2, 4, 4])
        #expect(seed.levels.map(\.outputSize) == [28, 26, 13, 11, 5, 3])
        let convs = try ReceptiveField(inputSize: 28, layers: Array(repeating: WindowLayer(.conv, kernel: 3), count: 3))
        #expect(convs.levels.map(\.size) == [1, 3, 5, 7])
        #expect(convs.levels.last?.outputSize == 22)
        #expect(convs.region(cell: 0, level: 3) == 0...6)
    }

    @Test func tooSmallInputNamesTheLayer() {
        #expect(throws: CNNError.self) {
            try ReceptiveField(inputSize: 5, layers: [WindowLayer(.conv, kernel: 3), WindowLayer(.conv, kernel: 5)])
        }
        do {
            _ = try ReceptiveField(inputSize: 5, layers: [WindowLayer(.conv, kernel: 3), WindowLayer(.conv, kernel: 5)])
        } catch {
            #expect(error.description.contains("layer 2"))
        }
    }

    /// Every cell of every level of random stacks (kernels 1–5, strides 1–3, dilation 1–2,
    /// every padding): the formula's span equals the back-projected cells' span; without
    /// padding that is exactly the cells the output depends on, with padding the cells it
    /// depends on lie inside it (near a border a window reads zeros instead of some of them).
    @Test func agreesWithBackProjection() throws {
        var rng = SeededGenerator(seed: 19)
        var checked = 0
        for _ in 0..<300 {
            let n = Int.random(in: 6...40, using: &rng)
            let count = Int.random(in: 1...5, using: &rng)
            let layers = (0..<count).map { _ in
                WindowLayer(Bool.random(using: &rng) ? .conv : .pool, kernel: Int.random(in: 1...5, using: &rng),
                            stride: Int.random(in: 1...3, using: &rng), dilation: Int.random(in: 1...2, using: &rng),
                            padding: [Padding.valid, .same, .full, .explicit(1)].randomElement(using: &rng)!)
            }
            guard let field = try? ReceptiveField(inputSize: n, layers: layers) else { continue }
            for level in 1...count {
                let prefix = Array(layers.prefix(level))
                for cell in 0..<field.levels[level].outputSize {
                    // The textbook field: padding followed as if the maps went on, nothing clipped.
                    let textbook = try Self.backProject(cell: cell, inputSize: n, layers: prefix, dropPadding: false)
                    #expect(field.span(cell: cell, level: level) == textbook.min()!...textbook.max()!, "n \(n) \(prefix) level \(level) cell \(cell)")
                    // What the cell reads: without padding exactly the field; with padding inside it.
                    let read = try Self.backProject(cell: cell, inputSize: n, layers: prefix)
                    let region = field.region(cell: cell, level: level)
                    if prefix.allSatisfy({ $0.padding == .valid }) {
                        #expect(read == textbook && region == read.min()!...read.max()!)
                    } else {
                        #expect(read.allSatisfy { region?.contains($0) == true })
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
    }

    /// Unclipped, with stride ≤ kernel and no dilation, the region is exactly the cells seen.
    @Test func contiguousStacksSeeEveryCellOfTheirSpan() throws {
        let layers = [WindowLayer(.conv, kernel: 5, stride: 2), WindowLayer(.pool, kernel: 3, stride: 3), WindowLayer(.conv, kernel: 2)]
        let field = try ReceptiveField(inputSize: 40, layers: layers)
        for cell in 0..<field.levels[3].outputSize {
            let seen = try Self.backProject(cell: cell, inputSize: 40, layers: layers)
            #expect(seen.count == field.levels[3].size)
        }
    }
}
