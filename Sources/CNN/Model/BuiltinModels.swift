/// The models that ship with Stride, by name. The same models are in `models/*.yaml`.
enum BuiltinModels {
    /// The MNIST convnet (Conv 32–Pool–Conv 64–Pool–Conv 64–Dense 64–Dense 10): 93,322 parameters.
    ///
    ///     Conv2D(32, 3, relu) → MaxPooling2D(2) → Conv2D(64, 3, relu) → MaxPooling2D(2)
    ///     → Conv2D(64, 3, relu) → Flatten → Dense(64, relu) → Dense(10, softmax)
    static let seed = ModelSpec(inputShape: [28, 28, 1], layers: [
        .conv2d(Conv2DSpec(filters: 32, kernelSize: Size2(3), activation: .relu)),
        .maxPooling2d(PoolSpec(poolSize: Size2(2))),
        .conv2d(Conv2DSpec(filters: 64, kernelSize: Size2(3), activation: .relu)),
        .maxPooling2d(PoolSpec(poolSize: Size2(2))),
        .conv2d(Conv2DSpec(filters: 64, kernelSize: Size2(3), activation: .relu)),
        .flatten,
        .dense(DenseSpec(units: 64, activation: .relu)),
        .dense(DenseSpec(units: 10, activation: .softmax)),
    ])

    /// A small, fast model for live demos: 5,258 parameters.
    ///
    ///     Conv2D(8, 3, relu) → MaxPooling2D(2) → Conv2D(16, 3, relu) → MaxPooling2D(2)
    ///     → Flatten → Dense(10, softmax)
    static let small = ModelSpec(inputShape: [28, 28, 1], layers: [
        .conv2d(Conv2DSpec(filters: 8, kernelSize: Size2(3), activation: .relu)),
        .maxPooling2d(PoolSpec(poolSize: Size2(2))),
        .conv2d(Conv2DSpec(filters: 16, kernelSize: Size2(3), activation: .relu)),
        .maxPooling2d(PoolSpec(poolSize: Size2(2))),
        .flatten,
        .dense(DenseSpec(units: 10, activation: .softmax)),
    ])

    /// The dense baseline: the fully connected network the MNIST convnet is compared with
    /// (Keras's two-layer MNIST network): 407,050 parameters.
    ///
    ///     Flatten → Dense(512, relu) → Dense(10, softmax)
    static let dense = ModelSpec(inputShape: [28, 28, 1], layers: [
        .flatten,
        .dense(DenseSpec(units: 512, activation: .relu)),
        .dense(DenseSpec(units: 10, activation: .softmax)),
    ])

    /// The MNIST convnet with dropout (rate 0.5) before its classifier: the same 93,322
    /// parameters as `seed`.
    static let seedDropout = ModelSpec(inputShape: [28, 28, 1], layers: [
        .conv2d(Conv2DSpec(filters: 32, kernelSize: Size2(3), activation: .relu)),
        .maxPooling2d(PoolSpec(poolSize: Size2(2))),
        .conv2d(Conv2DSpec(filters: 64, kernelSize: Size2(3), activation: .relu)),
        .maxPooling2d(PoolSpec(poolSize: Size2(2))),
        .conv2d(Conv2DSpec(filters: 64, kernelSize: Size2(3), activation: .relu)),
        .flatten,
        .dropout(rate: 0.5),
        .dense(DenseSpec(units: 64, activation: .relu)),
        .dense(DenseSpec(units: 10, activation: .softmax)),
    ])

    static let all: [(name: String, spec: ModelSpec)] = [("seed", seed), ("small", small), ("dense", dense), ("seed-dropout", seedDropout)]
}
