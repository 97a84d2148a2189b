import Foundation
import Testing

@testable import RecRL

@Suite("DDPG learning")
struct DDPGLearningTests {
    @Test("seeded TD3 with small nets beats the random engine in TaobaoWorld within seconds")
    func td3BeatsRandom() {
        var config = DDPGConfig.td3
        config.hidden = [32, 32]
        config.batchSize = 32
        config.randomSteps = 500
        config.updateAfter = 500
        let world = TaobaoWorld()
        var rng = RNG(seed: 0)
        let agent = DDPG(observationSize: 91, actionSize: 27, config: config, replayCapacity: 2_000, rng: &rng)
        let curve = agent.train(environment: world, steps: 2_000, evaluateEvery: 2_000, rng: &rng) { agent in
            world.evaluate(Engine(name: "td3", policy: agent.actor.action), customers: 400, seed: 77).ctr
        }
        let random = world.evaluate(.random(), customers: 400, seed: 77).ctr
        let oracle = world.evaluate(.oracle, customers: 400, seed: 77).ctr
        let score = EngineMetrics.normalisedScore(curve.last!.evaluation, random: random, oracle: oracle)
        #expect(
            score > 0.1, "TD3 after 2,000 steps: CTR \(curve.last!.evaluation) vs random \(random) (score \(score))")
    }
}
