/// What an engine achieved over a set of sessions.
///
/// CTR is pooled, as the published examples compute it: total clicks / (10 × total pages). (The
/// mean of per-session CTRs is a different, larger number.) R2P is pages with a purchase / pages.
public struct EngineMetrics: Sendable, Equatable {
    /// Sessions (customers).
    public var sessions = 0
    /// Pages shown in all.
    public var pages = 0
    /// Clicks in all.
    public var clicks = 0
    /// Pages with a purchase (each ends its session).
    public var purchases = 0
    /// Sessions the customer ended (left or bought).
    public var terminated = 0
    /// Sessions cut by the page cap.
    public var truncated = 0
    /// Items bought in all (the paper's total volume, TV).
    public var itemsBought = 0
    /// Money spent in all, yuan (the paper's total turnover, TT).
    public var turnover = 0.0
    /// The sum of rewards (clicks or purchases, as the world pays).
    public var totalReturn = 0.0
    /// The sum over finished sessions of each session's own CTR, clicks / (10 × its pages).
    public var sessionCTRSum = 0.0
    /// Clicks and pages of the session being recorded.
    private var openClicks = 0
    private var openPages = 0

    public init() {}

    /// total clicks / (10 × total pages).
    public var ctr: Double { pages == 0 ? 0 : Double(clicks) / Double(TaobaoLayout.pageSize * pages) }
    /// pages with a purchase / pages.
    public var r2p: Double { pages == 0 ? 0 : Double(purchases) / Double(pages) }
    /// The mean over sessions of each session's CTR (SB3's VirtualTB `info["CTR"]` averaged over
    /// episodes): a different, larger number than the pooled `ctr`, as short sessions weigh as
    /// much as long ones.
    public var perSessionCTR: Double { sessions == 0 ? 0 : sessionCTRSum / Double(sessions) }
    /// pages / sessions.
    public var meanSessionLength: Double { sessions == 0 ? 0 : Double(pages) / Double(sessions) }
    /// total reward / sessions (undiscounted return per session).
    public var meanReturn: Double { sessions == 0 ? 0 : totalReturn / Double(sessions) }

    /// Adds one page.
    public mutating func record(_ result: StepResult) {
        pages += 1
        clicks += result.info.clicks
        if result.info.purchase { purchases += 1 }
        itemsBought += result.info.itemsBought
        turnover += result.info.turnover
        totalReturn += result.reward
        openClicks += result.info.clicks
        openPages += 1
        if result.done {
            sessions += 1
            sessionCTRSum += Double(openClicks) / Double(TaobaoLayout.pageSize * openPages)
            (openClicks, openPages) = (0, 0)
        }
        if result.terminated { terminated += 1 }
        if result.truncated { truncated += 1 }
    }

    /// The normalised score (policy − random) / (oracle − random): 0 for the random engine, 1 for
    /// the oracle. Precondition: oracle ≠ random.
    public static func normalisedScore(_ policy: Double, random: Double, oracle: Double) -> Double {
        precondition(oracle != random, "normalised score needs oracle ≠ random, got both \(oracle)")
        return (policy - random) / (oracle - random)
    }
}

extension TaobaoWorld {
    /// Runs `engine` for one session on each of `customers` customers and returns the pooled
    /// metrics. Customer j and its responses come from `seed` and j alone, and the engine's own
    /// random numbers from a separate stream, so two engines evaluated with the same seed meet the
    /// same customers with the same luck (common random numbers).
    public func evaluate(_ engine: Engine, customers: Int = 1000, seed: UInt64 = 0) -> EngineMetrics {
        precondition(customers > 0, "evaluate needs at least one customer, got \(customers)")
        var world = self
        var seeds = RNG(seed: seed)
        var metrics = EngineMetrics()
        for _ in 0..<customers {
            let customerSeed = seeds.next()
            var engineRNG = RNG(seed: seeds.next())
            var observation = world.reset(seed: customerSeed)
            while true {
                let action = engine.action(observation: observation, world: world, rng: &engineRNG)
                let result = world.step(action)
                metrics.record(result)
                if result.done { break }
                observation = result.observation
            }
        }
        return metrics
    }
}

extension TaobaoWorld {
    /// Runs `engine` on `customers` customers who arrive evenly over part `part` of `parts` of the
    /// day, the hours [24·part/parts, 24·(part + 1)/parts): the world's "real" side of the paper's
    /// Figure 5 ("R2P over time"), part by part. Customer j arrives at hour
    /// 24·(part·customers + j)/(parts·customers), so the day has `parts · customers` sessions.
    ///
    /// Customer j and its luck come from `seed` and j alone, as in `evaluate(_:customers:seed:)`, so
    /// every part meets the same customers with the same luck (common random numbers) and the parts
    /// differ by the hour alone. Precondition: the world has a `timeOfDay`; 0 ≤ part < parts.
    public func evaluate(
        _ engine: Engine, customers: Int = 1000, seed: UInt64 = 0, part: Int, of parts: Int
    ) -> EngineMetrics {
        guard let timeOfDay else {
            preconditionFailure("evaluate(part:of:) needs a world with a time-of-day effect (timeOfDay is nil)")
        }
        precondition(parts >= 1, "the day is cut into at least 1 part, got \(parts)")
        precondition(part >= 0 && part < parts, "part must be in 0..<\(parts), got \(part)")
        precondition(customers > 0, "evaluate needs at least one customer, got \(customers)")
        var world = TaobaoWorld(
            truth: truth, reward: reward, maxPages: maxPages,
            timeOfDay: timeOfDay.withSessionsPerDay(parts * customers))
        world.sessionsStarted = part * customers
        return world.evaluate(engine, customers: customers, seed: seed)
    }
}
