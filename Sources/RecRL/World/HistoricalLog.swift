/// The historical log: sessions of the random ("historical") engine on the ground-truth world,
/// the data chapters 7–10 learn a simulator from (the paper's "historical data").
///
/// Stored column by column. A session is one customer (11 attribute values) and its pages; a page
/// is the observation's dynamic part, the engine's action, and what the customer did:
///
///     customers[s·11 + g]     attribute g of session s's customer (one-hot: `oneHot(session:)`)
///     sessionLengths[s]       pages in session s
///     hours[s]                session s's hour of day (Float32), only with a time-of-day effect
///     actions[t·27 + f]       weight f of page t's action (Float32, exactly as played)
///     lastClicks[t]           dynamic 1: clicks on the page before t (0 on a first page)
///     sessionClicks[t]        dynamic 2: clicks in the session before page t
///     pageIndex[t]            dynamic 3: pages shown before t (0, 1, …)
///     clicks[t], purchases[t] (0/1), decisions[t] (`TaobaoWorld.Decision` raw value)
///
/// Pages are stored session after session, so session s owns pages
/// `firstPage[s] ..< firstPage[s] + sessionLengths[s]`. A session whose last decision is
/// `turnPage` was truncated by the page cap.
///
/// Sessions are stored in the order they arrived, which is time order: with a time-of-day effect
/// (`timeOfDay`), session s of a day's log of N sessions arrived at hour 24·s/N (`hours`), and
/// `parts(_:)` cuts the day into consecutive spans (the paper's Figure 5, "R2P over time").
public struct HistoricalLog: Sendable, Equatable {
    /// The seed of the ground truth the log was drawn from.
    public var truthSeed: UInt64
    /// The day of the ground truth.
    public var day: Double
    /// The page cap of the sessions.
    public var maxPages: Int
    /// σ of the historical engine's weights.
    public var sigma: Double
    /// The world's time-of-day effect (its `sessionsPerDay` is the day's sessions), or nil if the
    /// world had none; then `hours` is empty.
    public var timeOfDay: TimeOfDay?

    public var customers: [UInt8]
    public var sessionLengths: [UInt8]
    /// Each session's hour of day (one per session with a `timeOfDay`, empty without).
    public var hours: [Float]
    public var actions: [Float]
    public var lastClicks: [UInt8]
    public var sessionClicks: [UInt8]
    public var pageIndex: [UInt8]
    public var clicks: [UInt8]
    public var purchases: [UInt8]
    public var decisions: [UInt8]

    /// Number of sessions.
    public var sessionCount: Int { sessionLengths.count }
    /// Number of pages (steps) over all sessions.
    public var pageCount: Int { clicks.count }

    /// The first page of each session (prefix sums of `sessionLengths`).
    public var firstPage: [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(sessionCount)
        var t = 0
        for n in sessionLengths {
            starts.append(t)
            t += Int(n)
        }
        return starts
    }

    /// The 11 attribute values of session s's customer.
    public func attributes(session s: Int) -> [Int] {
        precondition(s >= 0 && s < sessionCount, "session must be in 0..<\(sessionCount), got \(s)")
        return customers[(s * 11)..<((s + 1) * 11)].map { Int($0) }
    }

    /// The 88-dim one-hot customer of session s.
    public func oneHot(session s: Int) -> [Double] { TaobaoLayout.oneHot(attributes(session: s)) }

    /// The action of page t, as Doubles.
    public func action(page t: Int) -> [Double] {
        precondition(t >= 0 && t < pageCount, "page must be in 0..<\(pageCount), got \(t)")
        let d = TaobaoLayout.actionSize
        return actions[(t * d)..<((t + 1) * d)].map { Double($0) }
    }

    /// The 91-dim observation the engine saw before page t of session s.
    public func observation(session s: Int, page t: Int) -> [Double] {
        oneHot(session: s) + [Double(lastClicks[t]), Double(sessionClicks[t]), Double(pageIndex[t])]
    }

    /// Session s's hour of day, or nil if the log has no time of day.
    public func hour(session s: Int) -> Double? {
        precondition(s >= 0 && s < sessionCount, "session must be in 0..<\(sessionCount), got \(s)")
        return hours.isEmpty ? nil : Double(hours[s])
    }

    /// An empty log with the given header.
    public init(truthSeed: UInt64, day: Double, maxPages: Int, sigma: Double, timeOfDay: TimeOfDay? = nil) {
        self.truthSeed = truthSeed
        self.day = day
        self.maxPages = maxPages
        self.sigma = sigma
        self.timeOfDay = timeOfDay
        customers = []
        sessionLengths = []
        hours = []
        actions = []
        lastClicks = []
        sessionClicks = []
        pageIndex = []
        clicks = []
        purchases = []
        decisions = []
    }

    /// Plays `sessions` sessions of the random engine (σ = `sigma`) on `world`'s Taobao (its
    /// truth, day and page cap) and logs them. The customers come from `seed`, the engine's
    /// weights from a separate stream; each weight is rounded to Float32 before it is played, so
    /// the logged action is exactly the played one.
    ///
    /// With the world's `timeOfDay`, the log is one day: its `sessions` sessions arrive in order over
    /// 24 hours (session s at hour 24·s/N, N = `sessions`, whatever the world's `sessionsPerDay`),
    /// and each session's hour is logged in `hours`. Without one, the log is exactly what it was
    /// before time of day existed (same customers, actions and responses).
    public static func generate(
        world: TaobaoWorld, sessions: Int = 100_000, seed: UInt64 = 0, sigma: Double = Engine.historicalSigma
    ) -> HistoricalLog {
        precondition(sessions > 0, "generate needs at least one session, got \(sessions)")
        var seeds = RNG(seed: seed)
        let timeOfDay = world.timeOfDay?.withSessionsPerDay(sessions)
        var env = TaobaoWorld(
            truth: world.truth, reward: world.reward, maxPages: world.maxPages, seed: seeds.next(),
            timeOfDay: timeOfDay)
        var engine = seeds.split()
        var log = HistoricalLog(
            truthSeed: world.truth.seed, day: world.day, maxPages: world.maxPages, sigma: sigma, timeOfDay: timeOfDay)
        let d = TaobaoLayout.actionSize
        let expectedPages = sessions * 4
        log.customers.reserveCapacity(sessions * 11)
        log.sessionLengths.reserveCapacity(sessions)
        if timeOfDay != nil { log.hours.reserveCapacity(sessions) }
        log.actions.reserveCapacity(expectedPages * d)
        for column in [\HistoricalLog.lastClicks, \.sessionClicks, \.pageIndex, \.clicks, \.purchases, \.decisions] {
            log[keyPath: column].reserveCapacity(expectedPages)
        }
        var action = [Double](repeating: 0, count: d)
        for _ in 0..<sessions {
            _ = env.reset()
            log.customers += env.attributes.map { UInt8($0) }
            if let hour = env.hour { log.hours.append(Float(hour)) }
            var length = 0
            while true {
                log.lastClicks.append(UInt8(env.lastClicks))
                log.sessionClicks.append(UInt8(env.sessionClicks))
                log.pageIndex.append(UInt8(env.pagesShown))
                for f in 0..<d {
                    let w = Float(engine.normal(std: sigma))
                    log.actions.append(w)
                    action[f] = Double(w)
                }
                let result = env.step(action)
                log.clicks.append(UInt8(result.info.clicks))
                log.purchases.append(result.info.purchase ? 1 : 0)
                log.decisions.append(UInt8(env.lastDecision.rawValue))
                length += 1
                if result.done { break }
            }
            log.sessionLengths.append(UInt8(length))
        }
        return log
    }
}
