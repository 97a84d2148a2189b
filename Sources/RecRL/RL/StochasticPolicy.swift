/// A stochastic policy π_θ(a | s): for a batch of observations, one action distribution per row,
/// differentiable in the policy's parameters.
///
/// This is all that on-policy learners need — `RolloutCollector` samples from it, GAE needs only
/// the rollout, PPO (Schulman et al. 2017) and TRPO (Schulman et al. 2015) need log π_θ(a|s), the
/// entropy and the KL between the old and the new policy — so they are generic over it. The
/// engine's Gaussian policies (`GaussianPolicy`: π = N(μ_θ(s), diag σ²)) are one kind; a policy over
/// discrete choices (`MLPCategoricalPolicy`: π = softmax(logits_θ(s))) is another.
///
/// Actions reach the environment as rows of numbers (`Distribution.tensor(of:)`): a Gaussian's
/// sample as it is, a categorical choice one-hot (see `Environment`).
public protocol StochasticPolicy: Module {
    /// The kind of distribution π_θ(·|s) is (`DiagonalGaussian`, `Categorical`, …).
    associatedtype ActionDistribution: Distribution

    /// The action distribution of each row of `observations` ([B×obs] → B distributions).
    func distribution(_ observations: Tensor) -> ActionDistribution
}

extension StochasticPolicy {
    /// The greedy policy s ↦ the most likely action of π_θ(·|s), as the row of numbers the
    /// environment takes: the mean of a Gaussian, the most probable choice one-hot.
    public func greedyAction(_ observation: [Double]) -> [Double] {
        Tensor.withoutGradients {
            let distribution = distribution(.row(observation))
            return distribution.tensor(of: distribution.mode).data
        }
    }
}
