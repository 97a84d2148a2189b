/// A policy over k discrete choices: an MLP gives the logits and π_θ(·|s) = softmax(logits_θ(s)),
/// as the actor of CleanRL's `ppo.py` (discrete actions). Chapter 8's customer, who buys, turns
/// the page or leaves, is such a policy.
///
/// Initialisation as CleanRL's: orthogonal weights with gain √2 in the hidden layers and 0.01 in
/// the output layer (the first policy is ≈ uniform over the choices), zero biases.
public final class MLPCategoricalPolicy: StochasticPolicy {
    /// s ↦ the logits of the k choices.
    public let logitNetwork: MLP

    /// - Parameters:
    ///   - sizes: observation size, hidden sizes, number of choices (e.g. [4, 32, 3]).
    ///   - activation: the hidden nonlinearity (tanh, as CleanRL).
    public init(sizes: [Int], activation: Activation = .tanh, rng: inout RNG) {
        precondition(
            sizes.count >= 2 && sizes.last! >= 2, "MLPCategoricalPolicy: needs at least 2 choices, got sizes \(sizes)")
        logitNetwork = MLP(
            sizes: sizes, activation: activation, initialization: .orthogonal(gain: 2.0.squareRoot()),
            outputGain: 0.01, rng: &rng)
    }

    /// The number of choices k.
    public var choiceCount: Int { logitNetwork.sizes.last! }

    public func distribution(_ observations: Tensor) -> Categorical {
        Categorical(logits: logitNetwork(observations))
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        logitNetwork.namedParameters(prefixedBy: "logits")
    }
}
