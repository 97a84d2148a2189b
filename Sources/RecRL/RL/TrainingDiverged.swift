// Divergence detection, shared by every trainer (PPO, split PPO, REINFORCE, DDPG, TD3).
//
// A learning rate too large, or no gradient clip, can send a loss, a gradient or a parameter to
// ±∞ or NaN; from then on every number computed from it is meaningless, yet training would go on
// and end with a score. Each trainer checks its losses, its gradients and its parameters at every
// update and stops at the first number that is not finite, with the error below.

/// Training stopped because a loss, a gradient or a parameter is not finite (±∞ or NaN).
/// The message names the trainer, the iteration and the quantity, e.g.
/// "PPO diverged at iteration 3: the policy loss is nan".
public struct TrainingDiverged: Error, Equatable, CustomStringConvertible {
    /// The trainer ("PPO", "REINFORCE", "DDPG", "TD3").
    public let algorithm: String
    /// The iteration in which the number was found: a PPO or REINFORCE iteration (1, 2, …, one
    /// rollout each), a DDPG/TD3 gradient step.
    public let iteration: Int
    /// What was not finite: "the policy loss", "the gradient of mean.0.weight", "the parameter logStd".
    public let quantity: String
    /// The offending number (NaN, +∞ or −∞).
    public let value: Double

    public init(algorithm: String, iteration: Int, quantity: String, value: Double) {
        self.algorithm = algorithm
        self.iteration = iteration
        self.quantity = quantity
        self.value = value
    }

    public var description: String {
        "\(algorithm) diverged at iteration \(iteration): \(quantity) is \(value.isNaN ? "nan" : "\(value)")"
    }
}

/// The one check every trainer runs: where it is (trainer and iteration), and three tests that
/// throw `TrainingDiverged` naming the first non-finite quantity.
///
///     let check = DivergenceCheck(algorithm: "PPO", iteration: 3)
///     try check.finite(lossPi.scalar, "the policy loss")
///     try check.finiteGradients(of: namedParameters)
///     try check.finiteParameters(namedParameters)
public struct DivergenceCheck: Sendable {
    /// The trainer's name for the message.
    public let algorithm: String
    /// The current iteration.
    public let iteration: Int

    public init(algorithm: String, iteration: Int) {
        self.algorithm = algorithm
        self.iteration = iteration
    }

    /// Throws if `value` (a loss, a KL, …) is not finite.
    public func finite(_ value: Double, _ quantity: String) throws(TrainingDiverged) {
        if !value.isFinite { throw diverged(quantity, value) }
    }

    /// Throws if an entry of a parameter's gradient is not finite (after `backward()`). Frozen
    /// parameters, which have no gradient, are skipped.
    public func finiteGradients(of parameters: [(name: String, tensor: Tensor)]) throws(TrainingDiverged) {
        for (name, tensor) in parameters where tensor.requiresGrad {
            if let bad = tensor.grad.first(where: { !$0.isFinite }) { throw diverged("the gradient of \(name)", bad) }
        }
    }

    /// Throws if an entry of a parameter is not finite (after an optimiser step).
    public func finiteParameters(_ parameters: [(name: String, tensor: Tensor)]) throws(TrainingDiverged) {
        for (name, tensor) in parameters {
            if let bad = tensor.data.first(where: { !$0.isFinite }) { throw diverged("the parameter \(name)", bad) }
        }
    }

    private func diverged(_ quantity: String, _ value: Double) -> TrainingDiverged {
        TrainingDiverged(algorithm: algorithm, iteration: iteration, quantity: quantity, value: value)
    }
}
