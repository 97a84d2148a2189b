// What PPO measures and logs: per minibatch, per update phase, per iteration (Spinning Up's
// logger columns), beside the update in PPO.swift.

/// What one PPO iteration did, with Spinning Up's logger column names.
public struct PPOIterationLog: Sendable {
    /// 1, 2, … (Spinning Up's `Epoch`).
    public var iteration: Int
    /// Environment steps so far, over all environments (`TotalEnvInteracts`).
    public var totalEnvInteracts: Int
    /// Mean undiscounted return of the sessions that ended in this rollout (NaN if none did).
    public var averageEpRet: Double
    /// Their standard deviation.
    public var stdEpRet: Double
    /// Their mean length in pages (`EpLen`).
    public var epLen: Double
    /// Sessions that ended in this rollout.
    public var episodes: Int
    /// Pooled CTR of the rollout (clicks / 10 per page) under the stochastic policy.
    public var ctr: Double
    /// Mean V(s) over the rollout (`AverageVVals`).
    public var averageVVals: Double
    /// Mean policy loss −L over all minibatches (`LossPi`).
    public var lossPi: Double
    /// Mean value loss over all minibatches (`LossV`).
    public var lossV: Double
    /// Mean entropy of π over all minibatches (`Entropy`).
    public var entropy: Double
    /// Mean approximate KL(π_θₖ ‖ π_θ), ((r − 1) − log r), over all minibatches (`KL`; CleanRL's
    /// `approx_kl`, Schulman's k3 estimator).
    public var kl: Double
    /// Fraction of samples with |r − 1| > ε, over all minibatches (`ClipFrac`).
    public var clipFrac: Double
    /// The fraction of the return's variance the value explains before the update,
    /// 1 − Var(R̂ − V)/Var(R̂) (SB3's `explained_variance`).
    public var explainedVariance: Double
    /// The learning rate used in this iteration (`LR`).
    public var learningRate: Double
    /// The global gradient norm before clipping, mean over minibatches.
    public var gradNorm: Double
    /// Minibatch updates done (K epochs × the minibatches of a rollout, fewer after a `targetKL` stop).
    public var minibatches: Int
    /// Whether the `targetKL` early stop ended the update phase (Spinning Up logs where: `StopIter`).
    public var stoppedEarly: Bool
    /// Seconds since training started (`Time`).
    public var time: Double
}

/// What one minibatch update measured (from the ratios of its one forward pass).
public struct PPOMinibatchStats: Sendable {
    public var lossPi: Double
    public var lossV: Double
    public var entropy: Double
    /// mean((r − 1) − log r), the approximate KL(π_θₖ ‖ π_θ) before this minibatch's step.
    public var kl: Double
    /// The share of samples with |r − 1| > ε.
    public var clipFrac: Double
    public var gradNorm: Double
}

/// The statistics of one optimisation phase (K epochs over one rollout): sums while it runs,
/// then means over its minibatch updates (`averaged()`).
public struct PPOUpdateStats: Sendable {
    public var lossPi = 0.0
    public var lossV = 0.0
    public var entropy = 0.0
    public var kl = 0.0
    public var clipFrac = 0.0
    public var gradNorm = 0.0
    /// Minibatch updates done.
    public var minibatches = 0
    /// The `targetKL` early stop ended the phase.
    public var stoppedEarly = false

    public init() {}

    /// Adds one minibatch update's numbers to the sums.
    mutating func add(_ minibatch: PPOMinibatchStats) {
        lossPi += minibatch.lossPi
        lossV += minibatch.lossV
        entropy += minibatch.entropy
        kl += minibatch.kl
        clipFrac += minibatch.clipFrac
        gradNorm += minibatch.gradNorm
        minibatches += 1
    }

    /// The sums divided by the number of minibatch updates.
    func averaged() -> PPOUpdateStats {
        var mean = self
        let m = Double(max(minibatches, 1))
        mean.lossPi /= m
        mean.lossV /= m
        mean.entropy /= m
        mean.kl /= m
        mean.clipFrac /= m
        mean.gradNorm /= m
        return mean
    }
}

extension PPO {
    /// 1 − Var(R̂ − V)/Var(R̂) on the rollout (SB3's `explained_variance`), with the value targets
    /// of the policy that collected it.
    static func explainedVariance(returns: [Double], values: [Double]) -> Double {
        let residuals = zip(returns, values).map { $0 - $1 }
        let total = variance(returns)
        return total == 0 ? .nan : 1 - variance(residuals) / total
    }

    /// The log line of one iteration.
    static func log(
        iteration: Int, interactions: Int, rollout: Rollout, stats: PPOUpdateStats, explainedVariance: Double,
        learningRate: Double, time: Double
    ) -> PPOIterationLog {
        let returns = rollout.finishedEpisodes.map(\.totalReward)
        let lengths = rollout.finishedEpisodes.map { Double($0.length) }
        return PPOIterationLog(
            iteration: iteration, totalEnvInteracts: interactions,
            averageEpRet: returns.isEmpty ? .nan : returns.reduce(0, +) / Double(returns.count),
            stdEpRet: returns.isEmpty ? .nan : variance(returns, unbiased: false).squareRoot(),
            epLen: lengths.isEmpty ? .nan : lengths.reduce(0, +) / Double(lengths.count),
            episodes: returns.count, ctr: rollout.metrics.ctr,
            averageVVals: rollout.values.reduce(0, +) / Double(max(rollout.count, 1)),
            lossPi: stats.lossPi, lossV: stats.lossV, entropy: stats.entropy, kl: stats.kl,
            clipFrac: stats.clipFrac, explainedVariance: explainedVariance, learningRate: learningRate,
            gradNorm: stats.gradNorm, minibatches: stats.minibatches, stoppedEarly: stats.stoppedEarly, time: time)
    }
}

/// The variance of `values`: Σ (x − mean)² / n, or / (n − 1) when `unbiased`.
func variance(_ values: [Double], unbiased: Bool = false) -> Double {
    guard values.count > (unbiased ? 1 : 0) else { return 0 }
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return squares / Double(values.count - (unbiased ? 1 : 0))
}
