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

extension GANSDConfig {
    /// The plain GAN with every other setting at its default.
    public static var plainGAN: GANSDConfig { plainGAN(like: GANSDConfig()) }

    /// The plain GAN with the sizes, schedule, learning rates and temperature of `base`.
    public static func plainGAN(like base: GANSDConfig) -> GANSDConfig {
        var config = base
        config.alpha = 0
        config.beta = 0
        config.adversarialTerm = .logProbability
        config.terms = .library
        return config
    }
}
