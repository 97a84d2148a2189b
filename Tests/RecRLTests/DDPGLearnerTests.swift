import Testing

@testable import RecRL

@Suite("DDPG and TD3 learner")
struct DDPGLearnerTests {
    /// A small learner (hidden [8]) for bookkeeping checks.
    func smallAgent(_ config: DDPGConfig = DDPGConfig(), observationSize: Int = 3, actionSize: Int = 2) -> DDPG {
        var config = config
        config.hidden = [8]
        var rng = RNG(seed: 5)
        return DDPG(
            observationSize: observationSize, actionSize: actionSize, config: config, replayCapacity: 64, rng: &rng)
    }

    /// Fills the buffer with 32 random transitions.
    func fill(_ agent: DDPG, rng: inout RNG) {
        for _ in 0..<32 {
            agent.store(
                observation: (0..<agent.observationSize).map { _ in rng.normal() },
                action: (0..<agent.actionSize).map { _ in rng.uniform(-1, 1) }, reward: rng.uniform(0, 3),
                nextObservation: (0..<agent.observationSize).map { _ in rng.normal() }, terminated: rng.bernoulli(0.3))
        }
    }

    @Test("Polyak update of a layer: ρ = 0.9 takes 10% of the source; n updates shrink the gap by ρⁿ")
    func polyakUpdate() {
        var rng = RNG(seed: 0)
        let target = Linear(2, 1, rng: &rng), source = Linear(2, 1, rng: &rng)
        target.weight.data = [1, -2]
        target.bias.data = [0]
        source.weight.data = [3, 2]
        source.bias.data = [1]
        // 0.9·1 + 0.1·3 = 1.2;  0.9·(−2) + 0.1·2 = −1.6;  0.9·0 + 0.1·1 = 0.1.
        target.softUpdate(from: source, rho: 0.9)
        for (got, want) in zip(target.weight.data + target.bias.data, [1.2, -1.6, 0.1]) {
            #expect(abs(got - want) < 1e-12)
        }
        // Nine more: the gap to the source is ρ¹⁰ times the first gap, e.g. (−2 − 2)·0.9¹⁰ ≈ −1.3947.
        for _ in 0..<9 { target.softUpdate(from: source, rho: 0.9) }
        let shrink = 0.34867844010000004  // 0.9¹⁰
        #expect(abs((target.weight.data[1] - 2) - (-4 * shrink)) < 1e-12)
        #expect(source.weight.data == [3, 2], "the source must not change")
    }

    @Test("a new learner's targets equal its networks (Algorithm 1, line 2) and are frozen")
    func targetsStartEqual() {
        let agent = smallAgent(DDPGConfig.td3)
        #expect(agent.targetActor.parameters.map(\.data) == agent.actor.parameters.map(\.data))
        for (target, critic) in zip(agent.targetCritics, agent.critics) {
            #expect(target.parameters.map(\.data) == critic.parameters.map(\.data))
            #expect(target.isFrozen)
        }
        #expect(agent.critics.count == 2)
        #expect(agent.critics[0].parameters[0].data != agent.critics[1].parameters[0].data)
    }

    @Test("exploration actions are μ(s) + N(0, σ²) clipped to [−1, 1]")
    func explorationIsClipped() {
        var config = DDPGConfig()
        config.explorationNoise = 5
        let agent = smallAgent(config)
        var rng = RNG(seed: 8)
        var atBound = 0
        for _ in 0..<50 {
            let a = agent.explorationAction([0.1, -0.3, 2], rng: &rng)
            #expect(a.count == 2 && a.allSatisfy { (-1...1).contains($0) })
            atBound += a.filter { abs($0) == 1 }.count
        }
        // σ = 5: P(|μ + ε| < 1) < 0.16, so most of the 100 weights land on a bound.
        #expect(atBound > 70, "expected most noisy weights clipped, got \(atBound) of 100")
        // σ = 0 is the deterministic policy.
        config.explorationNoise = 0
        let quiet = smallAgent(config)
        #expect(quiet.explorationAction([0.1, -0.3, 2], rng: &rng) == quiet.actor.action([0.1, -0.3, 2]))
    }

    @Test("DDPG updates the critic, the actor and the targets at every step")
    func ddpgUpdatesEveryStep() {
        let agent = smallAgent()
        var rng = RNG(seed: 9)
        fill(agent, rng: &rng)
        let (actor0, critic0, target0) = (
            agent.actor.parameters.map(\.data), agent.critics[0].parameters.map(\.data),
            agent.targetActor.parameters.map(\.data)
        )
        let stats = agent.update(rng: &rng)
        #expect(stats.actorLoss != nil)
        #expect(agent.actor.parameters.map(\.data) != actor0)
        #expect(agent.critics[0].parameters.map(\.data) != critic0)
        #expect(agent.targetActor.parameters.map(\.data) != target0)
        #expect(!agent.critics[0].isFrozen, "the critic must be unfrozen again after the actor step")
    }

    @Test("TD3 delays the actor and the targets: they move on the 2nd critic update, not the 1st")
    func td3DelaysPolicyUpdates() {
        let agent = smallAgent(DDPGConfig.td3)
        var rng = RNG(seed: 10)
        fill(agent, rng: &rng)
        let actor0 = agent.actor.parameters.map(\.data)
        let targets0 = agent.targetCritics.map { $0.parameters.map(\.data) }
        let critics0 = agent.critics.map { $0.parameters.map(\.data) }
        let first = agent.update(rng: &rng)
        #expect(first.actorLoss == nil)
        #expect(agent.actor.parameters.map(\.data) == actor0, "the actor moved on update 1")
        #expect(agent.targetCritics.map { $0.parameters.map(\.data) } == targets0, "targets moved on update 1")
        #expect(agent.critics[0].parameters.map(\.data) != critics0[0], "critic 1 must learn every update")
        #expect(agent.critics[1].parameters.map(\.data) != critics0[1], "critic 2 must learn every update")
        let second = agent.update(rng: &rng)
        #expect(second.actorLoss != nil)
        #expect(agent.actor.parameters.map(\.data) != actor0)
        #expect(agent.targetCritics.map { $0.parameters.map(\.data) } != targets0)
    }

    @Test("the buffer's d is `terminated`: a session cut by a time limit is stored with d = 0")
    func truncationStillBootstraps() {
        for endsByTruncation in [false, true] {
            var config = DDPGConfig()
            config.randomSteps = 100
            config.updateAfter = 100  // no updates: only the bookkeeping is checked
            var rng = RNG(seed: 11)
            let agent = DDPG(
                observationSize: 1, actionSize: 1, config: config, replayCapacity: 16, rng: &rng)
            // Sessions of 2 steps: s = [0] → [1] → [2], ending at the second step.
            let env = CountingEnvironment(length: 2, endsByTruncation: endsByTruncation)
            agent.train(environment: env, steps: 8, evaluateEvery: 8, rng: &rng, evaluate: { _ in 0 })
            let batch = agent.replay.sample(batchSize: 40, rng: &rng)
            for i in 0..<40 {
                let endingStep = batch.observations.data[i] == 1
                #expect(batch.nextObservations.data[i] == batch.observations.data[i] + 1)
                #expect(batch.dones.data[i] == (endingStep && !endsByTruncation ? 1 : 0))
            }
        }
    }

    @Test("the learning curve has a point at step 0, every `evaluateEvery` steps and at the end")
    func curveBookkeeping() {
        var config = DDPGConfig()
        config.hidden = [4]
        config.randomSteps = 5
        config.updateAfter = 5
        config.batchSize = 4
        var rng = RNG(seed: 12)
        let agent = DDPG(observationSize: 1, actionSize: 1, config: config, replayCapacity: 32, rng: &rng)
        let curve = agent.train(
            environment: CountingEnvironment(length: 3, endsByTruncation: false), steps: 25, evaluateEvery: 10,
            rng: &rng, evaluate: { Double($0.updateCount) })
        #expect(curve.map(\.step) == [0, 10, 20, 25])
        // Updates start at step 5 (updateAfter): 6 by step 10, 16 by 20, 21 by 25.
        #expect(curve.map(\.updates) == [0, 6, 16, 21])
        #expect(curve.map(\.evaluation) == [0, 6, 16, 21])
        // 3-step sessions: 8 finished by step 25, each paying 3.
        #expect(curve.last!.episodes == 8)
        #expect(curve[1].averageEpisodeReturn == 3)
        #expect(curve[0].criticLoss.isNaN && !curve[1].criticLoss.isNaN)
    }
}
