/// A stochastic policy over continuous actions: π_θ(a | s) = N(μ_θ(s), diag(σ_θ(s)²)) — the
/// search engine's policies over the 27 ranking weights (`MLPGaussianPolicy`, `SplitFeaturePolicy`).
public protocol GaussianPolicy: StochasticPolicy where ActionDistribution == DiagonalGaussian {}

extension GaussianPolicy {
    /// The deterministic policy s ↦ μ_θ(s) (the mean action), as used for evaluation.
    public func meanAction(_ observation: [Double]) -> [Double] {
        Tensor.withoutGradients { distribution(.row(observation)).mean.data }
    }
}

/// The standard Gaussian policy of CleanRL's and Stable-Baselines3's PPO: an MLP gives the mean
/// μ_θ(s); log σ is a learned vector shared by all states (state-independent exploration noise).
///
/// Initialisation as CleanRL's `ppo_continuous_action.py`: orthogonal weights with gain √2 in the
/// hidden layers and 0.01 in the output layer (so the first policy's mean is ≈ 0 everywhere), zero
/// biases, and log σ = `initialLogStd` (0, i.e. σ = 1).
public final class MLPGaussianPolicy: GaussianPolicy {
    /// s ↦ μ_θ(s).
    public let meanNetwork: MLP
    /// log σ, [1×actionSize], a parameter.
    public let logStd: Tensor

    /// - Parameters:
    ///   - sizes: observation size, hidden sizes, action size (e.g. [91, 128, 128, 27]).
    ///   - activation: the hidden nonlinearity (tanh, as CleanRL and SB3's PPO).
    ///   - initialLogStd: log σ at the start.
    public init(sizes: [Int], activation: Activation = .tanh, initialLogStd: Double = 0, rng: inout RNG) {
        meanNetwork = MLP(
            sizes: sizes, activation: activation, initialization: .orthogonal(gain: 2.0.squareRoot()),
            outputGain: 0.01, rng: &rng)
        logStd = Tensor(
            rows: 1, cols: sizes.last!, data: [Double](repeating: initialLogStd, count: sizes.last!), requiresGrad: true
        )
    }

    public func distribution(_ observations: Tensor) -> DiagonalGaussian {
        DiagonalGaussian(mean: meanNetwork(observations), logStd: logStd)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        meanNetwork.namedParameters(prefixedBy: "mean") + [("logStd", logStd)]
    }
}

/// A state-value network V_φ(s): an MLP with one output, initialised as CleanRL's critic
/// (orthogonal, gain √2 in the hidden layers and 1 at the output).
public func valueNetwork(sizes: [Int], activation: Activation = .tanh, rng: inout RNG) -> MLP {
    precondition(sizes.last == 1, "valueNetwork: the last size must be 1 (a value), got \(sizes)")
    return MLP(
        sizes: sizes, activation: activation, initialization: .orthogonal(gain: 2.0.squareRoot()), outputGain: 1,
        rng: &rng)
}
