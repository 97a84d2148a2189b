import Foundation

/// GAN-SD's two distribution terms as functions, so a student's version can be trained with
/// (chapter 7's `--mine`): from the generated rows' probabilities of V ([B×k], each row a softmax)
/// the entropy H(p̄) of their batch mean, and KL(q ‖ p̄) from the real minibatch's frequencies q.
/// The library's are `MinibatchDistribution.entropy` and `.kl` of `MinibatchDistribution.mean`.
public struct GANSDTerms: Sendable {
    public let name: String
    public let entropy: @Sendable (_ probabilities: Tensor) -> Tensor
    public let kl: @Sendable (_ q: [Double], _ probabilities: Tensor) -> Tensor

    public init(
        name: String, entropy: @escaping @Sendable (Tensor) -> Tensor,
        kl: @escaping @Sendable ([Double], Tensor) -> Tensor
    ) {
        self.name = name
        self.entropy = entropy
        self.kl = kl
    }

    /// H(p̄) and KL(q ‖ p̄) with p̄ = `MinibatchDistribution.mean` of the rows.
    public static let library = GANSDTerms(
        name: "library",
        entropy: { MinibatchDistribution.entropy(MinibatchDistribution.mean(of: $0)) },
        kl: { MinibatchDistribution.kl(from: $0, to: MinibatchDistribution.mean(of: $1)) })
}

/// The settings of GAN-SD (Shi et al. 2019, "GAN-SD" and Algorithm 1) and, with α = β = 0 and the
/// log-probability term, of the plain GAN (`GANSDConfig.plainGAN`, in GAN.swift).
public struct GANSDConfig: Sendable {
    /// What V is: the attribute whose minibatch distribution enters H and KL.
    public enum Variable: String, Sendable, CaseIterable {
        /// The customer category ("In our implementation, V(·) is the customer type").
        case customerCategory
        /// Every one of the 11 attributes: H and KL summed over the groups.
        case everyAttribute
    }

    /// How the generator scores D's verdict on its samples.
    public enum AdversarialTerm: String, Sendable {
        /// + E[D(G(z))], D a probability: the paper's generator objective, as written.
        case probability
        /// + E[log D(G(z))]: the non-saturating GAN loss (Goodfellow et al. 2014, §3).
        case logProbability
    }

    /// What the discriminator sees of a generated customer.
    public enum DiscriminatorInput: String, Sendable {
        /// One-hot straight-through Gumbel-softmax samples (`GumbelSoftmax.straightThrough`).
        case straightThrough
        /// The soft Gumbel-softmax rows y_soft (the ablation: real rows are one-hot, these are not).
        case soft
    }

    /// Size of the noise z ~ N(0, I).
    public var noiseSize = 32
    /// Hidden layers of the generator (ReLU).
    public var generatorHidden = [128, 128]
    /// Hidden layers of the discriminator 88 → … → 1 logit (leaky ReLU).
    public var discriminatorHidden = [128, 128]
    /// Minibatch size B of both the generated and the real minibatch (Algorithm 1, lines 5–6, 9–10).
    public var batchSize = 256
    /// k: generator steps per discriminator step (Algorithm 1, line 4).
    public var generatorSteps = 1
    /// Adam's learning rate of the generator (β₁ = 0.5; both as DCGAN, Radford et al. 2016).
    public var generatorLearningRate = 2e-4
    /// Adam's learning rate of the discriminator (β₁ = 0.5).
    public var discriminatorLearningRate = 2e-4
    /// α, the weight of the entropy H(V(G(z))) (the paper: 1).
    public var alpha = 1.0
    /// β, the weight of KL(V(x) ‖ V(G(z))) (the paper: 1).
    public var beta = 1.0
    /// Which attribute is V.
    public var variable = Variable.customerCategory
    /// D(G(z)) as in the paper, or log D(G(z)).
    public var adversarialTerm = AdversarialTerm.probability
    /// τ of the Gumbel-softmax relaxation.
    public var temperature = 1.0
    /// What D is fed of a generated row.
    public var discriminatorInput = DiscriminatorInput.straightThrough
    /// The H and KL functions (the library's, or a student's).
    public var terms = GANSDTerms.library

    public init() {}
}

/// GAN-SD, Algorithm 1 of Shi et al. (2019):
///
///     for i = 0, 1, 2, …
///         for k steps:                                                          (lines 4–8)
///             z ~ N(0, I), x ~ data;   maximise over G
///             E[D(G(z))] + α·H(V(G(z))) − β·KL(V(x) ‖ V(G(z)))
///         z ~ N(0, I), x ~ data;   maximise over D                              (lines 9–11)
///             E[log D(x)] + E[log(1 − D(G(z)))]
///
/// D is the sigmoid of the discriminator's logit; its loss is binary cross-entropy with logits,
/// softplus(−ℓ(x)) + softplus(ℓ(G(z))). H and KL are over the minibatch distributions of V
/// (`MinibatchDistribution`): the generated p̄ is the batch mean of V's softmax probabilities, the
/// real q the real minibatch's frequencies. D sees straight-through Gumbel-softmax samples, so
/// its gradient reaches G (`GumbelSoftmax`); H and KL reach G through the probabilities.
public final class GANSD: CustomerModel {
    public let config: GANSDConfig
    public let generator: GANGenerator
    public let discriminator: MLP
    public let data: CustomerSet
    let generatorOptimizer: Adam
    let discriminatorOptimizer: Adam
    /// Discriminator steps taken so far.
    public private(set) var iterations = 0

    public init(config: GANSDConfig, data: CustomerSet, rng: inout RNG) {
        precondition(data.count > 0, "GANSD needs training customers")
        precondition(config.batchSize > 0 && config.generatorSteps > 0, "GANSD: batch size and k must be positive")
        self.config = config
        self.data = data
        generator = GANGenerator(noiseSize: config.noiseSize, hidden: config.generatorHidden, rng: &rng)
        discriminator = MLP(
            sizes: [TaobaoLayout.staticSize] + config.discriminatorHidden + [1], activation: .leakyRelu, rng: &rng)
        generatorOptimizer = Adam(
            parameters: generator.parameters, learningRate: config.generatorLearningRate, beta1: 0.5)
        discriminatorOptimizer = Adam(
            parameters: discriminator.parameters, learningRate: config.discriminatorLearningRate, beta1: 0.5)
    }

    /// The column ranges of V.
    var variableColumns: [Range<Int>] {
        let groups =
            config.variable == .customerCategory
            ? [CustomerAttribute.customerCategory.group] : Array(0..<TaobaoLayout.groupCount)
        return groups.map {
            TaobaoLayout.groupOffsets[$0]..<(TaobaoLayout.groupOffsets[$0] + TaobaoLayout.groupSizes[$0])
        }
    }

    /// A real minibatch: B customers of the data, drawn uniformly with replacement, one-hot.
    public func realBatch(rng: inout RNG) -> Tensor {
        data.oneHot((0..<config.batchSize).map { _ in rng.int(below: data.count) })
    }

    /// What D sees of generated rows with these logits and this Gumbel noise.
    public func discriminatorView(logits: Tensor, noise: [Double]) -> Tensor {
        switch config.discriminatorInput {
        case .straightThrough:
            GumbelSoftmax.straightThrough(logits: logits, noise: noise, temperature: config.temperature)
        case .soft:
            GumbelSoftmax.soft(
                logits: logits, noise: noise, temperature: config.temperature, groupSizes: TaobaoLayout.groupSizes)
        }
    }

    /// The three terms of the generator objective on one generated and one real minibatch, each
    /// 1×1 and differentiable in G: E[D(G(z))] (or E[log D(G(z))]), H(V(G(z))), KL(V(x) ‖ V(G(z))).
    public func generatorTerms(z: Tensor, noise: [Double], real: Tensor) -> (
        adversarial: Tensor, entropy: Tensor, kl: Tensor
    ) {
        let logits = generator.logits(z)
        let verdict = discriminator(discriminatorView(logits: logits, noise: noise))
        let adversarial =
            config.adversarialTerm == .probability ? verdict.sigmoid().mean() : (-(-verdict).softplus()).mean()
        var entropy = Tensor.scalar(0), kl = Tensor.scalar(0)
        for columns in variableColumns {
            let probabilities = logits.slice(cols: columns).softmax()
            entropy = entropy + config.terms.entropy(probabilities)
            kl = kl + config.terms.kl(MinibatchDistribution.frequencies(of: real, columns: columns), probabilities)
        }
        return (adversarial, entropy, kl)
    }

    /// One generator step (Algorithm 1, lines 5–7); returns the loss −objective.
    @discardableResult
    public func generatorStep(rng: inout RNG) -> Double {
        let z = generator.noise(count: config.batchSize, rng: &rng)
        let noise = GumbelSoftmax.noise(rows: config.batchSize, cols: TaobaoLayout.staticSize, rng: &rng)
        let real = realBatch(rng: &rng)
        generatorOptimizer.zeroGrad()
        let terms = generatorTerms(z: z, noise: noise, real: real)
        var objective = terms.adversarial
        if config.alpha != 0 { objective = objective + config.alpha * terms.entropy }
        if config.beta != 0 { objective = objective - config.beta * terms.kl }
        let loss = -objective
        loss.backward()
        generatorOptimizer.step()
        return loss.scalar
    }

    /// A generated minibatch as D sees it, with no gradient into G.
    public func generatedBatch(rng: inout RNG) -> Tensor {
        let z = generator.noise(count: config.batchSize, rng: &rng)
        let noise = GumbelSoftmax.noise(rows: config.batchSize, cols: TaobaoLayout.staticSize, rng: &rng)
        return Tensor.withoutGradients { discriminatorView(logits: generator.logits(z), noise: noise) }.detached()
    }

    /// One discriminator step (Algorithm 1, lines 9–11); returns its BCE loss.
    @discardableResult
    public func discriminatorStep(rng: inout RNG) -> Double {
        let fake = generatedBatch(rng: &rng)
        let real = realBatch(rng: &rng)
        discriminatorOptimizer.zeroGrad()
        let loss = (-discriminator(real)).softplus().mean() + discriminator(fake).softplus().mean()
        loss.backward()
        discriminatorOptimizer.step()
        iterations += 1
        return loss.scalar
    }

    /// D's accuracy at telling a fresh real minibatch (ℓ > 0) from a generated one (ℓ < 0).
    public func discriminatorAccuracy(rng: inout RNG) -> Double {
        let fake = generatedBatch(rng: &rng), real = realBatch(rng: &rng)
        return Tensor.withoutGradients {
            let r = discriminator(real).data.filter { $0 > 0 }.count
            let f = discriminator(fake).data.filter { $0 < 0 }.count
            return Double(r + f) / Double(2 * config.batchSize)
        }
    }

    /// Trains `iterations` rounds of Algorithm 1 (k generator steps, then one discriminator
    /// step), logging every `logEvery` rounds the losses and the mean Table 1 KL of
    /// `evaluationSize` generated customers against (the first 50,000 of) the data, drawn with a
    /// generator seeded by the iteration so that logging does not move `rng`.
    /// `progress(iteration, meanKL)` is called at each log.
    public func train(
        iterations count: Int, logEvery: Int, evaluationSize: Int = 4_096, rng: inout RNG,
        progress: (Int, Double) -> Void = { _, _ in }
    ) -> AdversarialCurve {
        AdversarialCurve.trained(
            rounds: count, logEvery: logEvery, evaluationSize: evaluationSize, data: data, rng: &rng,
            sample: { sample(count: $0, rng: &$1) }, progress: progress
        ) { rng in
            var gLoss = 0.0
            for _ in 0..<config.generatorSteps { gLoss = generatorStep(rng: &rng) }
            return (discriminatorStep(rng: &rng), gLoss)
        }
    }

    public func sample(count: Int, rng: inout RNG) -> CustomerSet { generator.sample(count: count, rng: &rng) }
}
