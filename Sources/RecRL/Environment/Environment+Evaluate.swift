extension Environment {
    /// Runs `policy` (observation → action) for one session on each of `sessions` customers and
    /// pools the metrics: CTR = total clicks / (10 × total pages), R2P, session length, return.
    ///
    /// Session j starts with `reset(seed:)` from a seed that depends only on `seed` and j, so two
    /// policies evaluated with one seed meet the same customers. (For `TaobaoWorld`,
    /// `evaluate(_:customers:seed:)` also gives each engine its own random stream.)
    public func evaluate(policy: ([Double]) -> [Double], sessions: Int, seed: UInt64) -> EngineMetrics {
        precondition(sessions > 0, "evaluate needs at least one session, got \(sessions)")
        var environment = self
        var seeds = RNG(seed: seed)
        var metrics = EngineMetrics()
        for _ in 0..<sessions {
            var observation = environment.reset(seed: seeds.next())
            while true {
                let result = environment.step(policy(observation))
                metrics.record(result)
                if result.done { break }
                observation = result.observation
            }
        }
        return metrics
    }
}
