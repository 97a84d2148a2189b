import Foundation
import Testing

@testable import RecRL

@Suite("DDPG learning")
struct DDPGLearningTests {
    /// Trains `config` with small nets (2×32) on TaobaoWorld for `lockstepSteps` steps of the
    /// default 256 environments (one update each from page 1,000 on; the first 10,000 pages are
    /// random) and returns the normalised score of the deterministic policy on 400 seeded customers.
    func trainedScore(_ config: DDPGConfig, lockstepSteps: Int) throws -> Double {
        var config = config
        config.hidden = [32, 32]
        let world = TaobaoWorld()
        var rng = RNG(seed: 0)
        let steps = lockstepSteps * config.environments
        let agent = DDPG(
            observationSize: 91, actionSize: 27, config: config, replayCapacity: min(config.bufferSize, steps),
            rng: &rng)
        let curve = try agent.train(environment: world, steps: steps, evaluateEvery: steps, rng: &rng) { agent in
            world.evaluate(Engine(name: "ddpg", policy: agent.actor.action), customers: 400, seed: 77).ctr
        }
        let random = world.evaluate(.random(), customers: 400, seed: 77).ctr
        let oracle = world.evaluate(.oracle, customers: 400, seed: 77).ctr
        return EngineMetrics.normalisedScore(curve.last!.evaluation, random: random, oracle: oracle)
    }

    @Test("seeded DDPG with small nets beats the random engine in TaobaoWorld within seconds")
    func ddpgBeatsRandom() throws {
        // 51,200 pages, 197 updates; measured score 0.23.
        let score = try trainedScore(DDPGConfig(), lockstepSteps: 200)
        #expect(score > 0.1, "DDPG after 51,200 pages: score \(score)")
    }

    @Test("seeded TD3 with small nets beats the random engine in TaobaoWorld within seconds")
    func td3BeatsRandom() throws {
        // TD3 moves its actor every second update, so it gets more pages: 76,800, 297 updates;
        // measured score 0.19.
        let score = try trainedScore(DDPGConfig.td3, lockstepSteps: 300)
        #expect(score > 0.1, "TD3 after 76,800 pages: score \(score)")
    }
}
