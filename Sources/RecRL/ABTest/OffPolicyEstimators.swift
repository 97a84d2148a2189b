import Foundation

/// Off-policy evaluation on a logged bandit: each record is what the logging policy μ did — the
/// action's density (or probability) under μ, under the target policy π, and the reward it earned.
///
/// With importance weights wᵢ = π(aᵢ|sᵢ)/μ(aᵢ|sᵢ):
///
///     IPS   = (1/n) Σ wᵢ rᵢ                 unbiased when μ > 0 wherever π > 0, high variance
///     SNIPS = Σ wᵢ rᵢ / Σ wᵢ                self-normalised: biased (consistent), far less variance
///     ESS   = (Σ wᵢ)² / Σ wᵢ²               Kish's effective sample size: how many records the
///                                            weighted estimate is worth
///     DR    = (1/n) Σ [ r̂(sᵢ, π) + wᵢ (rᵢ − r̂(sᵢ, aᵢ)) ]   doubly robust, with a reward model r̂
///
/// The weights come in as log densities (`logTarget − logLogging`) because in 27 dimensions the
/// densities themselves underflow.
public struct LoggedBandit: Sendable, Equatable {
    public var logWeights: [Double]
    public var rewards: [Double]
    public init(logWeights: [Double], rewards: [Double]) {
        precondition(logWeights.count == rewards.count, "one weight per reward")
        self.logWeights = logWeights
        self.rewards = rewards
    }

    public var weights: [Double] { logWeights.map { Foundation.exp($0) } }

    public var ips: Double { zip(weights, rewards).reduce(0) { $0 + $1.0 * $1.1 } / Double(rewards.count) }

    public var snips: Double {
        let w = weights
        return zip(w, rewards).reduce(0) { $0 + $1.0 * $1.1 } / w.reduce(0, +)
    }

    public var effectiveSampleSize: Double {
        let w = weights
        let s = w.reduce(0, +)
        return s * s / w.reduce(0) { $0 + $1 * $1 }
    }

    /// The doubly robust estimate with a reward model: `modelAtTarget[i]` = r̂(sᵢ, π) (the model's
    /// expected reward under the target policy), `modelAtLogged[i]` = r̂(sᵢ, aᵢ).
    public func doublyRobust(modelAtTarget: [Double], modelAtLogged: [Double]) -> Double {
        let w = weights
        var sum = 0.0
        for i in 0..<rewards.count { sum += modelAtTarget[i] + w[i] * (rewards[i] - modelAtLogged[i]) }
        return sum / Double(rewards.count)
    }
}

/// The log density of N(mean, σ² I) at x.
public func gaussianLogDensity(_ x: [Double], mean: [Double], sigma: Double) -> Double {
    precondition(x.count == mean.count, "gaussianLogDensity: \(x.count) vs \(mean.count)")
    var q = 0.0
    for i in 0..<x.count {
        let d = (x[i] - mean[i]) / sigma
        q += d * d
    }
    return -0.5 * q - Double(x.count) * (Foundation.log(sigma) + 0.5 * Foundation.log(2 * Double.pi))
}
