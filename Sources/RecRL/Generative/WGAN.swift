import Foundation

/// The settings of the WGAN (Arjovsky, Chintala & Bottou 2017, Algorithm 1), which the paper's
/// Table 1 compares against.
public struct WGANConfig: Sendable {
    /// Size of the noise z ~ N(0, I).
    public var noiseSize = 32
    /// Hidden layers of the generator (ReLU), as GAN-SD's.
    public var generatorHidden = [128, 128]
    /// Hidden layers of the critic 88 → … → 1 (leaky ReLU; the output is a score, not a probability).
    public var criticHidden = [128, 128]
    /// Minibatch size m (WGAN's Algorithm 1: 64; here GAN-SD's 256, for the same data per step).
    public var batchSize = 256
    /// n_critic: critic steps per generator step (WGAN's Algorithm 1: 5).
    public var criticSteps = 5
    /// c: every critic weight is clipped to [−c, c] after each critic step (WGAN: 0.01).
    public var clip = 0.01
    /// RMSProp's learning rate α of both networks (WGAN: 5·10⁻⁵).
    public var learningRate = 5e-5
    /// τ of the straight-through Gumbel-softmax the critic sees (`GumbelSoftmax`).
    public var temperature = 1.0

    public init() {}
}

/// WGAN with weight clipping (Arjovsky et al. 2017, Algorithm 1):
///
///     for each generator iteration:
///         for t = 1 … n_critic:
///             x ~ data, z ~ N(0, I)
///             maximise over f   E[f(x)] − E[f(G(z))]        (RMSProp step)
///             clip every weight of f to [−c, c]
///         z ~ N(0, I)
///         maximise over G   E[f(G(z))]                      (RMSProp step)
///
/// The clip keeps f (roughly) K-Lipschitz, so E[f(x)] − E[f(G(z))] estimates the Wasserstein-1
/// distance up to a constant. The critic sees straight-through Gumbel-softmax samples like GAN-SD's
/// discriminator. WGAN-GP (Gulrajani et al. 2017) would replace the clip by the penalty
/// λ·(‖∇ₓ f(x̂)‖ − 1)²; its gradient needs the gradient of a gradient, which this library's
/// autodiff cannot take (each backward step computes plain numbers, not a differentiable graph),
/// so it is not offered.
public final class WGAN: CustomerModel {
    public let config: WGANConfig
    public let generator: GANGenerator
    public let critic: MLP
    public let data: CustomerSet
    let generatorOptimizer: RMSProp
    let criticOptimizer: RMSProp

    public init(config: WGANConfig, data: CustomerSet, rng: inout RNG) {
        precondition(data.count > 0, "WGAN needs training customers")
        precondition(config.batchSize > 0 && config.criticSteps > 0 && config.clip > 0, "WGAN: sizes must be positive")
        self.config = config
        self.data = data
        generator = GANGenerator(noiseSize: config.noiseSize, hidden: config.generatorHidden, rng: &rng)
        critic = MLP(sizes: [TaobaoLayout.staticSize] + config.criticHidden + [1], activation: .leakyRelu, rng: &rng)
        for p in critic.parameters { p.data = p.data.map { min(max($0, -config.clip), config.clip) } }
        generatorOptimizer = RMSProp(parameters: generator.parameters, learningRate: config.learningRate)
        criticOptimizer = RMSProp(parameters: critic.parameters, learningRate: config.learningRate)
    }

    /// Generated rows as the critic sees them (straight-through, so G gets f's gradient).
    func generated(rng: inout RNG) -> Tensor {
        let z = generator.noise(count: config.batchSize, rng: &rng)
        let noise = GumbelSoftmax.noise(rows: config.batchSize, cols: TaobaoLayout.staticSize, rng: &rng)
        return GumbelSoftmax.straightThrough(logits: generator.logits(z), noise: noise, temperature: config.temperature)
    }

    /// One critic step followed by the clip; returns the critic's loss −(E[f(x)] − E[f(G(z))]).
    @discardableResult
    public func criticStep(rng: inout RNG) -> Double {
        let fake = Tensor.withoutGradients { generated(rng: &rng) }.detached()
        let real = data.oneHot((0..<config.batchSize).map { _ in rng.int(below: data.count) })
        criticOptimizer.zeroGrad()
        let loss = critic(fake).mean() - critic(real).mean()
        loss.backward()
        criticOptimizer.step()
        let c = config.clip
        for p in critic.parameters { p.data = p.data.map { min(max($0, -c), c) } }
        return loss.scalar
    }

    /// One generator step: maximise E[f(G(z))]; returns the loss −E[f(G(z))].
    @discardableResult
    public func generatorStep(rng: inout RNG) -> Double {
        generatorOptimizer.zeroGrad()
        let loss = -critic(generated(rng: &rng)).mean()
        loss.backward()
        generatorOptimizer.step()
        return loss.scalar
    }

    /// Trains `iterations` generator iterations (each after n_critic critic steps), logging as
    /// `GANSD.train` does.
    public func train(
        iterations count: Int, logEvery: Int, evaluationSize: Int = 4_096, rng: inout RNG,
        progress: (Int, Double) -> Void = { _, _ in }
    ) -> AdversarialCurve {
        AdversarialCurve.trained(
            rounds: count, logEvery: logEvery, evaluationSize: evaluationSize, data: data, rng: &rng,
            sample: { sample(count: $0, rng: &$1) }, progress: progress
        ) { rng in
            var cLoss = 0.0
            for _ in 0..<config.criticSteps { cLoss = criticStep(rng: &rng) }
            return (cLoss, generatorStep(rng: &rng))
        }
    }

    public func sample(count: Int, rng: inout RNG) -> CustomerSet { generator.sample(count: count, rng: &rng) }
}
