import Foundation
import Testing

@testable import RecRL

/// A contextual bandit with discrete actions: the observation is one of `contexts` one-hot
/// contexts, drawn at random; the agent picks one of as many choices (one-hot, the `Environment`
/// convention for discrete actions), and is paid 1 for the choice (c + 1) mod k, 0 otherwise.
/// Every session is one step. A random policy earns 1/k per step; the best one earns 1.
struct ShiftedChoiceBandit: Environment {
    var contexts = 3
    var rng = RNG(seed: 0)
    var context = 0
    var observationSize: Int { contexts }
    var actionSize: Int { contexts }

    /// The paying choice in context c.
    func bestChoice(_ c: Int) -> Int { (c + 1) % contexts }

    func observation(_ c: Int) -> [Double] { (0..<contexts).map { $0 == c ? 1 : 0 } }

    mutating func reset(seed: UInt64?) -> [Double] {
        if let seed { rng = RNG(seed: seed) }
        context = rng.int(below: contexts)
        return observation(context)
    }

    mutating func step(_ action: [Double]) -> StepResult {
        let choice = oneHotIndex(action)
        let paid = choice == bestChoice(context)
        return StepResult(
            observation: observation(context), reward: paid ? 1 : 0, terminated: true, truncated: false,
            info: StepInfo(clicks: paid ? 1 : 0, purchase: paid, page: 1))
    }
}

@Suite("PPO with a categorical policy")
struct CategoricalPPOTests {
    @Test("a categorical policy acts one-hot, and its log π is the categorical's of the chosen index")
    func categoricalRollout() {
        var rng = RNG(seed: 1)
        let policy = MLPCategoricalPolicy(sizes: [3, 8, 3], rng: &rng)
        var collector = RolloutCollector(environments: [ShiftedChoiceBandit(), ShiftedChoiceBandit()], seed: 2)
        let rollout = collector.collect(steps: 5, policy: policy, value: nil, rng: &rng)
        #expect(rollout.actions.shape == [10, 3])
        for i in 0..<10 { #expect(rollout.actions.row(i).sorted() == [0, 0, 1]) }
        let distribution = policy.distribution(rollout.observations)
        let recomputed = distribution.logProb(distribution.value(of: rollout.actions)).data
        #expect(zip(recomputed, rollout.logProbs).allSatisfy { abs($0 - $1) < 1e-12 })
        // The first policy is ≈ uniform (output gain 0.01), so log π ≈ log 1/3.
        #expect(rollout.logProbs.allSatisfy { abs($0 - Foundation.log(1.0 / 3)) < 0.05 })
    }

    @Test("seeded learning: PPO learns a contextual bandit whose best choice depends on the observation")
    func learnsContextualBandit() throws {
        var config = PPOConfig()
        config.environmentCount = 4
        config.stepsPerEnvironment = 64
        config.minibatchSize = 64
        config.epochs = 4
        config.learningRate = 3e-3
        config.hiddenSizes = [16]
        var rng = RNG(seed: 0)
        let ppo = PPO(config: config, observationSize: 3, choiceCount: 3, rng: &rng)
        let bandit = ShiftedChoiceBandit()
        var collector = RolloutCollector(environments: Array(repeating: bandit, count: 4), seed: 1)
        let logs = try ppo.train(collector: &collector, iterations: 20, rng: &rng)
        // Random choice earns 1/3 per session; the rollout's sessions are one step each.
        let first = logs.first!.averageEpRet
        let last = logs.last!.averageEpRet
        #expect(abs(first - 1.0 / 3) < 0.1, "the first rollout, from an almost uniform policy, earned \(first)")
        #expect(last > 0.8, "after 20 iterations the stochastic policy earns \(last) per session (random: 1/3)")
        // The greedy policy picks the paying choice in every context.
        for c in 0..<3 {
            let action = ppo.policy.greedyAction(bandit.observation(c))
            #expect(action.firstIndex(of: 1) == bandit.bestChoice(c), "context \(c): greedy action \(action)")
        }
    }
}
