/// A batch of probability distributions, one per row: what a stochastic policy π_θ(·|s) returns
/// for a batch of states, and what PPO, TRPO and REINFORCE need from it.
///
/// - `sample` and `mode` give one value per row (drawn, or the most likely one);
/// - `logProb`, `entropy` and `kl` are Tensor ops, so they back-propagate into the parameters the
///   distribution was built from (a network's output): the policy gradient needs ∇ log π, TRPO
///   the gradient and the Fisher-vector product of the mean KL;
/// - `tensor(of:)` writes a value as a row of numbers, which is how a `Rollout` stores actions and
///   how an `Environment` receives one (a Gaussian's sample is already such a row; a categorical
///   index is written one-hot).
///
/// The closed-form KLs are the textbook ones (Cover & Thomas, *Elements of Information Theory*,
/// §8.6 and §2.3): for two Gaussians
///
///     KL(p ‖ q) = Σⱼ [ log σqⱼ − log σpⱼ + (σpⱼ² + (μpⱼ − μqⱼ)²) / (2 σqⱼ²) − ½ ]
///
/// and for two categoricals KL(p ‖ q) = Σᵢ pᵢ (log pᵢ − log qᵢ).
public protocol Distribution {
    /// One draw for every row: a [B×d] tensor for a Gaussian, B indices for a categorical.
    associatedtype Value

    /// The batch size B (the number of distributions).
    var batchSize: Int { get }

    /// One value per row, drawn with `rng`. No gradient flows through a sample.
    func sample(rng: inout RNG) -> Value

    /// The most likely value of each row (the mean of a Gaussian, the first most probable index of
    /// a categorical): the greedy action of a policy.
    var mode: Value { get }

    /// log p(x) of each row's value, as [B×1].
    func logProb(_ value: Value) -> Tensor

    /// The (differential) entropy H = −E_p[log p(x)] of each row, as [B×1] (or [1×1] when it is the
    /// same for every row, as a Gaussian with a shared log σ).
    func entropy() -> Tensor

    /// KL(self ‖ other) = E_self[log self(x) − log other(x)] of each row, as [B×1], in closed form.
    /// Differentiable in the parameters of both.
    func kl(to other: Self) -> Tensor

    /// A batch of values as a [B×width] tensor of numbers, one row per value.
    func tensor(of value: Value) -> Tensor

    /// The values a [B×width] tensor of `tensor(of:)` stands for.
    func value(of tensor: Tensor) -> Value
}
