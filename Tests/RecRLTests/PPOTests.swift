import Foundation
import Testing

@testable import RecRL

@Suite("PPO")
struct PPOTests {
    /// A small PPO on TaobaoWorld: 2 environments × 16 steps, 8-unit networks.
    func smallPPO(surrogate: PPOSurrogate, learningRate: Double) -> (PPO<MLPGaussianPolicy>, Rollout) {
        var config = PPOConfig()
        config.environmentCount = 2
        config.stepsPerEnvironment = 16
        config.minibatchSize = 8
        config.epochs = 4
        config.hiddenSizes = [8]
        config.learningRate = learningRate
        config.surrogate = surrogate
        var rng = RNG(seed: 5)
        let ppo = PPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        let world = TaobaoWorld()
        var collector = RolloutCollector(environments: [world, world], seed: 6)
        let rollout = collector.collect(steps: 16, policy: ppo.policy, value: ppo.value, rng: &rng)
        return (ppo, rollout)
    }

    @Test("the min/clip form and the g(ε, A) form of L give the same update, clipping included")
    func bothFormsGiveTheSameUpdate() throws {
        // A large learning rate moves the ratios past 1 ± ε within the first epochs, so the clip is exercised.
        let (a, rollout) = smallPPO(surrogate: .minClip, learningRate: 0.05)
        let (b, _) = smallPPO(surrogate: .simplified, learningRate: 0.05)
        let before = (a.policy.parameters + a.value.parameters).map(\.data)
        var rngA = RNG(seed: 7), rngB = RNG(seed: 7)
        let statsA = try a.update(rollout: rollout, rng: &rngA)
        let statsB = try b.update(rollout: rollout, rng: &rngB)
        #expect(statsA.clipFrac > 0.1, "the test needs clipped samples, got ClipFrac \(statsA.clipFrac)")
        let pa = (a.policy.parameters + a.value.parameters).flatMap(\.data)
        let pb = (b.policy.parameters + b.value.parameters).flatMap(\.data)
        let moved = zip(pa, before.flatMap { $0 }).map { Swift.abs($0 - $1) }.max()!
        let differ = zip(pa, pb).map { Swift.abs($0 - $1) }.max()!
        #expect(moved > 1e-3, "the update must move the parameters (moved \(moved))")
        #expect(differ < 1e-10, "the two forms must give the same parameters, differ by \(differ)")
        #expect(Swift.abs(statsA.lossPi - statsB.lossPi) < 1e-10)
    }

    @Test("one update on a fixed batch moves π towards actions with positive advantage, away from negative")
    func updateFollowsTheAdvantage() throws {
        // One state s = [1]; actions +0.5 (reward +1) and −0.5 (reward −1), each a one-step,
        // terminated session, V ≡ 0 at the start: advantages ≈ +1 and −1.
        var config = PPOConfig()
        config.stepsPerEnvironment = 8
        config.minibatchSize = 8
        config.epochs = 1
        config.hiddenSizes = [4]
        config.learningRate = 0.01
        var rng = RNG(seed: 11)
        let ppo = PPO(config: config, observationSize: 1, actionSize: 1, rng: &rng)
        ppo.value.linears.last!.weight.data = ppo.value.linears.last!.weight.data.map { _ in 0 }
        let actions = [0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5]
        let observations = Tensor(rows: 8, cols: 1, data: Array(repeating: 1, count: 8))
        let actionTensor = Tensor(rows: 8, cols: 1, data: actions)
        let logProbs = ppo.policy.distribution(observations).logProb(actionTensor).data
        let rollout = Rollout(
            environmentCount: 1, stepCount: 8, observations: observations, actions: actionTensor, logProbs: logProbs,
            rewards: actions.map { $0 > 0 ? 1 : -1 }, values: Array(repeating: 0, count: 8),
            nextValues: Array(repeating: 0, count: 8), terminated: Array(repeating: true, count: 8),
            truncated: Array(repeating: false, count: 8), finishedEpisodes: [], metrics: EngineMetrics())
        let meanBefore = ppo.policy.meanAction([1])[0]
        _ = try ppo.update(rollout: rollout, rng: &rng)
        let after = ppo.policy.distribution(.row([1])).logProb(Tensor(rows: 1, cols: 1, data: [0.5])).scalar
        let afterNegative = ppo.policy.distribution(.row([1])).logProb(Tensor(rows: 1, cols: 1, data: [-0.5])).scalar
        #expect(ppo.policy.meanAction([1])[0] > meanBefore + 1e-3)
        #expect(after > logProbs[0], "log π(+0.5) must rise: \(logProbs[0]) → \(after)")
        #expect(afterNegative < logProbs[1], "log π(−0.5) must fall: \(logProbs[1]) → \(afterNegative)")
    }

    @Test("value targets: a truncated session bootstraps from V(s′), a terminated one does not (through the rollout)")
    func truncationBootstraps() {
        // Sessions of one step paying 1; V(s) = 10·s and s′ = 1 after the step, so V(s′) = 10.
        // γ = 0.5, λ = 1: terminated → R̂ = 1; truncated → R̂ = 1 + 0.5·10 = 6.
        var rng = RNG(seed: 3)
        let policy = MLPGaussianPolicy(sizes: [1, 4, 1], rng: &rng)
        let value = MLP(sizes: [1, 1], activation: .none, rng: &rng)
        value.linears[0].weight.data = [10]
        value.linears[0].bias.data = [0]
        var config = PPOConfig()
        config.gamma = 0.5
        config.lambda = 1
        config.environmentCount = 2
        config.stepsPerEnvironment = 2
        config.minibatchSize = 4
        let ppo = PPO(config: config, policy: policy, value: value)
        var collector = RolloutCollector(
            environments: [
                CountingEnvironment(length: 1, endsByTruncation: false),
                CountingEnvironment(length: 1, endsByTruncation: true),
            ], seed: 0)
        let rollout = collector.collect(steps: 2, policy: ppo.policy, value: ppo.value, rng: &rng)
        let (advantages, returns) = rollout.advantages(gamma: config.gamma, lambda: config.lambda)
        // Rows: env 0 (terminated) at 0 and 2, env 1 (truncated) at 1 and 3; every s = 0, V(s) = 0.
        #expect(returns == [1, 6, 1, 6])
        #expect(advantages == [1, 6, 1, 6])
    }

    @Test("advantages are normalised with the n − 1 standard deviation (as PyTorch's std, SB3, CleanRL)")
    func advantageNormalisation() {
        // [1, 2, 3, 6]: mean 3, squared deviations 4 + 1 + 0 + 9 = 14, n − 1 = 3 → std √(14/3).
        let got = normalizedAdvantages([1, 2, 3, 6])
        let std = (14.0 / 3).squareRoot()
        let want = [-2 / std, -1 / std, 0, 3 / std]
        #expect(zip(got, want).allSatisfy { Swift.abs($0 - $1) < 1e-7 })
    }

    @Test("the config rejects bad values with a message naming the field")
    func configValidation() {
        var c = PPOConfig()
        c.clipEpsilon = 1.5
        #expect(throws: PPOConfigError.self) { try c.validate() }
        c = PPOConfig()
        c.minibatchSize = 4096
        do {
            try c.validate()
            Issue.record("a minibatch larger than the rollout must be rejected")
        } catch { #expect(error.message.contains("minibatch")) }
        #expect(throws: Never.self) { try PPOConfig().validate() }
    }

    @Test("parameter groups: a group is stepped only on the updates its schedule names")
    func parameterGroups() throws {
        var rng = RNG(seed: 8)
        let policy = MLPGaussianPolicy(sizes: [1, 4, 1], rng: &rng)
        let value = valueNetwork(sizes: [1, 4, 1], rng: &rng)
        var config = PPOConfig()
        config.stepsPerEnvironment = 8
        config.minibatchSize = 4
        config.epochs = 1
        let ppo = PPO(
            config: config, policy: policy, value: value,
            groups: [
                PPOParameterGroup(
                    name: "actor, every 2nd update", optimizer: Adam(parameters: policy.parameters, learningRate: 0.01)
                ) {
                    $0 % 2 == 1
                },
                PPOParameterGroup(name: "critic", optimizer: Adam(parameters: value.parameters, learningRate: 0.01)),
            ])
        var collector = RolloutCollector(
            environments: [CountingEnvironment(length: 3, endsByTruncation: false)], seed: 1)
        let rollout = collector.collect(steps: 8, policy: policy, value: value, rng: &rng)
        // Update 0 (the first minibatch) steps only the critic; update 1 steps both.
        let actor0 = policy.parameters.map(\.data), critic0 = value.parameters.map(\.data)
        var order = RNG(seed: 2)
        let firstHalf = Rollout(
            environmentCount: 1, stepCount: 4, observations: rollout.observations.slice(rows: 0..<4),
            actions: rollout.actions.slice(rows: 0..<4), logProbs: Array(rollout.logProbs[0..<4]),
            rewards: Array(rollout.rewards[0..<4]), values: Array(rollout.values[0..<4]),
            nextValues: Array(rollout.nextValues[0..<4]), terminated: Array(rollout.terminated[0..<4]),
            truncated: Array(rollout.truncated[0..<4]), finishedEpisodes: [], metrics: EngineMetrics())
        _ = try ppo.update(rollout: firstHalf, rng: &order)
        #expect(ppo.updates == 1)
        #expect(policy.parameters.map(\.data) == actor0, "the actor must not move on update 0")
        #expect(value.parameters.map(\.data) != critic0, "the critic must move on update 0")
        _ = try ppo.update(rollout: firstHalf, rng: &order)
        #expect(policy.parameters.map(\.data) != actor0, "the actor must move on update 1")
    }

    @Test("seeded learning: a few seconds of PPO beat the random engine in TaobaoWorld")
    func learnsInTaobaoWorld() throws {
        var config = PPOConfig()
        config.environmentCount = 8
        config.stepsPerEnvironment = 128
        var rng = RNG(seed: 0)
        let ppo = PPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        let world = TaobaoWorld()
        var collector = RolloutCollector(environments: Array(repeating: world, count: 8), seed: 1)
        let logs = try ppo.train(collector: &collector, iterations: 3, rng: &rng)
        #expect(logs.count == 3 && logs.last!.totalEnvInteracts == 3 * 1024)
        let random = world.evaluate(.random(), customers: 200, seed: 99)
        let oracle = world.evaluate(.oracle, customers: 200, seed: 99)
        let learned = world.evaluate(Engine(name: "PPO", policy: ppo.policy.meanAction), customers: 200, seed: 99)
        let score = EngineMetrics.normalisedScore(learned.ctr, random: random.ctr, oracle: oracle.ctr)
        #expect(score > 0.1, "PPO after 3,072 steps: CTR \(learned.ctr) vs random \(random.ctr), score \(score)")
    }
}
