/// B sessions of one `VirtualTaobao` stepped together: one [B × 27] action batch in, B results out,
/// as `BatchedTaobao` does for the ground truth.
///
///     var batch = BatchedVirtualTaobao(simulator: simulator, batchSize: 64, seed: 1)
///     let results = batch.step(actions)      // actions: 64 × 27 row-major
///     let next = batch.observations          // 64 × 91 row-major
///
/// The customer policy π^c answers all B pages in one forward pass (one [B × 118] product per
/// layer, `CustomerPolicy.logits(features:rows:)`), and the sessions that end on a step are
/// restarted at once, their new customers drawn together (one forward pass of a generator network,
/// `VirtualCustomers.nextCustomers(draws:)`).
///
/// The contract, the same as `BatchedTaobao`'s:
/// - sessions that end are **restarted** with a new customer at once (no masking): the result of
///   the ending page carries that session's final observation (so a learner can bootstrap from it
///   when `truncated`), and `observations` then holds the new customer's first observation in
///   that row;
/// - slot b is exactly a lone `VirtualTaobao(customers:customerPolicy:reward:maxPages:seed:)`
///   with `seed` = `seeds[b]` (or the b-th `next()` of `RNG(seed: seed)`), `reset()` without a
///   seed, stepped with row b of each batch and `reset()` again whenever its session ends — the
///   same sessions bit for bit (a row of a product does not depend on the other rows), so slot b
///   does not depend on what the other slots do or on B.
public struct BatchedVirtualTaobao: Sendable {
    /// The B simulators, one per slot (they share the customer distribution and policy).
    public private(set) var simulators: [VirtualTaobao]
    /// The current observations, B × 91 row-major (the layout of `Tensor.data`).
    public private(set) var observations: [Double]

    /// Number of sessions stepped at once.
    public var batchSize: Int { simulators.count }
    /// What the engine is rewarded for (the simulator's).
    public var reward: TaobaoWorld.Reward { simulators[0].reward }
    /// The page cap (the simulator's).
    public var maxPages: Int { simulators[0].maxPages }

    /// `batchSize` sessions of `simulator` (its customers, customer policy, reward and page cap),
    /// all started; slot b's seed is the b-th `next()` of `RNG(seed: seed)`.
    public init(simulator: VirtualTaobao, batchSize: Int, seed: UInt64) {
        precondition(batchSize > 0, "BatchedVirtualTaobao needs a batch size > 0, got \(batchSize)")
        var stream = RNG(seed: seed)
        self.init(simulator: simulator, seeds: (0..<batchSize).map { _ in stream.next() })
    }

    /// One session of `simulator` per seed, all started: slot b is seeded with `seeds[b]`.
    public init(simulator: VirtualTaobao, seeds: [UInt64]) {
        precondition(!seeds.isEmpty, "BatchedVirtualTaobao needs at least one slot")
        simulators = seeds.map {
            VirtualTaobao(
                customers: simulator.customers, customerPolicy: simulator.customerPolicy, reward: simulator.reward,
                maxPages: simulator.maxPages, seed: $0)
        }
        observations = [Double](repeating: 0, count: seeds.count * TaobaoLayout.observationSize)
        restart(Array(seeds.indices))
    }

    /// Shows every slot the page ranked by its row of `actions` (B × 27 row-major, raw weights fed
    /// to π^c as they are, as `VirtualTaobao.step`) and restarts the sessions that end. Returns one
    /// result per slot, in slot order.
    public mutating func step(_ actions: [Double]) -> [StepResult] {
        let d = TaobaoLayout.actionSize
        let o = TaobaoLayout.observationSize
        let b = batchSize
        precondition(
            actions.count == b * d,
            "BatchedVirtualTaobao.step needs \(b) × \(d) = \(b * d) weights, got \(actions.count)")
        let results = VirtualTaobao.step(&simulators, actions: actions)
        var ended: [Int] = []
        for (k, result) in results.enumerated() {
            if result.done {
                ended.append(k)
            } else {
                observations.replaceSubrange((k * o)..<((k + 1) * o), with: result.observation)
            }
        }
        if !ended.isEmpty { restart(ended) }
        return results
    }

    /// Starts a new session in each of `slots` (as `VirtualTaobao.reset()` without a seed), the new
    /// customers drawn together, and writes their first observations.
    private mutating func restart(_ slots: [Int]) {
        let o = TaobaoLayout.observationSize
        var draws = slots.map { simulators[$0].beginSession(seed: nil) }
        let customers = simulators[0].customers.nextCustomers(draws: &draws)
        for (k, slot) in slots.enumerated() {
            let first = simulators[slot].startSession(customer: customers[k], draws: &draws[k])
            observations.replaceSubrange((slot * o)..<((slot + 1) * o), with: first)
        }
    }
}
