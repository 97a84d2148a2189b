import Foundation
import Testing

@testable import RecRL

/// A customer policy with no hidden layer, zero weights and the given output biases: π(·|s^c) is
/// softmax(bias) whatever s^c, so its loss is worked out by hand.
func constantCustomerPolicy(_ factorisation: CustomerActionFactorisation, bias: [Double]) -> CustomerPolicy {
    var rng = RNG(seed: 0)
    let network = MLP(sizes: [CustomerView.featureSize, factorisation.logitCount], rng: &rng)
    network.linears[0].weight.data = [Double](repeating: 0, count: network.linears[0].weight.count)
    network.linears[0].bias.data = bias
    return CustomerPolicy(factorisation: factorisation, network: network)
}

@Suite("Behaviour cloning")
struct BehaviourCloningTests {
    /// Two pages: (0 clicks, turn the page) and (1 click, leave).
    let actions = [CustomerAction(clicks: 0, decision: .turnPage), CustomerAction(clicks: 1, decision: .leave)]
    /// Any two s^c: a constant policy ignores them.
    var features: Tensor {
        var rng = RNG(seed: 1)
        return Tensor.uniform(2, CustomerView.featureSize, low: 0, high: 1, rng: &rng)
    }

    @Test("joint head, worked example: logit ln 3 on (0, turn), 0 elsewhere → L = ln 35 − ½ ln 3, ∂L/∂b₀ = 3/35 − ½")
    func jointLossByHand() {
        var bias = [Double](repeating: 0, count: 33)
        bias[0] = Foundation.log(3)
        let policy = constantCustomerPolicy(.joint, bias: bias)
        // p(0, turn) = 3/35, every other pair 1/35: L = −½ (ln 3/35 + ln 1/35).
        let loss = BehaviourCloning.loss(policy: policy, features: features, actions: actions)
        #expect(Swift.abs(loss.data[0] - (Foundation.log(35) - 0.5 * Foundation.log(3))) < 1e-12)
        policy.zeroGrad()
        loss.backward()
        // ∂L/∂bₖ = mean over pages of (pₖ − 1[k = aᵢ]).
        #expect(Swift.abs(policy.network.linears[0].bias.grad[0] - (3.0 / 35 - 0.5)) < 1e-12)
        #expect(Swift.abs(policy.network.linears[0].bias.grad[4] - (1.0 / 35 - 0.5)) < 1e-12)
        #expect(Swift.abs(policy.network.linears[0].bias.grad[5] - 1.0 / 35) < 1e-12)
    }

    @Test(
        "independent heads, worked example: clicks logit ln 4 on 0, decision logits [0, ln 2, 0] → L = ln 14 + ½ ln 2")
    func independentLossByHand() {
        var bias = [Double](repeating: 0, count: 14)
        bias[0] = Foundation.log(4)
        bias[12] = Foundation.log(2)
        let policy = constantCustomerPolicy(.independent, bias: bias)
        // p(c = 0) = 4/14, p(c = 1) = 1/14; p(turn) = 1/4, p(leave) = 2/4:
        // L = −½ (ln(4/14 · 1/4) + ln(1/14 · 2/4)) = ln 14 + ½ ln 2.
        let loss = BehaviourCloning.loss(policy: policy, features: features, actions: actions)
        #expect(Swift.abs(loss.data[0] - (Foundation.log(14) + 0.5 * Foundation.log(2))) < 1e-12)
        // The 33 joint probabilities are the outer product of the heads.
        let p = policy.probabilities(features: [Double](repeating: 0, count: 118))
        #expect(Swift.abs(p[CustomerAction(clicks: 1, decision: .leave).index] - 1.0 / 14 * 0.5) < 1e-15)
        #expect(Swift.abs(p.reduce(0, +) - 1) < 1e-12)
    }

    @Test("sampling draws a^c with the policy's probabilities (both factorisations)")
    func samplingFrequencies() {
        var bias = [Double](repeating: 0, count: 33)
        bias[CustomerAction(clicks: 2, decision: .buy).index] = Foundation.log(30)
        var rng = RNG(seed: 9)
        for policy in [
            constantCustomerPolicy(.joint, bias: bias),
            constantCustomerPolicy(.independent, bias: [Foundation.log(12)] + [Double](repeating: 0, count: 13)),
        ] {
            let p = policy.probabilities(features: [Double](repeating: 0, count: 118))
            var counts = [Int](repeating: 0, count: 33)
            let n = 20_000
            for _ in 0..<n {
                counts[policy.sample(features: [Double](repeating: 0, count: 118), draws: &rng).index] += 1
            }
            for k in 0..<33 {
                let sd = (p[k] * (1 - p[k]) / Double(n)).squareRoot()
                #expect(Swift.abs(Double(counts[k]) / Double(n) - p[k]) < 5 * sd + 1e-9, "action \(k)")
            }
        }
    }

    @Test(
        "learning: BC's held-out log-likelihood beats the marginal model's, and the joint head beats the independent ones"
    )
    func beatsTheMarginal() throws {
        let log = HistoricalLog.generate(world: TaobaoWorld(), sessions: 4000, seed: 1)
        let (train, heldOut) = CustomerDataset.split(log: log, heldOutFraction: 0.2, seed: 2)
        let marginal = MarginalCustomerModel(dataset: train).meanLogLikelihood(heldOut)
        var config = BehaviourCloningConfig()
        config.epochs = 10
        config.learningRate = 3e-3
        config.hiddenSizes = [32]
        let joint = try BehaviourCloning.fit(train: train, heldOut: heldOut, config: config)
        config.factorisation = .independent
        let independent = try BehaviourCloning.fit(train: train, heldOut: heldOut, config: config)
        let jointLL = joint.epochs.last!.heldOutLogLikelihood
        let independentLL = independent.epochs.last!.heldOutLogLikelihood
        #expect(jointLL > marginal + 0.03, "BC \(jointLL) vs marginal \(marginal) nats per page")
        #expect(jointLL > independentLL, "joint \(jointLL) vs independent \(independentLL)")
        #expect(
            Swift.abs(BehaviourCloning.meanLogLikelihood(policy: joint.policy, dataset: heldOut) - jointLL) < 1e-12)
        // Same seed, same fit.
        config.factorisation = .joint
        let again = try BehaviourCloning.fit(train: train, heldOut: heldOut, config: config)
        #expect(again.epochs == joint.epochs)
    }
}
