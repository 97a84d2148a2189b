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
