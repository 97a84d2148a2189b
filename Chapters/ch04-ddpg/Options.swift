// The flags of ch04-ddpg: `swift run ch04-ddpg --help` prints them with their defaults.
import ArgumentParser
import Foundation
import RecRL

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch04-ddpg", abstract: "Chapter 4: DDPG (the report's Algorithm 1), and TD3 with --td3.",
        discussion: "Wall time measured on the course's 2-core machine (debug build, after building): default 9 s (12–21 s before the vector kernels of December 2026), --quick 1.0 s, --full 116 s (measured before them).")

    @OptionGroup var chapter: ChapterOptions
    @OptionGroup var training: TrainingSteps

    @Flag(help: "Train TD3 (Fujimoto et al. 2018) instead of DDPG.")
    var td3 = false

    @OptionGroup var virtualTB: VirtualTBOption

    @Option(parsing: .unconditional, help: "Minibatch size (Spinning Up 100, CleanRL 256).")
    var batchSize = DDPGConfig().batchSize

    @Option(parsing: .unconditional, help: "σ of the Gaussian exploration noise (Spinning Up and CleanRL 0.1).")
    var explorationNoise = DDPGConfig().explorationNoise

    @Option(
        parsing: .unconditional,
        help: "Uniformly random actions for this many first steps (default: the config's, capped at steps/4).")
    var randomSteps: Int?

    @Option(
        parsing: .unconditional, help: "No updates before this many steps (default: the config's, capped at steps/4).")
    var updateAfter: Int?

    @Option(parsing: .unconditional, help: "Discount γ.")
    var gamma = DDPGConfig().gamma

    @Option(parsing: .unconditional, help: "Polyak coefficient ρ of the target networks (τ = 1 − ρ).")
    var rho = DDPGConfig().rho

    @Option(parsing: .unconditional, help: "Adam's learning rate for the actor.")
    var actorLearningRate = DDPGConfig().actorLearningRate

    @Option(parsing: .unconditional, help: "Adam's learning rate for the critic(s).")
    var criticLearningRate = DDPGConfig().criticLearningRate

    @Option(
        parsing: .unconditional, help: "Environment steps between gradient phases (update-to-data ratio = 1 / this).")
    var trainFrequency = DDPGConfig().trainFrequency

    @Option(
        parsing: .unconditional,
        help: "Gradient steps in each update phase (update-to-data ratio = this / train frequency).")
    var gradientSteps = DDPGConfig().gradientSteps

    @Option(
        parsing: .unconditional, help: "Replay buffer capacity in transitions (the oldest are overwritten when full).")
    var bufferSize = DDPGConfig().bufferSize

    @Option(parsing: .unconditional, help: "Environments stepped in lockstep (one batched actor pass for all of them).")
    var environments = DDPGConfig().environments

    @Option(parsing: .unconditional, help: "Customers in each evaluation (the same seeded customers for every engine).")
    var customers = 300

    @Option(parsing: .unconditional, help: "Points on the learning curve (besides step 0).")
    var evaluations = 8

    mutating func validate() throws {
        try requireFlag("--batch-size", batchSize, in: 1...65_536)
        guard explorationNoise >= 0 else {
            throw ValidationError("--exploration-noise must be ≥ 0, got \(explorationNoise)")
        }
        if let randomSteps, randomSteps < 0 { throw ValidationError("--random-steps must be ≥ 0, got \(randomSteps)") }
        if let updateAfter, updateAfter < 0 { throw ValidationError("--update-after must be ≥ 0, got \(updateAfter)") }
        guard (0...1).contains(gamma) else { throw ValidationError("--gamma must be in [0, 1], got \(gamma)") }
        guard (0..<1).contains(rho) else { throw ValidationError("--rho must be in [0, 1), got \(rho)") }
        guard actorLearningRate > 0, actorLearningRate < 1 else {
            throw ValidationError("--actor-learning-rate must be in (0, 1), got \(actorLearningRate)")
        }
        guard criticLearningRate > 0, criticLearningRate < 1 else {
            throw ValidationError("--critic-learning-rate must be in (0, 1), got \(criticLearningRate)")
        }
        try requireFlag("--train-frequency", trainFrequency, in: 1...100_000)
        try requireFlag("--gradient-steps", gradientSteps, in: 1...100_000)
        try requireFlag("--buffer-size", bufferSize, in: 1...10_000_000)
        try requireFlag("--environments", environments, in: 1...4_096)
        try requireFlag("--customers", customers, in: 1...1_000_000)
        try requireFlag("--evaluations", evaluations, in: 1...10_000)
    }
}

extension Options {
    /// The DDPG (or TD3) configuration the flags describe, for a run of `steps` environment steps
    /// (the random-action and no-update phases are capped at a quarter of the run).
    func config(steps: Int) -> DDPGConfig {
        var config = td3 ? DDPGConfig.td3 : DDPGConfig()
        config.batchSize = batchSize
        config.explorationNoise = explorationNoise
        config.randomSteps = randomSteps ?? min(config.randomSteps, steps / 4)
        config.updateAfter = updateAfter ?? min(config.updateAfter, steps / 4)
        config.gamma = gamma
        config.rho = rho
        config.actorLearningRate = actorLearningRate
        config.criticLearningRate = criticLearningRate
        config.trainFrequency = trainFrequency
        config.gradientSteps = gradientSteps
        config.environments = environments
        config.bufferSize = bufferSize
        return config
    }
}
