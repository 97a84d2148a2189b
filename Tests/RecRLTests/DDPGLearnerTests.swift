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
    func ddpgUpdatesEveryStep() throws {
        let agent = smallAgent()
        var rng = RNG(seed: 9)
        fill(agent, rng: &rng)
        let (actor0, critic0, target0) = (
            agent.actor.parameters.map(\.data), agent.critics[0].parameters.map(\.data),
            agent.targetActor.parameters.map(\.data)
        )
        let stats = try agent.update(rng: &rng)
        #expect(stats.actorLoss != nil)
        #expect(agent.actor.parameters.map(\.data) != actor0)
        #expect(agent.critics[0].parameters.map(\.data) != critic0)
        #expect(agent.targetActor.parameters.map(\.data) != target0)
        #expect(!agent.critics[0].isFrozen, "the critic must be unfrozen again after the actor step")
    }

    @Test("TD3 delays the actor and the targets: they move on the 2nd critic update, not the 1st")
    func td3DelaysPolicyUpdates() throws {
        let agent = smallAgent(DDPGConfig.td3)
        var rng = RNG(seed: 10)
        fill(agent, rng: &rng)
        let actor0 = agent.actor.parameters.map(\.data)
        let targets0 = agent.targetCritics.map { $0.parameters.map(\.data) }
        let critics0 = agent.critics.map { $0.parameters.map(\.data) }
        let first = try agent.update(rng: &rng)
        #expect(first.actorLoss == nil)
        #expect(agent.actor.parameters.map(\.data) == actor0, "the actor moved on update 1")
        #expect(agent.targetCritics.map { $0.parameters.map(\.data) } == targets0, "targets moved on update 1")
        #expect(agent.critics[0].parameters.map(\.data) != critics0[0], "critic 1 must learn every update")
        #expect(agent.critics[1].parameters.map(\.data) != critics0[1], "critic 2 must learn every update")
        let second = try agent.update(rng: &rng)
        #expect(second.actorLoss != nil)
        #expect(agent.actor.parameters.map(\.data) != actor0)
        #expect(agent.targetCritics.map { $0.parameters.map(\.data) } != targets0)
    }

    @Test("the buffer's d is `terminated`: a session cut by a time limit is stored with d = 0")
    func truncationStillBootstraps() throws {
        for endsByTruncation in [false, true] {
            var config = DDPGConfig()
            config.randomSteps = 100
            config.updateAfter = 100  // no updates: only the bookkeeping is checked
            var rng = RNG(seed: 11)
            let agent = DDPG(
                observationSize: 1, actionSize: 1, config: config, replayCapacity: 16, rng: &rng)
            // Sessions of 2 steps: s = [0] → [1] → [2], ending at the second step.
            let env = CountingEnvironment(length: 2, endsByTruncation: endsByTruncation)
            try agent.train(environment: env, steps: 8, evaluateEvery: 8, rng: &rng, evaluate: { _ in 0 })
            let batch = agent.replay.sample(batchSize: 40, rng: &rng)
            for i in 0..<40 {
                let endingStep = batch.observations.data[i] == 1
                #expect(batch.nextObservations.data[i] == batch.observations.data[i] + 1)
                #expect(batch.dones.data[i] == (endingStep && !endsByTruncation ? 1 : 0))
            }
        }
    }

    @Test("the learning curve has a point at step 0, every `evaluateEvery` steps and at the end")
    func curveBookkeeping() throws {
        var config = DDPGConfig()
        config.environments = 1  // the textbook loop: one environment, one update per step
        config.trainFrequency = 1
        config.hidden = [4]
        config.randomSteps = 5
        config.updateAfter = 5
        config.batchSize = 4
        var rng = RNG(seed: 12)
        let agent = DDPG(observationSize: 1, actionSize: 1, config: config, replayCapacity: 32, rng: &rng)
        let curve = try agent.train(
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

    @Test("4 environments in lockstep: exactly `steps` transitions, and the updates due by each step as with 1")
    func lockstepSchedule() throws {
        func run(environments: Int) throws -> (curve: [DDPGCheckpoint], stored: Int) {
            var config = DDPGConfig()
            config.hidden = [4]
            config.environments = environments
            config.trainFrequency = 2  // one update every 2nd environment step …
            config.randomSteps = 5
            config.updateAfter = 5  // … from step 5 on: at steps 6, 8, …, 24
            config.batchSize = 4
            var rng = RNG(seed: 13)
            let agent = DDPG(observationSize: 1, actionSize: 1, config: config, replayCapacity: 64, rng: &rng)
            let curve = try agent.train(
                environment: CountingEnvironment(length: 3, endsByTruncation: false), steps: 25,
                evaluateEvery: 10, rng: &rng, evaluate: { Double($0.updateCount) })
            return (curve, agent.replay.count)
        }
        // N = 4: lockstep steps end at 4, 8, 12, 16, 20, 24 and a last one of 1 copy at 25. The
        // updates due at 6, 8 are done after the step that ends at 8 (2), at 10, 12 after 12 (4),
        // …, 22, 24 after 24 (10). Checkpoints after the steps that pass 10 and 20, and at 25.
        let four = try run(environments: 4)
        #expect(four.stored == 25)
        #expect(four.curve.map(\.step) == [0, 12, 20, 25])
        #expect(four.curve.map(\.updates) == [0, 4, 8, 10])
        // 4 copies × 6 steps + 1: each copy finishes its 3-step sessions at its own steps 3 and 6.
        #expect(four.curve.last!.episodes == 8)
        // One environment reaches the same update counts at the same steps.
        let one = try run(environments: 1)
        #expect(one.stored == 25)
        #expect(one.curve.map(\.step) == [0, 10, 20, 25])
        #expect(one.curve.map(\.updates) == [0, 3, 8, 10])
    }

    @Test("one lockstep step's actions: uniform before `randomSteps`, μ(s) + noise after, per environment")
    func lockstepActions() {
        var config = DDPGConfig()
        config.explorationNoise = 0  // so the policy's actions are exactly μ(s)
        config.randomSteps = 6
        let agent = smallAgent(config)
        var rng = RNG(seed: 14)
        let observations = [[0.1, -0.3, 2], [1, 0, 0], [0, 1, 0], [-2, 0.5, 0.5]]
        // Environment steps 4, 5, 6, 7: the first two are before randomSteps = 6.
        let actions = agent.explorationActions(observations, firstStep: 4, rng: &rng)
        #expect(actions.count == 4 && actions.allSatisfy { $0.count == 2 && $0.allSatisfy { abs($0) <= 1 } })
        // (Compared to 1e-12: a batch and a single row may sum in a different order in the kernel.)
        func close(_ a: [Double], _ b: [Double]) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 } }
        for e in 0..<2 { #expect(!close(actions[e], agent.actor.action(observations[e])), "step \(4 + e) is random") }
        for e in 2..<4 { #expect(close(actions[e], agent.actor.action(observations[e])), "step \(4 + e) is μ(s)") }
        // The batched behaviour policy gives every row its own μ(s).
        let batched = agent.explorationActions(observations, rng: &rng)
        for e in 0..<4 { #expect(close(batched[e], agent.actor.action(observations[e]))) }
    }
}
