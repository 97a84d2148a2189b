import Foundation
import Testing

@testable import RecRL

@Suite("TRPO")
struct TRPOTests {
    /// A small Gaussian TRPO on TaobaoWorld and one rollout of it.
    func smallTaobaoSetup(maxKL: Double = 0.01) -> (TRPO<MLPGaussianPolicy>, Rollout, RNG) {
        var config = TRPOConfig.taobaoWorld
        config.environmentCount = 4
        config.stepsPerEnvironment = 64
        config.hiddenSizes = [16]
        config.maxKL = maxKL
        var rng = RNG(seed: 5)
        let trpo = TRPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        var collector = RolloutCollector(environments: Array(repeating: TaobaoWorld(), count: 4), seed: 6)
        let rollout = collector.collect(steps: 64, policy: trpo.policy, value: trpo.value, rng: &rng)
        return (trpo, rollout, rng)
    }

    @Test("one update: the accepted step improves the surrogate and keeps the mean KL to π_θₖ within δ")
    func oneUpdateRespectsTheTrustRegion() throws {
        var (trpo, rollout, rng) = smallTaobaoSetup()
        let observations = rollout.observations
        let before = Tensor.withoutGradients { trpo.policy.distribution(observations).detached() }
        let logStdBefore = trpo.policy.logStd.data
        let (advantages, returns) = rollout.advantages(gamma: 0.3, lambda: 0.5)
        let stats = try trpo.update(rollout: rollout, advantages: advantages, returns: returns, rng: &rng)
        #expect(stats.lineSearchSucceeded)
        #expect(stats.improvement > 0)
        #expect(stats.kl > 0 && stats.kl <= 0.01, "accepted KL \(stats.kl)")
        // The KL the line search measured is the KL from the snapshot of π_θₖ, log σ included.
        let after = Tensor.withoutGradients { trpo.policy.distribution(observations) }
        let kl = before.kl(to: after).mean().scalar
        #expect(abs(kl - stats.kl) < 1e-12, "recomputed KL \(kl) vs logged \(stats.kl)")
        #expect(trpo.policy.logStd.data != logStdBefore, "log σ is a policy parameter and moves with the step")
        // The quadratic model puts the full step at KL ≈ δ: an accepted step is not far below it.
        #expect(stats.kl > 0.01 * 0.8 * 0.8 * 0.5, "KL \(stats.kl) after \(stats.backtracks) backtracks")
        #expect(stats.cgIterations > 0 && stats.stepSize > 0 && stats.lossV.isFinite)
    }

    @Test("with F from every 4th row, the accepted step still keeps the full batch's mean KL within δ")
    func fisherSubsampling() throws {
        var (trpo, rollout, rng) = smallTaobaoSetup()
        var config = trpo.config
        config.fisherSubsampling = 4
        let thinned = TRPO(config: config, policy: trpo.policy, value: trpo.value)
        let observations = rollout.observations
        let before = Tensor.withoutGradients { thinned.policy.distribution(observations).detached() }
        let (advantages, returns) = rollout.advantages(gamma: 0.3, lambda: 0.5)
        let stats = try thinned.update(rollout: rollout, advantages: advantages, returns: returns, rng: &rng)
        let kl = Tensor.withoutGradients { before.kl(to: thinned.policy.distribution(observations)).mean().scalar }
        #expect(stats.lineSearchSucceeded && stats.improvement > 0)
        #expect(kl > 0 && kl <= 0.01 && abs(kl - stats.kl) < 1e-12, "full-batch KL \(kl), logged \(stats.kl)")
    }

    @Test("no step passes (all advantages 0, so no step improves L): θ stays θₖ and the failure is logged")
    func revertsWhenTheLineSearchFails() throws {
        var (trpo, rollout, rng) = smallTaobaoSetup()
        let theta = trpo.policy.parameters.map(\.data)
        let zeros = [Double](repeating: 0, count: rollout.count)
        let stats = try trpo.update(rollout: rollout, advantages: zeros, returns: zeros, rng: &rng)
        #expect(!stats.lineSearchSucceeded && stats.kl == 0 && stats.improvement == 0)
        #expect(stats.backtracks == trpo.config.lineSearchMaxSteps)
        #expect(trpo.policy.parameters.map(\.data) == theta, "the policy must be back at θₖ bit for bit")
    }

    @Test("a NaN advantage stops training with TrainingDiverged naming the surrogate")
    func divergence() {
        var (trpo, rollout, rng) = smallTaobaoSetup()
        var advantages = [Double](repeating: 1, count: rollout.count)
        advantages[3] = .nan
        #expect(throws: TrainingDiverged.self) {
            try trpo.update(rollout: rollout, advantages: advantages, returns: advantages, rng: &rng)
        }
        do {
            _ = try trpo.update(rollout: rollout, advantages: advantages, returns: advantages, rng: &rng)
        } catch {
            #expect(error.algorithm == "TRPO" && error.quantity == "the surrogate" && error.value.isNaN)
        }
    }

    @Test("the same seed gives the same numbers, run after run")
    func deterministic() throws {
        func run() throws -> [Double] {
            var config = TRPOConfig()
            config.environmentCount = 2
            config.stepsPerEnvironment = 32
            config.hiddenSizes = [8]
            var rng = RNG(seed: 9)
            let trpo = TRPO(config: config, observationSize: 3, choiceCount: 3, rng: &rng)
            var collector = RolloutCollector(environments: [ShiftedChoiceBandit(), ShiftedChoiceBandit()], seed: 2)
            let logs = try trpo.train(collector: &collector, iterations: 3, rng: &rng)
            return logs.flatMap { [$0.averageEpRet, $0.update.kl, $0.update.lossV] } + trpo.policy.parameters[0].data
        }
        #expect(try run() == run())
    }

    @Test("the config rejects bad values with a message naming the field")
    func configValidation() {
        #expect(throws: Never.self) { try TRPOConfig().validate() }
        #expect(throws: Never.self) { try TRPOConfig.taobaoWorld.validate() }
        var bad = TRPOConfig()
        bad.maxKL = 0
        #expect(throws: TRPOConfigError.self) { try bad.validate() }
        bad = TRPOConfig()
        bad.lineSearchShrinkFactor = 1
        #expect(throws: TRPOConfigError.self) { try bad.validate() }
    }

    @Test("seeded learning: a few seconds of TRPO beat the random engine in TaobaoWorld")
    func learnsInTaobaoWorld() throws {
        var config = TRPOConfig.taobaoWorld
        config.stepsPerEnvironment = 128
        var rng = RNG(seed: 0)
        let trpo = TRPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        let world = TaobaoWorld()
        var collector = RolloutCollector(environments: Array(repeating: world, count: 8), seed: 1)
        let logs = try trpo.train(collector: &collector, iterations: 4, rng: &rng)
        #expect(logs.count == 4 && logs.last!.totalEnvInteracts == 4 * 1024)
        #expect(logs.allSatisfy { $0.update.kl <= config.maxKL })
        let random = world.evaluate(.random(), customers: 200, seed: 99)
        let oracle = world.evaluate(.oracle, customers: 200, seed: 99)
        let learned = world.evaluate(Engine(name: "TRPO", policy: trpo.policy.meanAction), customers: 200, seed: 99)
        let score = EngineMetrics.normalisedScore(learned.ctr, random: random.ctr, oracle: oracle.ctr)
        #expect(score > 0.1, "TRPO after 4,096 steps: CTR \(learned.ctr) vs random \(random.ctr), score \(score)")
    }

    @Test("seeded learning: TRPO with a categorical policy learns a contextual bandit")
    func learnsCategoricalBandit() throws {
        var config = TRPOConfig()
        config.environmentCount = 4
        config.stepsPerEnvironment = 64
        config.hiddenSizes = [16]
        config.maxKL = 0.05
        var rng = RNG(seed: 0)
        let trpo = TRPO(config: config, observationSize: 3, choiceCount: 3, rng: &rng)
        let bandit = ShiftedChoiceBandit()
        var collector = RolloutCollector(environments: Array(repeating: bandit, count: 4), seed: 1)
        let logs = try trpo.train(collector: &collector, iterations: 20, rng: &rng)
        let first = logs.first!.averageEpRet
        let last = logs.last!.averageEpRet
        #expect(abs(first - 1.0 / 3) < 0.1, "the first rollout, from an almost uniform policy, earned \(first)")
        #expect(last > 0.8, "after 20 iterations the stochastic policy earns \(last) per session (random: 1/3)")
        #expect(logs.allSatisfy { $0.update.kl <= config.maxKL })
        for c in 0..<3 {
            let action = trpo.policy.greedyAction(bandit.observation(c))
            #expect(action.firstIndex(of: 1) == bandit.bestChoice(c), "context \(c): greedy action \(action)")
        }
    }
}
