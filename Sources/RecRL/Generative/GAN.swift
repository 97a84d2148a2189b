/// The plain GAN of the paper's Table 1 (Goodfellow et al. 2014) is GAN-SD without its
/// distribution terms: the same generator and discriminator, the same straight-through
/// Gumbel-softmax samples and Algorithm 1's schedule, with α = β = 0 and the non-saturating
/// generator objective
///
///     maximise over G   E[log D(G(z))]          (instead of E[D(G(z))] + α·H − β·KL)
///     maximise over D   E[log D(x)] + E[log(1 − D(G(z)))]
///
/// so any difference between the two rows of Table 1 is the distribution terms' doing.
public typealias GAN = GANSD

extension GAN {
    /// A plain GAN (`GANSDConfig.plainGAN`) with the given sizes and schedule of `base`.
    public static func plain(like base: GANSDConfig = GANSDConfig(), data: CustomerSet, rng: inout RNG) -> GAN {
        var config = GANSDConfig.plainGAN
        config.noiseSize = base.noiseSize
        config.generatorHidden = base.generatorHidden
        config.discriminatorHidden = base.discriminatorHidden
        config.batchSize = base.batchSize
        config.generatorSteps = base.generatorSteps
        config.generatorLearningRate = base.generatorLearningRate
        config.discriminatorLearningRate = base.discriminatorLearningRate
        config.temperature = base.temperature
        return GANSD(config: config, data: data, rng: &rng)
    }
}
