import Foundation
import Testing

@testable import RecRL

/// A discriminator with no hidden layer, zero weights and output bias b: D = σ(b) for every pair.
func constantDiscriminator(bias: Double) -> MAILDiscriminator {
    var rng = RNG(seed: 0)
    let network = MLP(sizes: [MAILDiscriminator.inputSize, 1], rng: &rng)
    network.linears[0].weight.data = [Double](repeating: 0, count: network.linears[0].weight.count)
    network.linears[0].bias.data = [bias]
    return MAILDiscriminator(network: network)
}

@Suite("MAIL discriminator")
struct MAILDiscriminatorTests {
    static let log = HistoricalLog.generate(world: TaobaoWorld(), sessions: 600, seed: 21)

    func pairs(_ n: Int, seed: UInt64) -> (features: Tensor, actions: [CustomerAction]) {
        var rng = RNG(seed: seed)
        let x = Tensor.uniform(n, CustomerView.featureSize, low: -1, high: 1, rng: &rng)
        return (x, (0..<n).map { _ in CustomerAction(index: rng.int(below: 33)) })
    }

    @Test("BCE on logits, worked example: D = σ(ln 3) = ¾ everywhere → L = ln 4/3 + ln 4 = ln 16/3, ∂L/∂b = ½")
    func lossByHand() {
        let d = constantDiscriminator(bias: Foundation.log(3))
        let loss = d.loss(real: pairs(3, seed: 1), generated: pairs(5, seed: 2))
        #expect(Swift.abs(loss.data[0] - Foundation.log(16.0 / 3)) < 1e-12)
        d.zeroGrad()
        loss.backward()
        // real: ∂softplus(−b)/∂b = −(1 − D) = −¼; generated: ∂softplus(b)/∂b = D = ¾.
        #expect(Swift.abs(d.network.linears[0].bias.grad[0] - 0.5) < 1e-12)
    }

    @Test("the reward is derived once: r = log D − log(1 − D), the logit itself")
    func rewardIsTheLogit() {
        var rng = RNG(seed: 3)
        let d = MAILDiscriminator(hiddenSizes: [8], rng: &rng)
        let (x, a) = pairs(20, seed: 4)
        let r = d.reward(features: x, actions: a)
        let p = Tensor.withoutGradients { d.logits(features: x, actions: a).sigmoid().data }
        for i in 0..<20 { #expect(Swift.abs(r[i] - (Foundation.log(p[i]) - Foundation.log(1 - p[i]))) < 1e-9) }
        // Computing it leaves nothing on the tape and is the same every time (no dropout, no noise).
        #expect(d.reward(features: x, actions: a) == r)
    }

    @Test("with D = ½ everywhere, a session's return is 0 whatever its length (−log(1 − D) would pay per page)")
    func noIncentiveOnLength() {
        let d = constantDiscriminator(bias: 0)
        let customers = VirtualCustomers.logged(LoggedCustomers(log: Self.log))
        func sessionReturn(_ answer: CustomerAction) -> (length: Int, logit: Double, positive: Double) {
            var bias = [Double](repeating: 0, count: 33)
            bias[answer.index] = 100
            let sim = VirtualTaobao(customers: customers, customerPolicy: constantCustomerPolicy(.joint, bias: bias))
            let data = CustomerDataset(simulator: sim, engine: .random(), sessions: 1, seed: 5)
            let (x, a) = data.batch(0..<data.count)
            let r = d.reward(features: x, actions: a)
            let positive = Tensor.withoutGradients { d.logits(features: x, actions: a).softplus().data }
            return (data.count, r.reduce(0, +), positive.reduce(0, +))
        }
        let long = sessionReturn(CustomerAction(clicks: 1, decision: .turnPage))
        let short = sessionReturn(CustomerAction(clicks: 1, decision: .leave))
        #expect(long.length == 15 && short.length == 1)
        #expect(long.logit == 0 && short.logit == 0)
        // The always-positive reward −log(1 − D) = softplus(ℓ) pays ln 2 a page: 15 ln 2 vs ln 2.
        #expect(Swift.abs(long.positive - 15 * Foundation.log(2)) < 1e-12)
        #expect(Swift.abs(short.positive - Foundation.log(2)) < 1e-12)
    }

    @Test("generated pairs are the simulator's sessions: s^c as the customer saw it, a^c as it answered")
    func generatedPairs() {
        var bias = [Double](repeating: 0, count: 33)
        bias[CustomerAction(clicks: 2, decision: .turnPage).index] = 100
        let sim = VirtualTaobao(
            customers: .logged(LoggedCustomers(log: Self.log)),
            customerPolicy: constantCustomerPolicy(.joint, bias: bias),
            maxPages: 4)
        let data = CustomerDataset(
            simulator: sim, engine: .fixed([Double](repeating: 0.5, count: 27)), sessions: 3, seed: 6)
        #expect(data.count == 12 && data.sessionStarts == [0, 4, 8])
        for t in 0..<4 {
            let row = Array(data.features[(t * 118)..<((t + 1) * 118)])
            let dynamic: [Double] = [t == 0 ? 0 : 2.0 / 10, Double(2 * t) / 10, Double(t) / 10]
            #expect(Array(row[88..<91]) == dynamic)
            #expect(Array(row[91...]) == [Double](repeating: 0.5, count: 27))
        }
    }

    @Test("learning: the discriminator separates the log from a customer who answers uniformly")
    func separates() throws {
        let real = CustomerDataset(log: Self.log)
        let uniform = VirtualTaobao(
            customers: .logged(LoggedCustomers(log: Self.log)),
            customerPolicy: constantCustomerPolicy(.joint, bias: [Double](repeating: 0, count: 33)))
        let generated = CustomerDataset(simulator: uniform, engine: .random(), sessions: 600, seed: 7)
        var rng = RNG(seed: 8)
        let d = MAILDiscriminator(hiddenSizes: [32], rng: &rng)
        let optimizer = Adam(parameters: d.parameters, learningRate: 3e-3)
        let before = d.accuracy(real: real, generated: generated)
        var losses: [Double] = []
        for i in 1...150 {
            losses.append(
                try d.update(
                    real: real, generated: generated, batchSize: 64, optimizer: optimizer, iteration: i, rng: &rng))
        }
        let after = d.accuracy(real: real, generated: generated)
        #expect(after > 0.75 && after > before + 0.1, "accuracy \(before) → \(after)")
        let first: Double = losses.prefix(10).reduce(0, +) / 10
        let last: Double = losses.suffix(10).reduce(0, +) / 10
        #expect(last < first, "loss \(first) → \(last)")
    }
}
