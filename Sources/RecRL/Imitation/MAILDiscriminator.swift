import Foundation

/// MAIL's discriminator R_θ (Shi et al. 2019, Algorithm 2, line 11): a network that scores a
/// customer's (s^c, a^c) pair with one logit ℓ_θ, D_θ = σ(ℓ_θ) being the probability that the
/// pair comes from the historical log rather than from the simulator. Its input is s^c (118,
/// `CustomerView`) ‖ a^c one-hot over the 33 pairs (`CustomerAction.index`).
///
/// Trained with the binary cross-entropy on logits (stable: −log σ(ℓ) = softplus(−ℓ),
/// −log(1 − σ(ℓ)) = softplus(ℓ)),
///
///     L(θ) = E_log[softplus(−ℓ_θ)] + E_generated[softplus(ℓ_θ)],
///
/// which is Algorithm 2's E_τθ[log R] + E_τe[log(1 − R)] up to sign and naming (there R is the
/// probability of "generated"; here D is that of "real").
///
/// The policies' reward is derived from it once, as the logit itself:
///
///     r(s^c, a^c) = log D − log(1 − D) = ℓ_θ(s^c, a^c)
///
/// not −log(1 − D) = softplus(ℓ) (always positive: every extra page earns reward, so a policy
/// learns to lengthen sessions) nor log D = −softplus(−ℓ) (always negative: it learns to end them).
/// Sessions here have variable length — the customer leaves or buys — and where D = ½ the logit
/// pays 0 for every page, so a session's return does not depend on its length (a known pitfall of
/// GAIL with variable horizons, Kostrikov et al. 2019, "Discriminator-Actor-Critic").
///
/// The network has no dropout or noise, so the reward is a deterministic function of the pair.
public final class MAILDiscriminator: Module {
    /// (s^c ‖ one-hot a^c) ↦ ℓ.
    public let network: MLP

    /// 151 = 118 + 33 inputs.
    public static let inputSize = CustomerView.featureSize + CustomerAction.count

    /// A new discriminator with hidden layers `hiddenSizes` (tanh).
    public init(hiddenSizes: [Int] = [64, 64], rng: inout RNG) {
        network = MLP(sizes: [Self.inputSize] + hiddenSizes + [1], activation: .tanh, rng: &rng)
    }

    /// A discriminator over a given network (151 inputs, 1 output).
    public init(network: MLP) {
        precondition(
            network.sizes.first == Self.inputSize && network.sizes.last == 1,
            "MAILDiscriminator: the network must map \(Self.inputSize) → 1, got \(network.sizes)")
        self.network = network
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        network.namedParameters(prefixedBy: "discriminator")
    }

    /// The network's input: each row of `features` ‖ its action one-hot.
    public static func input(features: Tensor, actions: [CustomerAction]) -> Tensor {
        precondition(features.rows == actions.count, "\(features.rows) rows of s^c, \(actions.count) actions")
        return Tensor.concat([features, Categorical.oneHot(actions.map(\.index), choices: CustomerAction.count)])
    }

    /// ℓ_θ of each pair, [B×1], differentiable in θ.
    public func logits(features: Tensor, actions: [CustomerAction]) -> Tensor {
        network(Self.input(features: features, actions: actions))
    }

    /// L(θ) on a batch of log pairs and a batch of generated pairs, [1×1].
    public func loss(
        real: (features: Tensor, actions: [CustomerAction]), generated: (features: Tensor, actions: [CustomerAction])
    )
        -> Tensor
    {
        logits(features: real.features, actions: real.actions).negated().softplus().mean()
            + logits(features: generated.features, actions: generated.actions).softplus().mean()
    }

    /// The reward r = log D − log(1 − D) = ℓ_θ of each pair, computed without gradients.
    public func reward(features: Tensor, actions: [CustomerAction]) -> [Double] {
        Tensor.withoutGradients { logits(features: features, actions: actions).data }
    }

    /// One step of `optimizer` on L(θ) over `batchSize` log pairs and `batchSize` generated pairs
    /// drawn uniformly (with replacement) with `rng`; returns the loss before the step. Throws
    /// `TrainingDiverged` at a non-finite loss, gradient or parameter.
    public func update(
        real: CustomerDataset, generated: CustomerDataset, batchSize: Int, optimizer: some Optimizer,
        iteration: Int = 1, rng: inout RNG
    ) throws(TrainingDiverged) -> Double {
        precondition(real.count > 0 && generated.count > 0 && batchSize > 0, "an update needs pairs on both sides")
        let check = DivergenceCheck(algorithm: "MAIL discriminator", iteration: iteration)
        let r = real.batch((0..<batchSize).map { _ in rng.int(below: real.count) })
        let g = generated.batch((0..<batchSize).map { _ in rng.int(below: generated.count) })
        optimizer.zeroGrad()
        let l = loss(real: r, generated: g)
        try check.finite(l.data[0], "the discriminator loss")
        l.backward()
        try check.finiteGradients(of: namedParameters)
        optimizer.step()
        try check.finiteParameters(namedParameters)
        return l.data[0]
    }

    /// The share of pairs classified right (D > ½ for the log's, D < ½ for generated ones).
    public func accuracy(real: CustomerDataset, generated: CustomerDataset) -> Double {
        precondition(real.count > 0 && generated.count > 0, "accuracy needs pairs on both sides")
        func rewards(_ d: CustomerDataset) -> [Double] {
            let (x, a) = d.batch(0..<d.count)
            return reward(features: x, actions: a)
        }
        let right = rewards(real).filter { $0 > 0 }.count + rewards(generated).filter { $0 < 0 }.count
        return Double(right) / Double(real.count + generated.count)
    }
}
