/// A multilayer perceptron: Linear layers with a nonlinearity between them.
///
///     MLP(sizes: [91, 128, 128, 27], activation: .tanh, rng: &rng)
///
/// is Linear(91→128) → tanh → Linear(128→128) → tanh → Linear(128→27). The last layer has no
/// nonlinearity (a policy's mean or a value is any real number; squash it yourself if needed).
/// With `layerNorm: true` each hidden layer is Linear → LayerNorm → activation, as the report's
/// DDPG networks. The layers are numbered like PyTorch's `nn.Sequential`, activations included,
/// so the parameter names are "0.weight", "0.bias", "2.weight", … (or, with layer norm,
/// "0.weight", "0.bias", "1.scale", "1.shift", "3.weight", …).
public final class MLP: Module {
    /// One stage of the network, in order.
    public enum Layer {
        case linear(Linear)
        case layerNorm(LayerNorm)
        case activation(Activation)
    }

    /// The feature sizes, input first and output last.
    public let sizes: [Int]
    /// The stages, in the order they are applied.
    public let layers: [Layer]

    /// An MLP through `sizes` (at least input and output).
    ///
    /// - Parameters:
    ///   - activation: the nonlinearity after each hidden layer.
    ///   - layerNorm: put a `LayerNorm` between each hidden Linear and its activation.
    ///   - initialization: how the weights are drawn (all layers but possibly the last).
    ///   - outputGain: if given, the last layer is instead orthogonal with this gain — CleanRL's
    ///     `layer_init(std=0.01)` for a policy head (a nearly uniform / zero-mean first policy)
    ///     and `std=1` for a value head.
    ///   - rng: the generator the weights are drawn from, layer by layer, first to last.
    public init(
        sizes: [Int], activation: Activation = .tanh, layerNorm: Bool = false,
        initialization: Linear.Initialization = .glorotUniform, outputGain: Double? = nil, rng: inout RNG
    ) {
        precondition(sizes.count >= 2, "MLP needs at least an input and an output size, got \(sizes)")
        self.sizes = sizes
        var layers: [Layer] = []
        for k in 0..<(sizes.count - 1) {
            let isOutput = k == sizes.count - 2
            var layerInit = initialization
            if isOutput, let gain = outputGain { layerInit = .orthogonal(gain: gain) }
            layers.append(.linear(Linear(sizes[k], sizes[k + 1], initialization: layerInit, rng: &rng)))
            if !isOutput {
                if layerNorm { layers.append(.layerNorm(LayerNorm(sizes[k + 1]))) }
                if activation != .none { layers.append(.activation(activation)) }
            }
        }
        self.layers = layers
    }

    /// The network's output for a batch in rows: [B×sizes.first] → [B×sizes.last].
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(
            x.cols == sizes[0], "MLP \(sizes): input has \(x.cols) features, expected \(sizes[0])")
        var h = x
        for layer in layers {
            switch layer {
            case .linear(let linear): h = linear(h)
            case .layerNorm(let norm): h = norm(h)
            case .activation(let f): h = f(h)
            }
        }
        return h
    }

    /// The Linear layers, first to last.
    public var linears: [Linear] {
        layers.compactMap { if case .linear(let l) = $0 { l } else { nil } }
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        layers.enumerated().flatMap { index, layer -> [(name: String, tensor: Tensor)] in
            switch layer {
            case .linear(let linear): linear.namedParameters(prefixedBy: String(index))
            case .layerNorm(let norm): norm.namedParameters(prefixedBy: String(index))
            case .activation: []
            }
        }
    }
}
