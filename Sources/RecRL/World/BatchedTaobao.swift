/// B customers of one `TaobaoWorld` stepped together: one [B × 27] action batch in, B results out.
///
/// Sessions that end are **restarted** with a new customer at once (no masking): the result of the
/// ending page carries that session's final observation (so a learner can bootstrap from it when
/// `truncated`), and `observations` then holds the new customer's first observation in that row.
/// Slot b draws its customers from its own stream, seeded from `seed` and b, so a batch is
/// reproducible and slot b does not depend on what the other slots do.
public struct BatchedTaobao: Sendable {
    /// The B worlds (they share one `truth`).
    public private(set) var worlds: [TaobaoWorld]
    /// The current observations, B × 91 row-major (the layout of `Tensor.data`).
    public private(set) var observations: [Double]

    /// Number of customers stepped at once.
    public var batchSize: Int { worlds.count }

    /// `batchSize` sessions of `world`'s Taobao (its truth, reward, page cap and time-of-day effect,
    /// each slot with its own arrival clock), all started.
    public init(world: TaobaoWorld, batchSize: Int, seed: UInt64) {
        precondition(batchSize > 0, "BatchedTaobao needs a batch size > 0, got \(batchSize)")
        var seeds = RNG(seed: seed)
        worlds = (0..<batchSize).map { _ in
            TaobaoWorld(
                truth: world.truth, reward: world.reward, maxPages: world.maxPages, seed: seeds.next(),
                timeOfDay: world.timeOfDay)
        }
        observations = []
        observations.reserveCapacity(batchSize * TaobaoLayout.observationSize)
        for b in 0..<batchSize { observations += worlds[b].reset() }
    }

    /// Steps every session with its row of `actions` (B × 27 row-major; each weight clipped to
    /// [−1, 1]) and restarts the sessions that end.
    public mutating func step(_ actions: [Double]) -> [StepResult] {
        let d = TaobaoLayout.actionSize
        let o = TaobaoLayout.observationSize
        precondition(
            actions.count == batchSize * d,
            "BatchedTaobao.step needs \(batchSize) × \(d) = \(batchSize * d) weights, got \(actions.count)")
        var results: [StepResult] = []
        results.reserveCapacity(batchSize)
        for b in 0..<batchSize {
            let result = worlds[b].step(Array(actions[(b * d)..<((b + 1) * d)]))
            let next = result.done ? worlds[b].reset() : result.observation
            observations.replaceSubrange((b * o)..<((b + 1) * o), with: next)
            results.append(result)
        }
        return results
    }

    /// The oracle's actions for every slot (B × 27). **Oracle only** (see `TaobaoWorld.oracleAction`).
    public func oracleActions() -> [Double] { worlds.flatMap { $0.oracleAction() } }
}
