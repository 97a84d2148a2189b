/// Running mean and variance of observations, and observations scaled by them — CleanRL's PPO
/// setting (`gym.wrappers.NormalizeObservation`, then a clip to [−10, 10]):
///
///     ŝ = clip((s − μ) / √(σ² + 1e-8), −10, 10)
///
/// μ and σ² are the mean and (population) variance of every observation seen so far, merged batch
/// by batch with Chan et al.'s parallel formula as gym's `RunningMeanStd` (which starts from a
/// pseudo-count of 1e-4 at μ = 0, σ² = 1). TaobaoWorld's last three features are raw counts (up to
/// 10 clicks on a page, dozens per session, 15 pages) beside 88 one-hot bits; scaling puts them on
/// one footing for tanh networks.
///
/// It is a class so that N environments (`ObservationNormalized`) share one set of statistics,
/// and an evaluation can read them (`normalize`) without updating them.
public final class ObservationNormalizer {
    /// μ, per feature.
    public private(set) var mean: [Double]
    /// σ², per feature.
    public private(set) var variance: [Double]
    /// Observations seen (plus gym's initial 1e-4).
    public private(set) var count: Double
    /// When true, `observe` leaves the statistics alone (for evaluation).
    public var isFrozen = false
    /// Normalised values are clipped to [−clip, clip].
    public let clip: Double

    public init(size: Int, clip: Double = 10) {
        precondition(size > 0, "ObservationNormalizer needs a positive size, got \(size)")
        precondition(clip > 0, "ObservationNormalizer: clip must be positive, got \(clip)")
        mean = [Double](repeating: 0, count: size)
        variance = [Double](repeating: 1, count: size)
        count = 1e-4
        self.clip = clip
    }

    /// A normaliser with given statistics (e.g. read back from a saved policy). Precondition: μ
    /// and σ² have the same positive length, σ² ≥ 0, count > 0.
    public init(mean: [Double], variance: [Double], count: Double, clip: Double = 10) {
        precondition(!mean.isEmpty && mean.count == variance.count, "ObservationNormalizer: μ and σ² lengths differ")
        precondition(variance.allSatisfy { $0 >= 0 } && count > 0, "ObservationNormalizer: σ² ≥ 0 and count > 0")
        self.mean = mean
        self.variance = variance
        self.count = count
        self.clip = clip
    }

    /// Merges one observation into μ and σ² (unless frozen).
    public func observe(_ observation: [Double]) {
        precondition(
            observation.count == mean.count,
            "ObservationNormalizer: expected \(mean.count) features, got \(observation.count)")
        if isFrozen { return }
        // Chan et al. with a batch of one: δ = x − μ, μ ← μ + δ/n', M ← M_a + δ²·n/n'.
        let total = count + 1
        for i in mean.indices {
            let delta = observation[i] - mean[i]
            let m2 = variance[i] * count + delta * delta * count / total
            mean[i] += delta / total
            variance[i] = m2 / total
        }
        count = total
    }

    /// (s − μ) / √(σ² + 1e-8), clipped to [−clip, clip].
    public func normalize(_ observation: [Double]) -> [Double] {
        precondition(
            observation.count == mean.count,
            "ObservationNormalizer: expected \(mean.count) features, got \(observation.count)")
        return observation.indices.map { i in
            let z = (observation[i] - mean[i]) / (variance[i] + 1e-8).squareRoot()
            return Swift.min(Swift.max(z, -clip), clip)
        }
    }
}

/// An environment whose observations are scaled by a shared `ObservationNormalizer`, which learns
/// from every observation it returns (gym's `NormalizeObservation` wrapper). Give all N copies of
/// a rollout one normaliser; evaluate a trained policy on `normalizer.normalize(observation)`
/// (or through this wrapper with the normaliser frozen).
public struct ObservationNormalized<Base: Environment>: Environment {
    /// The wrapped environment.
    public var base: Base
    /// The shared statistics.
    public let normalizer: ObservationNormalizer

    public init(_ base: Base, normalizer: ObservationNormalizer) {
        precondition(
            normalizer.mean.count == base.observationSize,
            "ObservationNormalized: the normaliser has \(normalizer.mean.count) features, the environment "
                + "\(base.observationSize)")
        self.base = base
        self.normalizer = normalizer
    }

    public var observationSize: Int { base.observationSize }
    public var actionSize: Int { base.actionSize }

    public mutating func reset(seed: UInt64?) -> [Double] {
        let observation = base.reset(seed: seed)
        normalizer.observe(observation)
        return normalizer.normalize(observation)
    }

    public mutating func step(_ action: [Double]) -> StepResult {
        var result = base.step(action)
        normalizer.observe(result.observation)
        result.observation = normalizer.normalize(result.observation)
        return result
    }
}
