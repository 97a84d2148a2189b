import Testing

@testable import RecRL

@Suite("BatchedVirtualTaobao")
struct BatchedVirtualTaobaoTests {
    /// The simulators a batch is checked on: the three kinds of P^c (log, U[0, 1) generator,
    /// GAN-SD) and both factorisations of π^c.
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case logged, generator, gan, independent
        var testDescription: String { rawValue }

        var simulator: VirtualTaobao {
            switch self {
            case .logged: return VirtualTaobaoTests.simulator
            case .gan: return VirtualTaobaoTests.ganSimulator
            case .generator:
                var rng = RNG(seed: 2)
                let generator = GroupedSoftmaxGenerator(
                    network: MLP(sizes: [4, 8, 88], activation: .relu, rng: &rng),
                    groups: VirtualCustomers.attributeGroups)
                // A customer who clicks at random and never leaves: every session reaches the cap of 5.
                let patient = constantCustomerPolicy(
                    .joint, bias: (0..<CustomerAction.count).map { $0 % 3 == 0 ? 0.0 : -100 })
                return VirtualTaobao(customers: .generator(generator), customerPolicy: patient, maxPages: 5)
            case .independent:
                var rng = RNG(seed: 3)
                return VirtualTaobao(
                    customers: .gan(VirtualTaobaoTests.gan),
                    customerPolicy: CustomerPolicy(factorisation: .independent, hiddenSizes: [8], rng: &rng),
                    reward: .purchase)
            }
        }
    }

    @Test(
        "a batch is B lone simulators with the slots' seeds, page for page, ended sessions restarted at once",
        arguments: Kind.allCases)
    func batchMatchesLoneSimulators(kind: Kind) {
        let simulator = kind.simulator
        let b = 7
        var batch = BatchedVirtualTaobao(simulator: simulator, batchSize: b, seed: 3)
        #expect(batch.batchSize == b && batch.maxPages == simulator.maxPages && batch.reward == simulator.reward)
        // Slot k is documented to be a VirtualTaobao seeded with the k-th next() of RNG(seed: 3).
        var seeds = RNG(seed: 3)
        var lone = (0..<b).map { _ in
            VirtualTaobao(
                customers: simulator.customers, customerPolicy: simulator.customerPolicy, reward: simulator.reward,
                maxPages: simulator.maxPages, seed: seeds.next())
        }
        var loneObservations = (0..<b).flatMap { lone[$0].reset() }
        #expect(batch.observations == loneObservations)
        var rng = RNG(seed: 0)
        var restarts = 0
        var truncations = 0
        for _ in 0..<40 {
            // Larger weights than the log's, so π^c's answers vary from page to page.
            let actions = (0..<(b * 27)).map { _ in rng.normal(std: 0.5) }
            let results = batch.step(actions)
            #expect(results.count == b)
            loneObservations = []
            for k in 0..<b {
                let r = lone[k].step(Array(actions[(k * 27)..<((k + 1) * 27)]))
                #expect(r.observation == results[k].observation && r.reward == results[k].reward)
                #expect(r.terminated == results[k].terminated && r.truncated == results[k].truncated)
                #expect(r.info == results[k].info)
                if r.done {
                    restarts += 1
                    if r.truncated { truncations += 1 }
                    loneObservations += lone[k].reset()
                } else {
                    loneObservations += r.observation
                }
            }
            #expect(batch.observations == loneObservations)
        }
        #expect(restarts > 0)
        if kind == .generator { #expect(truncations == restarts, "every session reaches the cap of 5 pages") }
    }

    @Test("slot b depends only on its own seed: the same seed in another batch, of another size, plays the same")
    func slotsAreIndependent() {
        let simulator = VirtualTaobaoTests.ganSimulator
        var small = BatchedVirtualTaobao(simulator: simulator, seeds: [11, 12])
        var large = BatchedVirtualTaobao(simulator: simulator, seeds: [99, 12, 5, 11])
        var rng = RNG(seed: 1)
        for _ in 0..<25 {
            let a11 = (0..<27).map { _ in rng.normal(std: 0.3) }
            let a12 = (0..<27).map { _ in rng.normal(std: 0.3) }
            let other = (0..<54).map { _ in rng.normal(std: 0.3) }
            let s = small.step(a11 + a12)
            let l = large.step(Array(other[0..<27]) + a12 + Array(other[27...]) + a11)
            #expect(s[0].observation == l[3].observation && s[0].info == l[3].info)
            #expect(s[1].observation == l[1].observation && s[1].info == l[1].info)
        }
    }

    @Test(
        "RolloutCollector steps VirtualTaobaos in one forward pass and collects the rollouts of stepping each in turn")
    func collectorBatches() {
        var config = PPOConfig()
        config.hiddenSizes = [8]
        var rng = RNG(seed: 5)
        let ppo = PPO(config: config, observationSize: 91, actionSize: 27, rng: &rng)
        let simulators = (0..<4).map { _ in VirtualTaobaoTests.ganSimulator }
        var batched = RolloutCollector(environments: simulators, seed: 6)
        // AnyEnvironment has the default Environment.step(_:actions:): each environment in turn.
        var oneByOne = RolloutCollector(environments: simulators.map { AnyEnvironment($0) }, seed: 6)
        var rngA = RNG(seed: 7)
        var rngB = RNG(seed: 7)
        var episodes = 0
        for _ in 0..<3 {
            let a = batched.collect(steps: 16, policy: ppo.policy, value: ppo.value, rng: &rngA)
            let b = oneByOne.collect(steps: 16, policy: ppo.policy, value: ppo.value, rng: &rngB)
            #expect(a.observations.data == b.observations.data && a.actions.data == b.actions.data)
            #expect(a.rewards == b.rewards && a.terminated == b.terminated && a.truncated == b.truncated)
            #expect(a.nextValues == b.nextValues && a.finishedEpisodes == b.finishedEpisodes)
            episodes += a.finishedEpisodes.count
        }
        #expect(episodes > 0)
    }
}
