// What TRPO measures and logs, per update and per iteration (Spinning Up's and sb3-contrib's
// logger columns), beside the update in TRPO.swift.

/// What one TRPO update did.
public struct TRPOUpdateStats: Sendable {
    /// L(θ) after the update, mean(π_θ/π_θₖ · Â) (sb3-contrib `policy_objective`; L(θₖ) = mean Â
    /// when the step was reverted).
    public var surrogate: Double
    /// ΔL = L(θ) − L(θₖ) of the accepted step, 0 when reverted.
    public var improvement: Double
    /// The mean KL(π_θₖ ‖ π_θ) of the accepted step, 0 when reverted (sb3-contrib `kl_divergence_loss`).
    public var kl: Double
    /// Whether a step was accepted (sb3-contrib `is_line_search_success`).
    public var lineSearchSucceeded: Bool
    /// Rejected steps before the accepted one (Spinning Up `BacktrackIters`; all tries when none passed).
    public var backtracks: Int
    /// β = √(2δ / xᵀ(F + λI)x), the length of the full step along x.
    public var stepSize: Double
    /// Conjugate-gradient iterations run.
    public var cgIterations: Int
    /// ‖g − (F + λI)x‖ left by conjugate gradient.
    public var cgResidual: Double
    /// ‖g‖, the policy gradient's norm.
    public var gradientNorm: Double
    /// Mean entropy of π after the update.
    public var entropy: Double
    /// Mean value loss over the value minibatches (`LossV`).
    public var lossV: Double
}

/// What one TRPO iteration did, with Spinning Up's logger column names where they exist.
public struct TRPOIterationLog: Sendable {
    /// 1, 2, … (`Epoch`).
    public var iteration: Int
    /// Environment steps so far, over all environments (`TotalEnvInteracts`).
    public var totalEnvInteracts: Int
    /// Mean undiscounted return of the sessions that ended in this rollout (NaN if none did).
    public var averageEpRet: Double
    /// Their mean length in pages (`EpLen`).
    public var epLen: Double
    /// Sessions that ended in this rollout.
    public var episodes: Int
    /// Pooled CTR of the rollout (clicks / 10 per page) under the stochastic policy.
    public var ctr: Double
    /// Mean V(s) over the rollout (`AverageVVals`).
    public var averageVVals: Double
    /// The fraction of the return's variance the value explains before the update (SB3's
    /// `explained_variance`).
    public var explainedVariance: Double
    /// The update's numbers.
    public var update: TRPOUpdateStats
    /// Seconds since training started (`Time`).
    public var time: Double

    static func make(
        iteration: Int, interactions: Int, rollout: Rollout, returns: [Double], update: TRPOUpdateStats, time: Double
    ) -> TRPOIterationLog {
        let totals = rollout.finishedEpisodes.map(\.totalReward)
        let lengths = rollout.finishedEpisodes.map { Double($0.length) }
        let residual = variance(zip(returns, rollout.values).map { $0 - $1 })
        let total = variance(returns)
        return TRPOIterationLog(
            iteration: iteration, totalEnvInteracts: interactions,
            averageEpRet: totals.isEmpty ? .nan : totals.reduce(0, +) / Double(totals.count),
            epLen: lengths.isEmpty ? .nan : lengths.reduce(0, +) / Double(lengths.count), episodes: totals.count,
            ctr: rollout.metrics.ctr, averageVVals: rollout.values.reduce(0, +) / Double(max(rollout.count, 1)),
            explainedVariance: total == 0 ? .nan : 1 - residual / total, update: update, time: time)
    }
}
