/// TRPO's backtracking line search (Schulman et al. 2015, Appendix C): try the full natural-gradient
/// step, then shrink it by a factor until a step is accepted or the tries run out.
///
///     for j in 0 ..< maxSteps:
///         α = shrinkᶨ                                  1, 0.8, 0.64, …
///         θ = θₖ + α β x;   measure ΔL = L(θ) − L(θₖ) and D = mean KL(π_θₖ ‖ π_θ)
///         accept if ΔL > 0 and D ≤ δ
///     no step accepted: θ = θₖ (the update is skipped; sb3-contrib logs `is_line_search_success` = 0)
///
/// The acceptance rule: the surrogate must **strictly** improve and the KL may **equal** δ.
/// The references differ on both: Spinning Up accepts `kl <= delta and pi_l_new <= pi_l_old` (a step
/// that leaves the surrogate unchanged passes), sb3-contrib `kl_div < target_kl and
/// new_policy_objective > policy_objective` (both strict). KL ≤ δ is eq. 1's constraint as written;
/// a strict improvement means a step that gains nothing is not taken, as sb3-contrib.
public struct TrustRegionLineSearch: Sendable {
    /// δ, the bound on the mean KL.
    public var maxKL: Double
    /// The factor each rejected step is shrunk by (sb3-contrib `line_search_shrinking_factor`,
    /// Spinning Up `backtrack_coeff`: 0.8).
    public var shrinkFactor: Double
    /// Steps tried at most (sb3-contrib `line_search_max_iter`, Spinning Up `backtrack_iters`: 10).
    public var maxSteps: Int

    public init(maxKL: Double, shrinkFactor: Double = 0.8, maxSteps: Int = 10) {
        precondition(maxKL > 0, "TrustRegionLineSearch: δ must be positive, got \(maxKL)")
        precondition(shrinkFactor > 0 && shrinkFactor < 1, "TrustRegionLineSearch: the shrink factor must be in (0, 1)")
        precondition(maxSteps > 0, "TrustRegionLineSearch: maxSteps must be positive, got \(maxSteps)")
        self.maxKL = maxKL
        self.shrinkFactor = shrinkFactor
        self.maxSteps = maxSteps
    }

    /// The acceptance rule: ΔL > 0 and D ≤ δ (a NaN in either rejects the step).
    public func accepts(improvement: Double, kl: Double) -> Bool {
        improvement > 0 && kl <= maxKL
    }

    /// Tries α = 1, shrink, shrink², … ; `evaluate(α)` sets θ = θₖ + α β x and returns ΔL and D
    /// there. Stops at the first accepted α. The caller reverts θ when `accepted` is nil.
    public func run(_ evaluate: (_ coefficient: Double) -> (improvement: Double, kl: Double)) -> LineSearchOutcome {
        var trials: [LineSearchTrial] = []
        var coefficient = 1.0
        for _ in 0..<maxSteps {
            let (improvement, kl) = evaluate(coefficient)
            let ok = accepts(improvement: improvement, kl: kl)
            trials.append(LineSearchTrial(coefficient: coefficient, improvement: improvement, kl: kl, accepted: ok))
            if ok { break }
            coefficient *= shrinkFactor
        }
        return LineSearchOutcome(trials: trials)
    }
}

/// One step size tried by the line search.
public struct LineSearchTrial: Sendable, Equatable {
    /// α, the fraction of the full step β x.
    public var coefficient: Double
    /// ΔL = L(θ) − L(θₖ), the surrogate's change.
    public var improvement: Double
    /// The mean KL(π_θₖ ‖ π_θ).
    public var kl: Double
    /// Whether the rule accepted it (only the last trial can be accepted).
    public var accepted: Bool
}

/// Every step tried, in order; the last is the accepted one if any was.
public struct LineSearchOutcome: Sendable, Equatable {
    public var trials: [LineSearchTrial]

    /// The accepted trial, or nil when every try was rejected (θ reverts to θₖ).
    public var accepted: LineSearchTrial? { trials.last.flatMap { $0.accepted ? $0 : nil } }
    /// sb3-contrib's `is_line_search_success`.
    public var succeeded: Bool { accepted != nil }
    /// Rejected tries before the accepted one, or all tries when none was accepted (Spinning Up's
    /// `BacktrackIters` counts the same way for an accepted step).
    public var backtracks: Int { succeeded ? trials.count - 1 : trials.count }
}
