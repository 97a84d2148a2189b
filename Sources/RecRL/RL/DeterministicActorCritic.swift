/// A deterministic policy μ_θ(s) for actions in [−1, 1] (DDPG, TD3): an MLP whose output is
/// squashed with tanh, so every action weight lies in the action bounds.
///
///     let actor = DeterministicActor(sizes: [91, 128, 128, 27], layerNorm: true, rng: &rng)
///     let a = actor(observations)          // [B×91] → [B×27], each entry in (−1, 1)
///
/// The network is Linear → LayerNorm → ReLU for each hidden layer (the report's §3.1 nets with
/// `layerNorm: true`), then Linear → tanh. Parameters are named "mu.0.weight", "mu.0.bias", ….
public final class DeterministicActor: Module {
    /// s ↦ pre-tanh action.
    public let network: MLP

    /// - Parameters:
    ///   - sizes: observation size, hidden sizes, action size.
    ///   - activation: the hidden nonlinearity (ReLU, as Spinning Up's and CleanRL's DDPG/TD3).
    ///   - layerNorm: LayerNorm after each hidden Linear (the report's DDPG).
    public init(sizes: [Int], activation: Activation = .relu, layerNorm: Bool = true, rng: inout RNG) {
        network = MLP(sizes: sizes, activation: activation, layerNorm: layerNorm, rng: &rng)
    }

    /// μ_θ(s) = tanh(MLP(s)) for a batch of observations in rows.
    public func callAsFunction(_ observations: Tensor) -> Tensor {
        network(observations).tanh()
    }

    /// The deterministic action for one observation (nothing recorded for autodiff): the policy
    /// used for evaluation.
    public func action(_ observation: [Double]) -> [Double] {
        Tensor.withoutGradients { self(.row(observation)).data }
    }

    public var namedParameters: [(name: String, tensor: Tensor)] { network.namedParameters(prefixedBy: "mu") }
}

/// An action-value network Q_φ(s, a) (DDPG's and TD3's critic): an MLP on the concatenation
/// [s, a] with one output,
///
///     let critic = QNetwork(observationSize: 91, actionSize: 27, hidden: [128, 128], layerNorm: true, rng: &rng)
///     let q = critic(observations, actions)    // [B×91], [B×27] → [B×1]
///
/// The result is a [B×1] column, one value per transition (see `ddpgTargets` for why the shape
/// matters). Parameters are named "q.0.weight", ….
public final class QNetwork: Module {
    public let observationSize: Int
    public let actionSize: Int
    /// [s, a] ↦ Q.
    public let network: MLP

    public init(
        observationSize: Int, actionSize: Int, hidden: [Int], activation: Activation = .relu,
        layerNorm: Bool = true, rng: inout RNG
    ) {
        self.observationSize = observationSize
        self.actionSize = actionSize
        network = MLP(
            sizes: [observationSize + actionSize] + hidden + [1], activation: activation, layerNorm: layerNorm,
            rng: &rng)
    }

    /// Q_φ(s, a) for a batch of (observation, action) pairs in rows: [B×obs], [B×act] → [B×1].
    public func callAsFunction(_ observations: Tensor, _ actions: Tensor) -> Tensor {
        precondition(
            observations.rows == actions.rows && observations.cols == observationSize
                && actions.cols == actionSize,
            "QNetwork: expected [B, \(observationSize)] observations and [B, \(actionSize)] actions, got "
                + "\(observations.shapeText) and \(actions.shapeText)")
        return network(Tensor.concat([observations, actions], axis: 1))
    }

    public var namedParameters: [(name: String, tensor: Tensor)] { network.namedParameters(prefixedBy: "q") }
}
