// The flags of ch03-policy-gradient: `swift run ch03-policy-gradient --help` prints them with their defaults.
import ArgumentParser
import Foundation
import RecRL

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch03-policy-gradient",
        abstract: "Chapter 3: from the likelihood-ratio trick to GAE; REINFORCE with a learned baseline.",
        discussion: "Wall time measured on the course's 2-core machine (debug build, after building): default 8 s, --quick 1.5 s, --full 49 s.")

    @OptionGroup var chapter: ChapterOptions
    @OptionGroup var training: TrainingSteps

    @Option(parsing: .unconditional, help: "Adam's step size for the policy (Spinning Up: 3e-4; see the chapter page).")
    var learningRate = REINFORCEConfig().policyLearningRate

    @Option(parsing: .unconditional, help: "Adam's step size for the value function (Spinning Up: 1e-3).")
    var valueLearningRate = REINFORCEConfig().valueLearningRate

    @Option(parsing: .unconditional, help: "Discount γ (Spinning Up: 0.99).")
    var gamma = REINFORCEConfig().gamma

    @Option(parsing: .unconditional, help: "GAE's λ (Spinning Up: 0.97).")
    var lambda = REINFORCEConfig().lambda

    @Option(parsing: .unconditional, help: "Customers stepped together (N).")
    var environments = REINFORCEConfig().environments

    @Option(parsing: .unconditional, help: "Pages per customer slot per batch (T); a batch is N·T pages.")
    var stepsPerEnvironment = REINFORCEConfig().stepsPerEnvironment

    @Option(help: "Hidden sizes of the policy and value networks, e.g. 64,64 (Spinning Up), or 'linear'.")
    var hidden = "linear"

    @Option(parsing: .unconditional, help: "Initial log σ of the Gaussian policy (Spinning Up: −0.5).")
    var logStd = REINFORCEConfig().initialLogStd

    @Option(help: "The Ψ of the training run: total-return, reward-to-go, baseline or gae.")
    var weight = PolicyGradientWeight.gae

    @Option(
        parsing: .unconditional,
        help: "Batches drawn from the fixed policy for the variance table (default: by budget).")
    var batches: Int?

    @Option(
        parsing: .unconditional,
        help: "Batches for each Ψ's training run in the comparison (0 to skip; default: by budget).")
    var compareSteps: Int?

    @Option(
        parsing: .unconditional,
        help: "Evaluation customers (the same for the policy, the random and the oracle engine).")
    var customers: Int?

    @Flag(help: "Train with your gaeAdvantages (Exercise 3.2) in place of the library's GAE.")
    var mine = false

    var hiddenSizes: [Int] {
        hidden == "linear"
            ? [] : hidden.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    mutating func validate() throws {
        guard learningRate > 0, learningRate < 1 else {
            throw ValidationError("--learning-rate must be in (0, 1), got \(learningRate)")
        }
        guard valueLearningRate > 0, valueLearningRate < 1 else {
            throw ValidationError("--value-learning-rate must be in (0, 1), got \(valueLearningRate)")
        }
        guard (0...1).contains(gamma) else { throw ValidationError("--gamma must be in [0, 1], got \(gamma)") }
        guard (0...1).contains(lambda) else { throw ValidationError("--lambda must be in [0, 1], got \(lambda)") }
        try requireFlag("--environments", environments, in: 1...4_096)
        try requireFlag("--steps-per-environment", stepsPerEnvironment, in: 1...100_000)
        let parts = hidden.split(separator: ",", omittingEmptySubsequences: false)
        guard
            hidden == "linear"
                || parts.allSatisfy({ Int($0.trimmingCharacters(in: .whitespaces)).map { $0 > 0 } ?? false })
        else {
            throw ValidationError("--hidden must be 'linear' or positive sizes like 64,64, got '\(hidden)'")
        }
        guard logStd.isFinite, logStd > -5, logStd < 2 else {
            throw ValidationError("--log-std must be in (−5, 2), got \(logStd)")
        }
        if let batches { try requireFlag("--batches", batches, in: 2...100_000) }
        if let compareSteps, compareSteps < 0 {
            throw ValidationError("--compare-steps must be 0 or more, got \(compareSteps)")
        }
        if let customers { try requireFlag("--customers", customers, in: 1...1_000_000) }
    }
}

extension PolicyGradientWeight: ExpressibleByArgument {}

extension Options {
    /// The REINFORCE configuration the flags describe.
    var config: REINFORCEConfig {
        var config = REINFORCEConfig()
        config.policyLearningRate = learningRate
        config.valueLearningRate = valueLearningRate
        config.gamma = gamma
        config.lambda = lambda
        config.environments = environments
        config.stepsPerEnvironment = stepsPerEnvironment
        config.hiddenSizes = hiddenSizes
        config.initialLogStd = logStd
        config.weight = weight
        return config
    }
}
