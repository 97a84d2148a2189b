import Foundation
import Testing

@testable import RecRL

@Suite("Split-feature PPO")
struct SplitPPOTests {
    /// A hand-set split network on 3 features (2 static, 1 dynamic), towers of one unit:
    ///   h_s = tanh(s₁ − s₂),  h_d = tanh(2 s₃ + 0.5),  μ = 3 h_s − h_d + 0.1.
    func tinyPolicy() -> SplitFeaturePolicy {
        var rng = RNG(seed: 0)
        let policy = SplitFeaturePolicy(
            observationSize: 3, staticSize: 2, towerSizes: [1], actionSize: 1, rng: &rng)
        policy.staticTower.linears[0].weight.data = [1, -1]
        policy.staticTower.linears[0].bias.data = [0]
        policy.dynamicTower.linears[0].weight.data = [2]
        policy.dynamicTower.linears[0].bias.data = [0.5]
        policy.join.weight.data = [3, -1]
        policy.join.bias.data = [0.1]
        return policy
    }

    @Test("forward pass on a hand-set example: μ = W_join·[tanh(static tower), tanh(dynamic tower)] + b")
    func forwardByHand() {
        let policy = tinyPolicy()
        // s = (0.5, 0.5, 0):   h_s = tanh(0) = 0,          h_d = tanh(0.5) = 0.4621171573,
        //                      μ = 3·0 − 0.4621171573 + 0.1 = −0.3621171573
        // s = (1, 0, −0.25):   h_s = tanh(1) = 0.7615941560, h_d = tanh(0) = 0,
        //                      μ = 3·0.7615941560 − 0 + 0.1 = 2.3847824679
        let s = Tensor(rows: 2, cols: 3, data: [0.5, 0.5, 0, 1, 0, -0.25])
        let hs = policy.staticFeatures(s).data
        let hd = policy.dynamicFeatures(s).data
        let mu = policy.distribution(s).mean.data
        #expect(Swift.abs(hs[0] - 0) < 1e-12 && Swift.abs(hs[1] - 0.7615941560) < 1e-9, "h_s \(hs)")
        #expect(Swift.abs(hd[0] - 0.4621171573) < 1e-9 && Swift.abs(hd[1] - 0) < 1e-12, "h_d \(hd)")
        #expect(Swift.abs(mu[0] - -0.3621171573) < 1e-9, "μ(0.5, 0.5, 0) = \(mu[0])")
        #expect(Swift.abs(mu[1] - 2.3847824679) < 1e-9, "μ(1, 0, −0.25) = \(mu[1])")
    }

    @Test("each tower sees only its own features: a static change leaves h_d alone, a dynamic change h_s")
    func towersSeeOnlyTheirFeatures() {
        var rng = RNG(seed: 4)
        let policy = SplitFeaturePolicy(observationSize: 91, actionSize: 27, rng: &rng)
        #expect(policy.staticSize == 88 && policy.dynamicSize == 3)
        let world = TaobaoWorld()
        var w = world
        var s = w.reset(seed: 1)
        s[88...] = [3, 5, 2]
        var staticChanged = s
        let bit = staticChanged[0..<8].firstIndex(of: 1)!  // move the first attribute to another value
        staticChanged[bit] = 0
        staticChanged[bit == 0 ? 1 : 0] = 1
        var dynamicChanged = s
        dynamicChanged[88...] = [0, 9, 4]
        let rows = Tensor(rows: 3, cols: 91, data: s + staticChanged + dynamicChanged)
        let hs = policy.staticFeatures(rows)
        let hd = policy.dynamicFeatures(rows)
        let mu = policy.mean(rows)
        let row = { (t: Tensor, i: Int) in Array(t.data[(i * t.cols)..<((i + 1) * t.cols)]) }
        #expect(row(hd, 1) == row(hd, 0), "a static feature must not change the dynamic tower's output")
        #expect(row(hs, 2) == row(hs, 0), "a dynamic feature must not change the static tower's output")
        #expect(row(hs, 1) != row(hs, 0), "the static tower must see the static change")
        #expect(row(hd, 2) != row(hd, 0), "the dynamic tower must see the dynamic change")
        #expect(row(mu, 1) != row(mu, 0) && row(mu, 2) != row(mu, 0), "both reach the mean through the join")
        // The parameter list: every parameter once, in the groups' two lists.
        let grouped = policy.staticParameters + policy.everyUpdateParameters
        #expect(grouped.count == policy.parameters.count)
        #expect(Set(grouped.map { ObjectIdentifier($0) }) == Set(policy.parameters.map { ObjectIdentifier($0) }))
    }

    @Test("the schedule: with ratio 3 the static tower is stepped on updates 3, 6, 9, …; ratio 1 on every one")
    func scheduleByHand() {
        let ratio3 = (0..<9).map { SplitFeatureSchedule.staticTowerIsStepped(update: $0, ratio: 3) }
        #expect(ratio3 == [false, false, true, false, false, true, false, false, true])
        #expect((0..<5).allSatisfy { SplitFeatureSchedule.staticTowerIsStepped(update: $0, ratio: 1) })
        let ratio100 = (0..<300).filter { SplitFeatureSchedule.staticTowerIsStepped(update: $0, ratio: 100) }
        #expect(ratio100 == [99, 199, 299])
    }

    @Test("which parameters change on which update: ratio 3, updates 1, 2, 3 — static only on the 3rd")
    func parametersChangeOnSchedule() throws {
        var config = PPOConfig()
        config.environmentCount = 2
        config.stepsPerEnvironment = 8
        config.minibatchSize = 16  // the whole rollout: one minibatch update per `update` call
        config.epochs = 1
        config.hiddenSizes = [4]
        var split = SplitFeatureConfig()
        split.towerSizes = [4, 4]
        split.updateRatio = 3
        var rng = RNG(seed: 12)
        let ppo = PPO(config: config, split: split, observationSize: 91, actionSize: 27, rng: &rng)
        let world = TaobaoWorld()
        var collector = RolloutCollector(environments: [world, world], seed: 3)
        let rollout = collector.collect(steps: 8, policy: ppo.policy, value: ppo.value, rng: &rng)
        let policy = ppo.policy
        func snapshot() -> (
            static: [[Double]], dynamic: [[Double]], join: [[Double]], logStd: [Double], critic: [[Double]]
        ) {
            (
                policy.staticTower.parameters.map(\.data), policy.dynamicTower.parameters.map(\.data),
                policy.join.parameters.map(\.data), policy.logStd.data, ppo.value.parameters.map(\.data)
            )
        }
        var before = snapshot()
        for update in 1...3 {
            _ = try ppo.update(rollout: rollout, rng: &rng)
            #expect(ppo.updates == update)
            let after = snapshot()
            if update == 3 {
                #expect(after.static != before.static, "the static tower must change on update 3")
            } else {
                #expect(after.static == before.static, "the static tower must not change on update \(update)")
            }
            #expect(after.dynamic != before.dynamic, "the dynamic tower must change on update \(update)")
            #expect(after.join != before.join, "the joining layer must change on update \(update)")
            #expect(after.logStd != before.logStd, "log σ must change on update \(update)")
            #expect(after.critic != before.critic, "the critic must change on update \(update)")
            before = after
        }
    }

    @Test("the config rejects a ratio below 1 and a static part that leaves no dynamic features")
    func configValidation() {
        var split = SplitFeatureConfig()
        #expect(throws: Never.self) { try split.validate(observationSize: 91) }
        split.updateRatio = 0
        #expect(throws: PPOConfigError.self) { try split.validate(observationSize: 91) }
        split = SplitFeatureConfig()
        split.staticSize = 91
        #expect(throws: PPOConfigError.self) { try split.validate(observationSize: 91) }
    }

    @Test("seeded learning: a few seconds of split PPO (ratio 100) beat the random engine in TaobaoWorld")
    func learnsInTaobaoWorld() throws {
        // Chapter 6's setting with half-size rollouts (8 × 128) and minibatches, to fit in seconds.
        var config = PPOConfig.taobaoWorld
        config.stepsPerEnvironment = 128
        config.minibatchSize = 128
        var rng = RNG(seed: 0)
        let ppo = PPO(config: config, split: SplitFeatureConfig(), observationSize: 91, actionSize: 27, rng: &rng)
        let world = TaobaoWorld()
        var collector = RolloutCollector(environments: Array(repeating: world, count: 8), seed: 1)
        let curve = try ppo.learningCurve(collector: &collector, iterations: 4, evaluateEvery: 2, rng: &rng) { policy in
            world.evaluate(Engine(name: "split PPO", policy: policy.meanAction), customers: 200, seed: 99).ctr
        }
        #expect(curve.steps == [0, 2048, 4096] && curve.iterations == [0, 2, 4])
        let random = world.evaluate(.random(), customers: 200, seed: 99)
        let oracle = world.evaluate(.oracle, customers: 200, seed: 99)
        let score = EngineMetrics.normalisedScore(curve.final, random: random.ctr, oracle: oracle.ctr)
        #expect(score > 0.1, "split PPO after 4,096 steps: CTR \(curve.final) vs random \(random.ctr), score \(score)")
    }
}
