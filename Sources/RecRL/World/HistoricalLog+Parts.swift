/// The log cut in time order, and what the logged (random) engine achieved in each part: the data of
/// the paper's Figure 5 ("R2P over time": the day's log cut into 12 parts in time order, a
/// simulator built from each part, the random engine's R2P per part, virtual vs real).
///
/// Sessions are stored in arrival order, so consecutive sessions are consecutive times of day.
/// Part i of K of a log of S sessions holds sessions
///
///     ⌊i·S/K⌋ ..< ⌊(i+1)·S/K⌋,        i = 0 … K − 1,
///
/// so the parts' sizes differ by at most one and, with a time-of-day effect (session s at hour
/// 24·s/S), part i covers the hours [24·i/K, 24·(i+1)/K) up to one session at either end.
extension HistoricalLog {
    /// The sessions `range` (in arrival order) as a log of their own, with the same header.
    public func sessions(_ range: Range<Int>) -> HistoricalLog {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= sessionCount,
            "sessions(\(range)) is outside the log's 0..<\(sessionCount) sessions")
        var part = HistoricalLog(
            truthSeed: truthSeed, day: day, maxPages: maxPages, sigma: sigma, timeOfDay: timeOfDay)
        let starts = firstPage
        func start(_ s: Int) -> Int { s == sessionCount ? pageCount : starts[s] }
        let firstT = start(range.lowerBound)
        let endT = start(range.upperBound)
        let g = TaobaoLayout.groupCount
        let d = TaobaoLayout.actionSize
        part.customers = Array(customers[(range.lowerBound * g)..<(range.upperBound * g)])
        part.sessionLengths = Array(sessionLengths[range])
        if !hours.isEmpty { part.hours = Array(hours[range]) }
        part.actions = Array(actions[(firstT * d)..<(endT * d)])
        let pages = firstT..<endT
        part.lastClicks = Array(lastClicks[pages])
        part.sessionClicks = Array(sessionClicks[pages])
        part.pageIndex = Array(pageIndex[pages])
        part.clicks = Array(clicks[pages])
        part.purchases = Array(purchases[pages])
        part.decisions = Array(decisions[pages])
        return part
    }

    /// The sessions of part `index` of `count` (see the comment on this extension).
    public static func partRange(_ index: Int, of count: Int, sessions: Int) -> Range<Int> {
        precondition(count >= 1, "a log is cut into at least 1 part, got \(count)")
        precondition(index >= 0 && index < count, "part must be in 0..<\(count), got \(index)")
        return (index * sessions / count)..<((index + 1) * sessions / count)
    }

    /// The log cut into `count` consecutive parts in time (arrival) order, each a valid log with the
    /// same header; part i holds sessions ⌊i·S/K⌋ ..< ⌊(i+1)·S/K⌋, so sizes differ by at most one
    /// and `HistoricalLog.concatenating(parts)` gives back the log.
    /// Preconditions: 1 ≤ `count` ≤ sessions (every part has a session).
    public func parts(_ count: Int) -> [HistoricalLog] {
        precondition(count >= 1, "HistoricalLog.parts needs at least 1 part, got \(count)")
        precondition(
            count <= sessionCount,
            "HistoricalLog.parts(\(count)) would leave parts empty: the log has only \(sessionCount) sessions")
        return (0..<count).map { sessions(Self.partRange($0, of: count, sessions: sessionCount)) }
    }

    /// The logs one after the other (sessions of the first, then the second, …): the inverse of
    /// `parts`. Precondition: at least one log, all with the same header (truth seed, day, page
    /// cap, σ and time of day).
    public static func concatenating(_ logs: [HistoricalLog]) -> HistoricalLog {
        guard let first = logs.first else { preconditionFailure("concatenating needs at least one log") }
        var log = HistoricalLog(
            truthSeed: first.truthSeed, day: first.day, maxPages: first.maxPages, sigma: first.sigma,
            timeOfDay: first.timeOfDay)
        for (i, part) in logs.enumerated() {
            precondition(
                part.truthSeed == first.truthSeed && part.day == first.day && part.maxPages == first.maxPages
                    && part.sigma == first.sigma && part.timeOfDay == first.timeOfDay,
                "concatenating: log \(i)'s header differs from log 0's")
            log.customers += part.customers
            log.sessionLengths += part.sessionLengths
            log.hours += part.hours
            log.actions += part.actions
            log.lastClicks += part.lastClicks
            log.sessionClicks += part.sessionClicks
            log.pageIndex += part.pageIndex
            log.clicks += part.clicks
            log.purchases += part.purchases
            log.decisions += part.decisions
        }
        return log
    }

    /// What the logged engine achieved in the world over the log's sessions (the "real" side of
    /// Figure 5): pages, clicks, purchases, CTR = clicks / (10 × pages), R2P = pages with a
    /// purchase / pages, and so on, pooled exactly as `TaobaoWorld.evaluate` pools them. The log
    /// does not record the world's reward, so `totalReturn` counts `reward`'s unit (purchases by
    /// default, the paper's reward; or clicks).
    public func metrics(reward: TaobaoWorld.Reward = .purchase) -> EngineMetrics {
        var m = EngineMetrics()
        var t = 0
        for length in sessionLengths {
            let n = Int(length)
            var sessionClicks = 0
            for page in t..<(t + n) {
                sessionClicks += Int(clicks[page])
                if purchases[page] != 0 { m.purchases += 1 }
            }
            m.sessions += 1
            m.pages += n
            m.clicks += sessionClicks
            m.sessionCTRSum += Double(sessionClicks) / Double(TaobaoLayout.pageSize * n)
            if decisions[t + n - 1] == UInt8(TaobaoWorld.Decision.turnPage.rawValue) {
                m.truncated += 1
            } else {
                m.terminated += 1
            }
            t += n
        }
        m.totalReturn = Double(reward == .purchase ? m.purchases : m.clicks)
        return m
    }

    /// The hours of the first and the last session, or nil without a time of day.
    public var hourSpan: ClosedRange<Double>? {
        guard let first = hours.first, let last = hours.last else { return nil }
        return Double(first)...Double(last)
    }
}
