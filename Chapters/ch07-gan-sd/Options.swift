import ArgumentParser
import Foundation
import RecRL

/// What V is, as typed on the command line.
extension GANSDConfig.Variable: ExpressibleByArgument {}

/// The flags of chapter 7 (beside `ChapterOptions`: --seed, --steps, --out, --quick/--full, --no-plot).
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch07-gan-sd",
        abstract:
            "Chapter 7: GAN-SD customer generation against a GMM, a GAN and a WGAN (the Virtual-Taobao paper's Table 1 and Figure 3), measured against TaobaoWorld's true customers.",
        discussion:
            "Wall time measured on the course's 2-core machine (debug build, after building): default 75 s, --quick 7 s, --full 119 s (3 seeds at once on the 2 cores)."
    )

    @OptionGroup var chapter: ChapterOptions
    @OptionGroup var training: TrainingSteps

    @Option(
        parsing: .unconditional,
        help: "Sessions in the historical log whose customers are the training data (default 100,000; --quick 5,000).")
    var sessions: Int?

    @Option(
        parsing: .unconditional,
        help: "Customers generated per method for the tables (the paper: 100,000; --quick 5,000).")
    var generated: Int?

    @Option(
        parsing: .unconditional,
        help: "WGAN generator iterations, each after n_critic critic steps (default: a third of --steps).")
    var wganIterations: Int?

    @Option(parsing: .unconditional, help: "Seeds of the headline table (default 1; --full 3).")
    var seeds: Int?

    @Option(parsing: .unconditional, help: "α, the weight of GAN-SD's entropy term (the paper: 1).")
    var alpha = GANSDConfig().alpha

    @Option(parsing: .unconditional, help: "β, the weight of GAN-SD's KL term (the paper: 1).")
    var beta = GANSDConfig().beta

    @Option(help: "V of GAN-SD's terms: customerCategory (the paper) or everyAttribute.")
    var variable = GANSDConfig().variable

    @Option(
        name: .customLong("k"), parsing: .unconditional,
        help: "k: generator steps per discriminator step (Algorithm 1, line 4).")
    var generatorSteps = GANSDConfig().generatorSteps

    @Option(parsing: .unconditional, help: "Adam's learning rate of the GAN and GAN-SD networks (both).")
    var learningRate = GANSDConfig().generatorLearningRate

    @Option(parsing: .unconditional, help: "τ of the straight-through Gumbel-softmax.")
    var temperature = GANSDConfig().temperature

    @Option(parsing: .unconditional, help: "Components of the GMM (the paper: 10).")
    var components = 10

    @Option(parsing: .unconditional, help: "Classes of the latent class model.")
    var classes = 10

    @Flag(help: "Train GAN-SD with your minibatch entropy and KL (Exercises 7.1, 7.2).")
    var mine = false

    /// GAN-SD's settings from the flags.
    var ganSDConfig: GANSDConfig {
        var config = GANSDConfig()
        config.alpha = alpha
        config.beta = beta
        config.variable = variable
        config.generatorSteps = generatorSteps
        config.generatorLearningRate = learningRate
        config.discriminatorLearningRate = learningRate
        config.temperature = temperature
        return config
    }

    mutating func validate() throws {
        if let sessions { try requireFlag("--sessions", sessions, in: 100...1_000_000) }
        if let generated { try requireFlag("--generated", generated, in: 100...1_000_000) }
        if let wganIterations { try requireFlag("--wgan-iterations", wganIterations, in: 1...1_000_000) }
        if let seeds, !(1...20).contains(seeds) { throw ValidationError("--seeds must be in 1...20, got \(seeds)") }
        guard alpha >= 0, alpha.isFinite else { throw ValidationError("--alpha must be ≥ 0, got \(alpha)") }
        guard beta >= 0, beta.isFinite else { throw ValidationError("--beta must be ≥ 0, got \(beta)") }
        guard (1...50).contains(generatorSteps) else {
            throw ValidationError("--k must be in 1...50, got \(generatorSteps)")
        }
        guard learningRate > 0, learningRate < 1 else {
            throw ValidationError("--learning-rate must be in (0, 1), got \(learningRate)")
        }
        guard temperature > 0, temperature <= 10 else {
            throw ValidationError("--temperature must be in (0, 10], got \(temperature)")
        }
        guard (1...100).contains(components) else {
            throw ValidationError("--components must be in 1...100, got \(components)")
        }
        guard (1...100).contains(classes) else { throw ValidationError("--classes must be in 1...100, got \(classes)") }
    }
}
