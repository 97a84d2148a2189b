import Foundation
import Testing

@testable import RecRL

@Suite("GAN-SD terms")
struct GANSDTermTests {
    /// Two generated rows over a 3-value V and a real minibatch of two customers.
    let probabilities = Tensor([[0.5, 0.3, 0.2], [0.1, 0.5, 0.4]])
    let realFrequencies = [0.5, 0.5, 0.0]

    @Test("minibatch entropy: p̄ = batch mean of the rows, H(p̄) = −Σ p̄ log p̄, by hand on 3 values")
    func entropyByHand() {
        // p̄ = ((0.5 + 0.1)/2, (0.3 + 0.5)/2, (0.2 + 0.4)/2) = (0.3, 0.4, 0.3).
        let p = MinibatchDistribution.mean(of: probabilities)
        #expect(p.shape == [1, 3])
        for (got, want) in zip(p.data, [0.3, 0.4, 0.3]) { #expect(abs(got - want) < 1e-15) }
        // H = −(2·0.3·ln 0.3 + 0.4·ln 0.4) = 0.7223837 + 0.3665163 = 1.0889000 (1.08889998 to 8 digits).
        #expect(abs(MinibatchDistribution.entropy(p).scalar - 1.08889998) < 1e-7)
    }

    @Test("minibatch KL(q ‖ p̄): a cell with q = 0 adds nothing, by hand on 3 values")
    func klByHand() {
        // KL = 0.5·ln(0.5/0.3) + 0.5·ln(0.5/0.4) + 0 = 0.2554128 + 0.1115718 = 0.36698459.
        let p = MinibatchDistribution.mean(of: probabilities)
        #expect(abs(MinibatchDistribution.kl(from: realFrequencies, to: p).scalar - 0.36698459) < 1e-7)
        // KL(q ‖ q) = 0.
        let q = Tensor.row([0.2, 0.5, 0.3])
        #expect(abs(MinibatchDistribution.kl(from: [0.2, 0.5, 0.3], to: q).scalar) < 1e-15)
    }

    @Test("the real minibatch's frequencies of a group of one-hot rows")
    func frequencies() {
        let rows = Tensor([[1, 0, 0, 1], [0, 1, 0, 1], [1, 0, 0, 1], [1, 0, 0, 1]])
        #expect(MinibatchDistribution.frequencies(of: rows, columns: 0..<3) == [0.75, 0.25, 0])
    }

    @Test("H(p̄) and KL(q ‖ p̄) back-propagate into the generator's logits (central differences)")
    func gradients() {
        var rng = RNG(seed: 11)
        let logits = Tensor.normal(5, 3, rng: &rng, requiresGrad: true)
        let entropyError = GradientCheck.maxError(
            of: { MinibatchDistribution.entropy(MinibatchDistribution.mean(of: logits.softmax())) }, wrt: [logits])
        let klError = GradientCheck.maxError(
            of: {
                MinibatchDistribution.kl(from: [0.5, 0.5, 0], to: MinibatchDistribution.mean(of: logits.softmax()))
            },
            wrt: [logits])
        #expect(entropyError < 1e-7)
        #expect(klError < 1e-7)
        // dH/dp̄ⱼ = −(log p̄ⱼ + 1) by hand at p̄ = (0.3, 0.4, 0.3): −(ln 0.3 + 1) = 0.2039728.
        let p = Tensor.row([0.3, 0.4, 0.3], requiresGrad: true)
        MinibatchDistribution.entropy(p).backward()
        #expect(abs(p.grad[0] - 0.2039728) < 1e-7)
        // dKL/dp̄ⱼ = −qⱼ/p̄ⱼ: −0.5/0.3, −0.5/0.4, 0.
        let p2 = Tensor.row([0.3, 0.4, 0.3], requiresGrad: true)
        MinibatchDistribution.kl(from: [0.5, 0.5, 0], to: p2).backward()
        #expect(abs(p2.grad[0] + 0.5 / 0.3) < 1e-12 && abs(p2.grad[1] + 0.5 / 0.4) < 1e-12 && p2.grad[2] == 0)
    }

    /// The sum of |∂term/∂θ| over the generator's parameters, after a fresh backward of `term`.
    func generatorGradient(_ model: GANSD, _ term: Tensor) -> Double {
        for p in model.generator.parameters { p.zeroGrad() }
        term.backward()
        return model.generator.parameters.reduce(0) { $0 + $1.grad.reduce(0) { $0 + abs($1) } }
    }

    @Test("the generator gets a nonzero gradient from each of D, H and KL — not only from the KL")
    func everyTermReachesTheGenerator() {
        var rng = RNG(seed: 5)
        let world = TaobaoWorld()
        let data = CustomerSet(population: world.truth.population, count: 500, rng: &rng)
        var config = GANSDConfig()
        config.batchSize = 32
        config.generatorHidden = [16]
        config.discriminatorHidden = [16]
        for variable in GANSDConfig.Variable.allCases {
            config.variable = variable
            let model = GANSD(config: config, data: data, rng: &rng)
            let z = model.generator.noise(count: 32, rng: &rng)
            let noise = GumbelSoftmax.noise(rows: 32, cols: 88, rng: &rng)
            let real = model.realBatch(rng: &rng)
            let fromD = generatorGradient(model, model.generatorTerms(z: z, noise: noise, real: real).adversarial)
            let fromH = generatorGradient(model, model.generatorTerms(z: z, noise: noise, real: real).entropy)
            let fromKL = generatorGradient(model, model.generatorTerms(z: z, noise: noise, real: real).kl)
            #expect(fromD > 1e-8, "D(G(z)) gives the generator no gradient (V = \(variable))")
            #expect(fromH > 1e-8, "H gives the generator no gradient (V = \(variable))")
            #expect(fromKL > 1e-8, "KL gives the generator no gradient (V = \(variable))")
            // The first layer is reached through D too (the relaxation passes D's gradient back).
            let first = model.generator.network.linears[0].weight
            for p in model.generator.parameters { p.zeroGrad() }
            model.generatorTerms(z: z, noise: noise, real: real).adversarial.backward()
            #expect(first.grad.contains { $0 != 0 })
        }
    }
}

@Suite("GAN-SD terms' optimum")
struct GANSDTermOptimumTests {
    @Test("α·H − β·KL(q ‖ p) is maximised at p = q only for α = 0 or a uniform q; else it leans to uniform")
    func optimum() {
        let q = [0.7, 0.2, 0.1]
        let noEntropy = MinibatchDistribution.termsOptimum(q: q, alpha: 0, beta: 1)
        for (a, b) in zip(noEntropy, q) { #expect(abs(a - b) < 1e-6) }
        let uniform = MinibatchDistribution.termsOptimum(q: [1.0 / 3, 1.0 / 3, 1.0 / 3], alpha: 1, beta: 1)
        for a in uniform { #expect(abs(a - 1.0 / 3) < 1e-6) }
        // α = β = 1: stationarity −log pⱼ − 1 + qⱼ/pⱼ = λ for every j, and p* is flatter than q.
        let biased = MinibatchDistribution.termsOptimum(q: q, alpha: 1, beta: 1)
        let residuals = zip(biased, q).map { -Foundation.log($0) - 1 + $1 / $0 }
        #expect(residuals.max()! - residuals.min()! < 1e-5)
        #expect(biased[0] < 0.7 - 0.05 && biased[2] > 0.1)
    }
}
