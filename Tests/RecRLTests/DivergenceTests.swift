import Foundation
import Testing

@testable import RecRL

/// Runs `body` and returns the `TrainingDiverged` it throws (nil if it returns normally; any
/// other error fails the test).
func divergence(_ body: () throws -> Void) -> TrainingDiverged? {
    do {
        try body()
        return nil
    } catch let error as TrainingDiverged {
        return error
    } catch {
        Issue.record("expected TrainingDiverged, got \(error)")
        return nil
    }
}

@Suite("Divergence detection")
struct DivergenceTests {
    @Test("the message names the trainer, the iteration and the quantity")
    func message() {
        let error = TrainingDiverged(algorithm: "PPO", iteration: 3, quantity: "the policy loss", value: .nan)
        #expect(error.description == "PPO diverged at iteration 3: the policy loss is nan")
        let check = DivergenceCheck(algorithm: "DDPG", iteration: 7)
        #expect(divergence { try check.finite(1e300, "the critic loss") } == nil)
        #expect(
            divergence { try check.finite(-.infinity, "the critic loss") }?.description
                == "DDPG diverged at iteration 7: the critic loss is -inf")
    }

    @Test("gradients and parameters: the first non-finite entry is named by its parameter")
    func namesTheParameter() {
        let fine = Tensor([[1, 2]], requiresGrad: true)
        let bad = Tensor([[3, .nan]], requiresGrad: true)
        fine.grad = [0.5, -0.5]
        bad.grad = [.infinity, 0]
        let named = [(name: "fine", tensor: fine), (name: "bad", tensor: bad)]
        let check = DivergenceCheck(algorithm: "REINFORCE", iteration: 2)
        #expect(
            divergence { try check.finiteGradients(of: named) }?.description
                == "REINFORCE diverged at iteration 2: the gradient of bad is inf")
        #expect(
            divergence { try check.finiteParameters(named) }?.description
                == "REINFORCE diverged at iteration 2: the parameter bad is nan")
        #expect(divergence { try check.finiteParameters([(name: "fine", tensor: fine)]) } == nil)
    }

    /// A small PPO on TaobaoWorld: 4 customers × 32 steps.
    func smallPPO(_ adjust: (inout PPOConfig) -> Void = { _ in }) -> (
        PPO<MLPGaussianPolicy>, RolloutCollector<TaobaoWorld>
    ) {
        var config = PPOConfig()
        config.environmentCount = 4
        config.stepsPerEnvironment = 32
        config.hiddenSizes = [16]
        adjust(&config)
        var rng = RNG(seed: 0)
        let ppo = PPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        return (ppo, RolloutCollector(environments: Array(repeating: TaobaoWorld(), count: 4), seed: 1))
    }

    @Test("PPO stops at the first NaN: a NaN in the critic makes Â, then the policy loss of iteration 1, NaN")
    func ppoStopsAtNaN() {
        let (ppo, start) = smallPPO()
        var collector = start
        var rng = RNG(seed: 2)
        ppo.value.linears[0].weight.data[0] = .nan
        var iterationsLogged = 0
        let error = divergence {
            _ = try ppo.train(collector: &collector, iterations: 3, rng: &rng) { _ in iterationsLogged += 1 }
        }
        // V(s) is NaN in the rollout, so GAE's advantages are, and the policy loss is the first loss.
        #expect(error?.description == "PPO diverged at iteration 1: the policy loss is nan")
        #expect(iterationsLogged == 0)
    }

    @Test("PPO stops when the policy leaves the data: learning rate 0.99 without a gradient clip")
    func ppoStopsAtAHugeKL() {
        // Everything stays finite here (ch05 with these flags logged KL ≈ 3·10⁹ and ran on), so it
        // is the divergence bound on the approximate KL that stops it.
        let (ppo, start) = smallPPO {
            $0.learningRate = 0.99
            $0.maxGradNorm = 1e9
        }
        var collector = start
        var rng = RNG(seed: 2)
        let error = divergence { _ = try ppo.train(collector: &collector, iterations: 5, rng: &rng) }
        #expect(error != nil)
        #expect(error?.quantity.hasPrefix("the approximate KL") == true, "\(String(describing: error))")
        #expect((error?.value ?? 0) > ppo.config.divergenceKL)
        // The same run with the default learning rate and clip trains on.
        let (calm, calmStart) = smallPPO()
        var calmCollector = calmStart
        #expect(divergence { _ = try calm.train(collector: &calmCollector, iterations: 5, rng: &rng) } == nil)
    }

    @Test("REINFORCE stops at an infinite parameter of its value network, naming it")
    func reinforceStopsAtNaN() {
        var config = REINFORCEConfig()
        config.environments = 2
        config.stepsPerEnvironment = 16
        config.hiddenSizes = [8]
        var rng = RNG(seed: 0)
        let agent = REINFORCE(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        agent.value.linears[0].bias.data[0] = .infinity
        var collector = RolloutCollector(environments: Array(repeating: TaobaoWorld(), count: 2), seed: 1)
        let error = divergence { _ = try agent.train(collector: &collector, iterations: 2, rng: &rng) }
        #expect(error?.algorithm == "REINFORCE" && error?.iteration == 1)
        // tanh(∞) = 1 keeps V finite, so no loss shows it: the parameter check after the first
        // value step names the parameter.
        #expect(error?.quantity == "the parameter value.0.bias", "\(String(describing: error))")
        #expect(error?.value == .infinity)
    }

    @Test("DDPG and TD3 stop at a NaN in the critic, at the first gradient step")
    func ddpgStopsAtNaN() {
        for (name, base) in [("DDPG", DDPGConfig()), ("TD3", DDPGConfig.td3)] {
            var config = base
            config.hidden = [8]
            config.environments = 1
            config.randomSteps = 4
            config.updateAfter = 4
            config.batchSize = 4
            config.trainFrequency = 1
            config.gradientSteps = 1
            var rng = RNG(seed: 0)
            let agent = DDPG(observationSize: 91, actionSize: 27, config: config, replayCapacity: 64, rng: &rng)
            agent.critics[0].network.linears.last!.bias.data[0] = .nan  // Q(s, a) is NaN
            let error = divergence {
                _ = try agent.train(
                    environment: TaobaoWorld(), steps: 12, evaluateEvery: 12, rng: &rng, evaluate: { _ in 0 })
            }
            #expect(error?.description == "\(name) diverged at iteration 1: the critic loss is nan")
        }
    }
}
