import Foundation

/// A daily cycle of purchase intent in `TaobaoWorld`: the paper's "R2P of the customers varies with
/// time in Taobao" (Figure 5, "R2P over time"). **Off unless asked for**: a world built without a
/// `TimeOfDay` draws exactly the random numbers it drew before and every chapter's numbers stay
/// bit-identical.
///
/// With h ∈ [0, 24) the session's hour, a clicked item is bought with
///
///     logit P_h(buy | click) = logit(κ·s(m)) + a·cos(2π(h − h*)/24)
///
/// i.e. the buying odds are multiplied by e^{a·cos(2π(h − h*)/24)}: by e^a at the peak hour h*, by
/// e^{−a} twelve hours later, unchanged six hours either side. As κ·s(m) ≤ 0.05 this is almost a
/// factor on the probability itself. Clicks, leaving and the customers are unchanged, and the page
/// still draws its 21 uniforms, so two hours of the same customer see the same luck.
///
/// The defaults, and why:
/// - h* = 21 (9 pm): Chinese e-commerce traffic and buying peak in the evening after work (Taobao's
///   "golden hours" are about 20:00–22:00); the trough is then at 9 am, the morning commute.
/// - a = 0.3: buying odds × 1.35 at 9 pm and × 0.74 at 9 am, a peak-to-trough R2P ratio of about
///   e^{0.6} ≈ 1.8 (measured over 2-hour parts: 0.0094 at 8–10 h, 0.0187 at 20–22 h, the same
///   customers in each). That is large enough that each of 12 parts of a 20,000-session day (about
///   5,850 pages and 90 purchases a part) shows the trend above its sampling noise (±11 %), and
///   small beside the gap between engines (the oracle's R2P is about 5× the random engine's), so
///   the hour never changes which engine is better.
///
/// Arrivals: session k of the world (its k-th `reset`, counted from 0) arrives at hour
///
///     h_k = 24 · (k mod N) / N,      N = `sessionsPerDay`,
///
/// rounded to Float32 (so a log stores exactly the hour that was played). Uniform arrivals in
/// session order keep it simple and reproducible: the hour is a function of the session's number
/// alone and draws no random number, and cutting a day's log into K parts of equal size cuts the day
/// into K equal spans of 24/K hours. (A daily traffic profile would only change how many sessions
/// fall in each span; the effect on R2P per span is the same.) `HistoricalLog.generate` spreads its
/// own sessions over one day (N = the log's sessions).
public struct TimeOfDay: Sendable, Equatable {
    /// a: the purchase logit's daily amplitude (0.3: odds × e^{±0.3}).
    public var amplitude: Double
    /// h*: the hour (in [0, 24)) at which purchase intent peaks (21 = 9 pm).
    public var peakHour: Double
    /// N: sessions per day of the world's arrival clock (session k arrives at 24·(k mod N)/N).
    public var sessionsPerDay: Int

    /// The default evening peak (a = 0.3 at 21:00; see the type's comment), with `sessionsPerDay`
    /// sessions a day (1,000, the default customers of `TaobaoWorld.evaluate`, so one default
    /// evaluation spans one day).
    public init(amplitude: Double = 0.3, peakHour: Double = 21, sessionsPerDay: Int = 1000) {
        precondition(amplitude.isFinite, "TimeOfDay amplitude must be finite, got \(amplitude)")
        precondition(
            peakHour >= 0 && peakHour < 24, "TimeOfDay peakHour must be an hour in [0, 24), got \(peakHour)")
        precondition(sessionsPerDay >= 1, "TimeOfDay needs at least 1 session per day, got \(sessionsPerDay)")
        self.amplitude = amplitude
        self.peakHour = peakHour
        self.sessionsPerDay = sessionsPerDay
    }

    /// The same effect with `n` sessions a day.
    public func withSessionsPerDay(_ n: Int) -> TimeOfDay {
        TimeOfDay(amplitude: amplitude, peakHour: peakHour, sessionsPerDay: n)
    }

    /// a·cos(2π(h − h*)/24), the shift of the purchase logit at `hour` h.
    public func logitShift(hour h: Double) -> Double {
        amplitude * Foundation.cos(2 * Double.pi * (h - peakHour) / 24)
    }

    /// e^{a·cos(2π(h − h*)/24)}, the factor on the buying odds at `hour` h.
    public func oddsFactor(hour h: Double) -> Double { Foundation.exp(logitShift(hour: h)) }

    /// σ(logit p + a·cos(2π(h − h*)/24)): the purchase probability p moved to `hour` h.
    public func purchaseProbability(_ p: Double, hour h: Double) -> Double {
        Self.shifted(p, oddsFactor: oddsFactor(hour: h))
    }

    /// σ(logit p + ln f) = p·f / (1 − p + p·f), exactly p when f = 1.
    @inline(__always) static func shifted(_ p: Double, oddsFactor f: Double) -> Double {
        f == 1 ? p : p * f / (1 - p + p * f)
    }

    /// h_k = 24·(k mod N)/N rounded to Float32: the hour session k (from 0) arrives at.
    public func arrivalHour(session k: Int) -> Double {
        precondition(k >= 0, "a session number is ≥ 0, got \(k)")
        return Double(Float(Double(24 * (k % sessionsPerDay)) / Double(sessionsPerDay)))
    }
}
