import Foundation
import RecRL

/// Speed of chapter 7's customer generators: GAN-SD training iterations per second (one generator
/// step and one discriminator step on minibatches of 256, the default networks), and WGAN generator
/// iterations per second (each after 5 critic steps).
func benchGANSD() -> [(String, Double)] {
    var rng = RNG(seed: 1)
    let data = CustomerSet(population: TaobaoWorld().truth.population, count: 10_000, rng: &rng)
    let ganSD = GANSD(config: GANSDConfig(), data: data, rng: &rng)
    let sd = callsPerSecond {
        ganSD.generatorStep(rng: &rng)
        ganSD.discriminatorStep(rng: &rng)
    }
    let wgan = WGAN(config: WGANConfig(), data: data, rng: &rng)
    let w = callsPerSecond {
        for _ in 0..<5 { wgan.criticStep(rng: &rng) }
        wgan.generatorStep(rng: &rng)
    }
    return [("GAN-SD training iterations/s (batch 256)", sd), ("WGAN generator iterations/s (n_critic 5)", w)]
}
