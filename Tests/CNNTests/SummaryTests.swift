import Testing
@testable import CNN

@Suite("Shapes, parameter counts and the Keras summary")
struct SummaryTests {
    let seed = ModelFile.builtin("seed")!

    @Test func seedRowsMatchKeras() throws {
        let infos = try seed.layerInfos()
        #expect(infos == [
            LayerInfo(name: "conv2d", typeName: "Conv2D", outputShape: [26, 26, 32], paramCount: 320),
            LayerInfo(name: "max_pooling2d", typeName: "MaxPooling2D", outputShape: [13, 13, 32], paramCount: 0),
            LayerInfo(name: "conv2d_1", typeName: "Conv2D", outputShape: [11, 11, 64], paramCount: 18_496),
            LayerInfo(name: "max_pooling2d_1", typeName: "MaxPooling2D", outputShape: [5, 5, 64], paramCount: 0),
            LayerInfo(name: "conv2d_2", typeName: "Conv2D", outputShape: [3, 3, 64], paramCount: 36_928),
            LayerInfo(name: "flatten", typeName: "Flatten", outputShape: [576], paramCount: 0),
            LayerInfo(name: "dense", typeName: "Dense", outputShape: [64], paramCount: 36_928),
            LayerInfo(name: "dense_1", typeName: "Dense", outputShape: [10], paramCount: 650),
        ])
        #expect(try seed.totalParams() == 93_322)
        #expect(try seed.outputShape() == [10])
        #expect(try ModelFile.builtin("small")!.totalParams() == 5_258)
    }

    @Test func seedSummaryIsKeras3sTable() throws {
        let expected = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
            │ conv2d (Conv2D)                      │ (None, 26, 26, 32)          │             320 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ max_pooling2d (MaxPooling2D)         │ (None, 13, 13, 32)          │               0 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ conv2d_1 (Conv2D)                    │ (None, 11, 11, 64)          │          18,496 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ max_pooling2d_1 (MaxPooling2D)       │ (None, 5, 5, 64)            │               0 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ conv2d_2 (Conv2D)                    │ (None, 3, 3, 64)            │          36,928 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ flatten (Flatten)                    │ (None, 576)                 │               0 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense (Dense)                        │ (None, 64)                  │          36,928 │
            ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
            │ dense_1 (Dense)                      │ (None, 10)                  │             650 │
            └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
             Total params: 93,322 (364.54 KB)
             Trainable params: 93,322 (364.54 KB)
             Non-trainable params: 0 (0.00 B)
            """
        #expect(try seed.summary() == expected)
    }

    @Test func autoNamesCountPerKind() {
        let spec = ModelSpec(inputShape: [8, 8, 1], layers: [
            .conv2d(Conv2DSpec(filters: 1, kernelSize: Size2(1))), .dropout(rate: 0.1), .activation(.relu),
            .conv2d(Conv2DSpec(filters: 1, kernelSize: Size2(1))), .dropout(rate: 0.1), .averagePooling2d(PoolSpec(poolSize: Size2(2))),
            .averagePooling2d(PoolSpec(poolSize: Size2(2))), .activation(.relu),
        ])
        #expect(spec.layerNames == ["conv2d", "dropout", "activation", "conv2d_1", "dropout_1",
                                    "average_pooling2d", "average_pooling2d_1", "activation_1"])
    }

    @Test func shapeErrorsNameTheLayer() {
        let spec = ModelSpec(inputShape: [4, 4, 1], layers: [.conv2d(Conv2DSpec(filters: 2, kernelSize: Size2(5)))])
        #expect(throws: CNNError.shapeMismatch(
            "layer 1 (conv2d): the window (5) is larger than the input height (4): the output would be smaller than 1×1")) {
            try spec.layerInfos()
        }
        #expect(throws: CNNError.self) { try ModelSpec(inputShape: [4, 4], layers: []).layerInfos() }
        #expect(throws: CNNError.self) {
            try ModelSpec(inputShape: [1 << 30, 1 << 30, 1], layers: [.flatten, .dense(DenseSpec(units: 1 << 30))]).totalParams()
        }
    }

    @Test func longCellsWrapInsideTheirColumn() throws {
        let spec = ModelSpec(inputShape: [2, 2, 1], layers: [.averagePooling2d(PoolSpec(poolSize: Size2(1)))])
        let rows = try spec.summary().split(separator: "\n")
        // "average_pooling2d (AveragePooling2D)" is exactly 36 wide: fits one line.
        #expect(rows[4] == "│ average_pooling2d (AveragePooling2D) │ (None, 2, 2, 1)             │               0 │")
        #expect(SummaryTable.wrap("batch_normalization (BatchNormalization)", width: 36)
                == ["batch_normalization", "(BatchNormalization)"])
        #expect(SummaryTable.wrap(String(repeating: "x", count: 40), width: 36).map(\.count) == [36, 4])
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (18_496, "18,496"), (1_234_567, "1,234,567"), (-4200, "-4,200")])
    func thousands(n: Int, text: String) { #expect(groupThousands(n) == text) }

    @Test func byteSizesLikeKeras() {
        #expect(readableByteSize(0) == "0.00 B")
        #expect(readableByteSize(93_322 * 4) == "364.54 KB")
        #expect(readableByteSize(1023) == "1023.00 B")
        #expect(readableByteSize(5 * 1024 * 1024) == "5.00 MB")
    }
}
