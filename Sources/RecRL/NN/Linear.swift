/// A fully connected layer, y = x·W + b, for a batch of inputs in rows.
///
/// x is [B×in], the weight W is [in×out] and the bias b is [1×out] (added to every row), so
/// y is [B×out]. (PyTorch stores the transpose, [out×in], and computes x·Wᵀ + b: same layer.)
/// The parameters are named "weight" and "bias".
public final class Linear: Module {
    /// How the weight is initialised. The bias always starts at zero.
    public enum Initialization: Sendable {
        /// Glorot & Bengio (2010): U(−a, a) with a = √(6 / (in + out)), which keeps the variance
        /// of activations and of gradients about constant through the layer (PyTorch's
        /// `xavier_uniform_`).
        case glorotUniform
        /// A (semi-)orthogonal matrix times `gain` (Saxe et al. 2014; PyTorch's `orthogonal_`):
        /// the smaller of WᵀW and WWᵀ is gain²·I. CleanRL's `layer_init` uses gain √2 for hidden
        /// layers, 1 for value heads and 0.01 for policy heads.
        case orthogonal(gain: Double)
    }

    /// The number of input features.
    public let inputSize: Int
    /// The number of output features.
    public let outputSize: Int
    /// W, [in×out].
    public let weight: Tensor
    /// b, [1×out].
    public let bias: Tensor

    /// A layer from `inputSize` to `outputSize` features with its weight drawn from `rng`.
    public init(_ inputSize: Int, _ outputSize: Int, initialization: Initialization = .glorotUniform, rng: inout RNG) {
        precondition(
            inputSize > 0 && outputSize > 0, "Linear needs positive sizes, got \(inputSize) → \(outputSize)")
        self.inputSize = inputSize
        self.outputSize = outputSize
        let values: [Double]
        switch initialization {
        case .glorotUniform:
            let a = (6.0 / Double(inputSize + outputSize)).squareRoot()
            values = (0..<(inputSize * outputSize)).map { _ in rng.uniform(-a, a) }
        case .orthogonal(let gain):
            values = Linear.orthogonal(rows: inputSize, cols: outputSize, gain: gain, rng: &rng)
        }
        weight = Tensor(rows: inputSize, cols: outputSize, data: values, requiresGrad: true, name: "weight")
        bias = Tensor.zeros(1, outputSize, requiresGrad: true)
        bias.name = "bias"
    }

    /// y = x·W + b: [B×in] → [B×out].
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(
            x.cols == inputSize,
            "Linear(\(inputSize) → \(outputSize)): input has \(x.cols) features, expected \(inputSize)")
        return x.matmul(weight) + bias
    }

    public var namedParameters: [(name: String, tensor: Tensor)] { [("weight", weight), ("bias", bias)] }
}
