/// What a learned simulator must reproduce of the sessions an engine has (the paper's "Virtual
/// Customer Distributions and Behaviors"): the pooled `EngineMetrics` (CTR, R2P, pages per
/// session), and two distributions behind them,
///
///     clicks histogram    h_c = pages with c clicks / pages,                       c = 0…10
///     leave rate at n     ℓ_n = pages n after which the customer left / pages n,   n = 1…maxPages
///
/// A leave is a `terminated` page without a purchase.
public struct SessionStatistics: Sendable, Equatable {
    public private(set) var metrics = EngineMetrics()
    /// Pages with c clicks, c = 0…10.
    public private(set) var pagesWithClicks = [Int](repeating: 0, count: CustomerAction.clickChoices)
    /// Pages shown as page n (index n − 1).
    public private(set) var pagesAt: [Int]
    /// Leaves after page n (index n − 1).
    public private(set) var leavesAt: [Int]

    /// Empty statistics for sessions of at most `maxPages` pages.
    public init(maxPages: Int) {
        precondition(maxPages > 0, "SessionStatistics needs a positive page cap")
        pagesAt = [Int](repeating: 0, count: maxPages)
        leavesAt = [Int](repeating: 0, count: maxPages)
    }

    /// Adds one page.
    public mutating func record(_ result: StepResult) {
        metrics.record(result)
        pagesWithClicks[result.info.clicks] += 1
        let n = result.info.page
        precondition(n >= 1 && n <= pagesAt.count, "page \(n) is beyond the page cap \(pagesAt.count)")
        pagesAt[n - 1] += 1
        if result.terminated && !result.info.purchase { leavesAt[n - 1] += 1 }
    }

    /// h_c for c = 0…10.
    public var clicksHistogram: [Double] {
        pagesWithClicks.map { metrics.pages == 0 ? 0 : Double($0) / Double(metrics.pages) }
    }

    /// ℓ_n for n = 1…maxPages (nil where no session reached page n).
    public var leaveRate: [Double?] {
        zip(leavesAt, pagesAt).map { $1 == 0 ? nil : Double($0) / Double($1) }
    }

    /// `engine` for one session on each of `sessions` customers of `environment`, as
    /// `TaobaoWorld.evaluate` draws them: session j starts with `reset(seed:)` from the j-th seed
    /// of `seed`'s stream, and the engine takes its random numbers from a stream of its own, so
    /// the same seed plays the same customers in every environment and for every engine (common
    /// random numbers).
    ///
    /// An engine that reads the world (`Engine.oracle`) reads `environment` when it is a
    /// `TaobaoWorld`; in a learned simulator there is no hidden preference to read, so such an
    /// engine must not be measured there (it would see `world` between sessions).
    public static func measure<Env: Environment>(
        _ environment: Env, engine: Engine, sessions: Int, seed: UInt64, maxPages: Int, world: TaobaoWorld
    ) -> SessionStatistics {
        var statistics = SessionStatistics(maxPages: maxPages)
        play(environment, engine: engine, sessions: sessions, seed: seed, world: world) { _, _, result in
            statistics.record(result)
        }
        return statistics
    }

    /// Plays `engine` for one session on each of `sessions` customers of `environment`, drawn as
    /// `measure` draws them (common random numbers), and hands every page to `onPage` with the
    /// observation the engine saw before it and the action it played.
    public static func play<Env: Environment>(
        _ environment: Env, engine: Engine, sessions: Int, seed: UInt64, world: TaobaoWorld,
        onPage: (_ observation: [Double], _ action: [Double], _ result: StepResult) -> Void
    ) {
        precondition(sessions > 0, "measure needs at least one session, got \(sessions)")
        var env = environment
        var seeds = RNG(seed: seed)
        for _ in 0..<sessions {
            let customerSeed = seeds.next()
            var engineRNG = RNG(seed: seeds.next())
            var observation = env.reset(seed: customerSeed)
            while true {
                let action = engine.action(
                    observation: observation, world: (env as? TaobaoWorld) ?? world, rng: &engineRNG)
                let result = env.step(action)
                onPage(observation, action, result)
                if result.done { break }
                observation = result.observation
            }
        }
    }
}
