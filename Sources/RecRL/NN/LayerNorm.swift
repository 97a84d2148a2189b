/// Layer normalisation with a learned scale and shift (Ba, Kiros & Hinton 2016):
///
///     y = (x − μ) / √(σ² + ε) ⊙ scale + shift,
///
/// with μ and σ² the mean and (biased) variance of each row's features (`Tensor.layerNormalized`).
/// scale starts at ones and shift at zeros, so a new layer only normalises. DDPG's networks in the
/// report put one after each hidden layer. The parameters are named "scale" and "shift" (PyTorch's
/// `LayerNorm.weight` and `LayerNorm.bias`).
public final class LayerNorm: Module {
    /// The number of features normalised per row.
    public let size: Int
    /// ε, added to the variance so a constant row does not divide by zero (PyTorch's 1e-5).
    public let epsilon: Double
    /// The learned per-feature scale, [1×size].
    public let scale: Tensor
    /// The learned per-feature shift, [1×size].
    public let shift: Tensor

    /// A layer norm over `size` features.
    public init(_ size: Int, epsilon: Double = 1e-5) {
        precondition(size > 0, "LayerNorm needs a positive size, got \(size)")
        self.size = size
        self.epsilon = epsilon
        scale = Tensor.ones(1, size, requiresGrad: true)
        shift = Tensor.zeros(1, size, requiresGrad: true)
        scale.name = "scale"
        shift.name = "shift"
    }

    /// Normalises each row of x, [B×size] → [B×size].
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.cols == size, "LayerNorm(\(size)): input has \(x.cols) features, expected \(size)")
        return x.layerNormalized(epsilon: epsilon, scale: scale, shift: shift)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] { [("scale", scale), ("shift", shift)] }
}
