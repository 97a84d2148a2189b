import Foundation
import Testing

@testable import RecRL

@Suite("WGAN")
struct WGANTests {
    @Test("WGAN: every critic weight is inside [−c, c] after every critic step")
    func clip() {
        var rng = RNG(seed: 3)
        let data = CustomerSet(population: TaobaoWorld().truth.population, count: 300, rng: &rng)
        var config = WGANConfig()
        config.batchSize = 32
        config.generatorHidden = [16]
        config.criticHidden = [16]
        config.learningRate = 0.05  // large steps, so the clip has work to do
        let wgan = WGAN(config: config, data: data, rng: &rng)
        var clipped = 0
        for step in 0..<20 {
            wgan.criticStep(rng: &rng)
            for p in wgan.critic.parameters {
                #expect(p.data.allSatisfy { abs($0) <= config.clip }, "step \(step): a weight is outside the clip")
                clipped += p.data.filter { abs($0) == config.clip }.count
            }
            if step % 5 == 4 { wgan.generatorStep(rng: &rng) }
        }
        #expect(clipped > 0)  // the clip was active, not vacuous
    }

    @Test("RMSProp's first step by hand: v = 0.01·g², θ ← θ − lr·g/√v")
    func rmsProp() {
        // θ = 1, g = 2, lr = 0.1, ρ = 0.99: v = 0.01·4 = 0.04, √v = 0.2, θ = 1 − 0.1·2/0.2 = 0.
        let theta = Tensor.row([1], requiresGrad: true)
        theta.grad = [2]
        let optimizer = RMSProp(parameters: [theta], learningRate: 0.1, epsilon: 0)
        optimizer.step()
        #expect(abs(theta.data[0]) < 1e-12)
        // Second step with g = 2: v = 0.99·0.04 + 0.04 = 0.0796, θ = −0.1·2/√0.0796 = −0.7088812.
        optimizer.step()
        #expect(abs(theta.data[0] + 0.7088812) < 1e-7)
    }
}
