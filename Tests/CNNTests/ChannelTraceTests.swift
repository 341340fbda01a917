import Testing
@testable import CNN

@Suite struct ChannelTraceTests {
    /// Plain loops over filters, rows, columns, channels and taps.
    func reference(_ t: ChannelTrace) -> [[Float]] {
        let k = t.kernels[0][0].rows, n = t.inputs[0].rows, out = n - k + 1
        return t.kernels.indices.map { f in
            (0..<(out * out)).map { idx in
                let (i, j) = (idx / out, idx % out)
                var s = t.biases[f]
                for c in t.inputs.indices { for u in 0..<k { for v in 0..<k { s += t.inputs[c][i + u, j + v] * t.kernels[f][c][u, v] } } }
                return s
            }
        }
    }

    @Test func sumsChannelsAndAddsOneBiasPerFilter() throws {
        for seed: UInt64 in 1...20 {
            let t = try ChannelTrace.example(channels: 3, filters: 2, size: 4, kernelSize: 3, seed: seed)
            #expect(t.outputs.map(\.values) == reference(t))
            #expect(t.parameterCount == 3 * 3 * 3 * 2 + 2)
        }
    }

    @Test func handWorked() throws {
        let x = [try Matrix(parsing: "1 2; 3 4"), try Matrix(parsing: "0 1; 1 0")]
        let w = [[try Matrix(parsing: "1"), try Matrix(parsing: "2")]]
        let t = try ChannelTrace(inputs: x, kernels: w, biases: [1])
        #expect(t.outputs[0].values == [2, 5, 6, 5])
        #expect(t.parameterCount == 1 * 1 * 2 * 1 + 1)
    }

    @Test func agreesWithTheEngineLayerParameterCount() throws {
        let spec = ModelSpec(inputShape: [4, 4, 3], layers: [.conv2d(Conv2DSpec(filters: 2, kernelSize: Size2(3)))])
        let t = try ChannelTrace.example(channels: 3, filters: 2, size: 4, kernelSize: 3, seed: 1)
        #expect(try spec.layerInfos()[0].paramCount == t.parameterCount)
    }

    @Test func rejectsMismatchedSlices() {
        #expect(throws: CNNError.self) { try ChannelTrace(inputs: [Matrix(rows: 2, cols: 2)], kernels: [[]], biases: [0]) }
    }
}
