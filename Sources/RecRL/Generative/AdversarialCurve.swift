/// What an adversarial trainer (GAN-SD, GAN, WGAN) logs while it trains: per logged iteration, the
/// discriminator's (critic's) loss, the generator's loss, and the mean KL of the paper's four
/// Table 1 columns between a generated sample and the training data (`DistributionMeasures.kl`).
public struct AdversarialCurve: Sendable, Equatable {
    /// The iteration (discriminator step) of each point, counted from 1.
    public var iterations: [Int] = []
    /// The discriminator's loss (BCE) or the critic's loss (−(E[f(x)] − E[f(G(z))])).
    public var discriminatorLoss: [Double] = []
    /// The generator's loss (the negated objective it maximises).
    public var generatorLoss: [Double] = []
    /// Mean over History, Purchase, Query, User of KL(generated ‖ training data).
    public var tableOneKL: [Double] = []
    /// Seconds of training (without the KL evaluations).
    public var seconds = 0.0

    public init() {}
}

extension AdversarialCurve {
    /// Runs `count` rounds of an adversarial trainer and logs them: `round(&rng)` does one round
    /// (GAN-SD: k generator steps, then a discriminator step; WGAN: n_critic critic steps, then a
    /// generator step) and returns its (discriminator or critic, generator) losses. Every
    /// `logEvery` rounds and at the last, the curve records both losses and the mean Table 1 KL of
    /// `evaluationSize` customers from `sample`, drawn with a generator seeded by the round so that
    /// logging does not move `rng`, against (the first 50,000 of) `data`. `seconds` leaves the
    /// evaluations out. `progress(round, meanKL)` is called at each log.
    static func trained(
        rounds count: Int, logEvery: Int, evaluationSize: Int, data: CustomerSet, rng: inout RNG,
        sample: (_ count: Int, _ rng: inout RNG) -> CustomerSet, progress: (Int, Double) -> Void,
        round: (inout RNG) -> (discriminatorLoss: Double, generatorLoss: Double)
    ) -> AdversarialCurve {
        var curve = AdversarialCurve()
        let start = ProgressLine.monotonicSeconds()
        var evaluating = 0.0
        for i in 1...max(count, 1) where count > 0 {
            let losses = round(&rng)
            if i % logEvery == 0 || i == count {
                let t = ProgressLine.monotonicSeconds()
                var evalRNG = RNG(seed: UInt64(i))
                let kl = DistributionMeasures.meanTableOneKL(sample(evaluationSize, &evalRNG), data.prefix(50_000))
                curve.iterations.append(i)
                curve.discriminatorLoss.append(losses.discriminatorLoss)
                curve.generatorLoss.append(losses.generatorLoss)
                curve.tableOneKL.append(kl)
                evaluating += ProgressLine.monotonicSeconds() - t
                progress(i, kl)
            }
        }
        curve.seconds = ProgressLine.monotonicSeconds() - start - evaluating
        return curve
    }
}
