import Foundation
import Testing

@testable import RecRL

/// REINFORCE with a value baseline: the loss's gradient by hand, the Ψ weights, and a seeded
/// learning test in TaobaoWorld.
@Suite("REINFORCE")
struct REINFORCETests {
    func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) < tolerance }
    }

    /// A REINFORCE agent on 1-dim observations and actions with a linear policy μ = w·s + b,
    /// w = 0.5, b = 0.1, σ = 0.5.
    func tinyAgent() -> REINFORCE {
        var config = REINFORCEConfig()
        config.hiddenSizes = []
        config.initialLogStd = log(0.5)
        var rng = RNG(seed: 0)
        let agent = REINFORCE(config: config, observationSize: 1, actionSize: 1, rng: &rng)
        agent.policy.meanNetwork.linears[0].weight.data = [0.5]
        agent.policy.meanNetwork.linears[0].bias.data = [0.1]
        return agent
    }

    /// Two rows: (s, a, Ψ) = (1, 1.0, 2) and (2, 0.0, −1).
    func tinyRollout() -> Rollout {
        Rollout(
            environmentCount: 1, stepCount: 2, observations: Tensor([[1], [2]]), actions: Tensor([[1.0], [0.0]]),
            logProbs: [0, 0], rewards: [0, 0], values: [0, 0], nextValues: [0, 0], terminated: [false, true],
            truncated: [false, false], finishedEpisodes: [], metrics: EngineMetrics())
    }

    // By hand: μ = (0.6, 1.1), σ² = 0.25.
    //   ∂log π/∂μ = (a − μ)/σ² = (0.4/0.25, −1.1/0.25) = (1.6, −4.4)
    //   ∂log π/∂w = that · s = (1.6, −8.8);  ∂log π/∂b = (1.6, −4.4)
    //   ∂log π/∂log σ = z² − 1 with z = (a − μ)/σ = (0.8, −2.2): (−0.36, 3.84)
    //   ĝ = ½ Σ Ψ ∇log π:  w: ½(2·1.6 + 8.8) = 6.0;  b: ½(2·1.6 + 4.4) = 3.8;
    //                      log σ: ½(2·(−0.36) − 3.84) = −2.28
    @Test("the policy-gradient loss −(1/B) Σ log π · Ψ has gradient −(1/B) Σ Ψ ∇log π (by hand)")
    func lossGradientByHand() {
        let agent = tinyAgent()
        let rollout = tinyRollout()
        agent.policy.zeroGrad()
        let logProbs = agent.policy.distribution(rollout.observations).logProb(rollout.actions)
        let loss = REINFORCE.policyGradientLoss(logProbs: logProbs, weights: [2, -1])
        loss.backward()
        let w = agent.policy.meanNetwork.linears[0].weight.grad
        let b = agent.policy.meanNetwork.linears[0].bias.grad
        let logStd = agent.policy.logStd.grad
        #expect(
            close(w + b + logStd, [-6.0, -3.8, 2.28]),
            "∂L/∂(w, b, log σ): expected (−6, −3.8, 2.28), got \(w + b + logStd)")
        // The loss itself: −½ (2 log π₁ − log π₂) with log π = −½ z² − log σ − ½ log 2π.
        let logPi = [0.8, -2.2].map { z in -0.5 * z * z - log(0.5) - 0.5 * log(2 * Double.pi) }
        #expect(Swift.abs(loss.scalar - (-0.5 * (2 * logPi[0] - logPi[1]))) < 1e-12, "loss: got \(loss.scalar)")
        // policyGradient returns the ascent direction ĝ, in parameter order (mean weight, bias, log σ).
        #expect(close(agent.policyGradient(on: rollout, weights: [2, -1]), [6.0, 3.8, -2.28]))
    }

    @Test("a policy-gradient loss with mismatched shapes is refused")
    func lossShapes() async {
        await #expect(processExitsWith: .failure) {
            _ = REINFORCE.policyGradientLoss(logProbs: Tensor.zeros(3, 1), weights: [1, 2])
        }
    }

    @Test("episode returns: every step of an episode gets its discounted return from the first step")
    func episodeReturnsByHand() {
        // γ = 0.5; episode 1 = steps 0–1: 1 + 0.5·2 = 2; episode 2 = steps 2–3 (cut): 3 + 0.5·4 = 5.
        #expect(
            episodeReturns(rewards: [1, 2, 3, 4], episodeEnds: [false, true, false, false], gamma: 0.5) == [2, 2, 5, 5])
    }

    @Test("standardised weights have mean 0 and (population) std 1; a constant list gives zeros")
    func standardisedWeights() {
        let s = (1.5).squareRoot()  // (x − 2) / √(2/3) for x = 1, 2, 3
        #expect(close(standardized([1, 2, 3]), [-s, 0, s]))
        #expect(standardized([4, 4]) == [0, 0])
    }

    @Test("Ψ choices on a rollout: total return, reward-to-go, baseline, and a custom GAE per environment")
    func weightChoices() {
        // Two counting environments (every step pays 1), sessions of 2 steps, γ = 0.5:
        // each column is [1 + 0.5, 1, 1 + 0.5, 1] for reward-to-go and [1.5] × 4 for the total return.
        var config = REINFORCEConfig()
        config.hiddenSizes = []
        config.gamma = 0.5
        var rng = RNG(seed: 3)
        let agent = REINFORCE(config: config, observationSize: 1, actionSize: 1, rng: &rng)
        var collector = RolloutCollector(
            environments: [
                CountingEnvironment(length: 2, endsByTruncation: false),
                CountingEnvironment(length: 2, endsByTruncation: false),
            ], seed: 0)
        let rollout = collector.collect(steps: 4, policy: agent.policy, value: agent.value, rng: &rng)
        #expect(agent.weights(.rewardToGo, for: rollout) == [1.5, 1.5, 1, 1, 1.5, 1.5, 1, 1])
        #expect(agent.weights(.totalReturn, for: rollout) == Array(repeating: 1.5, count: 8))
        #expect(
            close(
                agent.weights(.baseline, for: rollout),
                zip(rollout.rewardsToGo(gamma: 0.5), rollout.values).map { $0 - $1 }))
        #expect(agent.weights(.gae, for: rollout) == rollout.advantages(gamma: 0.5, lambda: config.lambda).advantages)
        // A custom advantage function sees each environment's own timeline and its results come
        // back in row order: returning rₜ + 10·(index within the column) shows both.
        var calls = 0
        let custom: AdvantageFunction = { rewards, _, _, _, _, _, _ in
            calls += 1
            return rewards.indices.map { rewards[$0] + 10 * Double($0) }
        }
        #expect(agent.weights(.gae, for: rollout, gae: custom) == [1, 1, 11, 11, 21, 21, 31, 31])
        #expect(calls == 2)
    }

    @Test("an out-of-range config field is a clear error")
    func configValidation() {
        var config = REINFORCEConfig()
        config.gamma = 1.5
        #expect(throws: REINFORCEConfigError(message: "gamma must be in [0, 1], got 1.5")) { try config.validate() }
        config = REINFORCEConfig()
        config.valueMinibatchSize = 0
        #expect(throws: REINFORCEConfigError.self) { try config.validate() }
        #expect(throws: Never.self) { try REINFORCEConfig().validate() }
    }

    @Test("seeded REINFORCE with GAE beats the random engine in TaobaoWorld within seconds")
    func beatsRandom() throws {
        let world = TaobaoWorld()
        var rng = RNG(seed: 11)
        let agent = REINFORCE(observationSize: world.observationSize, actionSize: world.actionSize, rng: &rng)
        var collector = RolloutCollector(
            environments: (0..<16).map { TaobaoWorld(truth: world.truth, seed: UInt64($0)) }, seed: 5)
        let log = try agent.train(collector: &collector, iterations: 30, rng: &rng)
        let random = world.evaluate(.random(), customers: 200, seed: 123).ctr
        let oracle = world.evaluate(.oracle, customers: 200, seed: 123).ctr
        let learned = world.evaluate(Engine(name: "pg", policy: agent.policy.meanAction), customers: 200, seed: 123).ctr
        let score = EngineMetrics.normalisedScore(learned, random: random, oracle: oracle)
        // Measured: random ≈ 0.08, oracle ≈ 0.30, 30 batches reach a score ≈ 0.3.
        #expect(score > 0.15, "normalised score after 30 batches: \(score) (CTR \(learned), random \(random))")
        // The stochastic policy's own rollouts improve too: the last batches click more than the first.
        let first = log.prefix(5).map(\.rolloutCTR).reduce(0, +) / 5
        let last = log.suffix(5).map(\.rolloutCTR).reduce(0, +) / 5
        #expect(last > first + 0.02, "rollout CTR: first five batches \(first), last five \(last)")
    }
}
