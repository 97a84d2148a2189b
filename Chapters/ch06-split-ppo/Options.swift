// The flags of ch06-split-ppo: `swift run ch06-split-ppo --help` prints them with their defaults.
import ArgumentParser
import Foundation
import RecRL

/// The three learners of the report's Figure 1 (and the split network with ratio 1, an ablation).
enum Algorithm: String, CaseIterable, ExpressibleByArgument {
    case ddpg, ppo, split
    var label: String {
        switch self {
        case .ddpg: "DDPG"
        case .ppo: "PPO"
        case .split: "split PPO"
        }
    }
}

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch06-split-ppo",
        abstract: "Chapter 6: split-feature PPO (the report's §3.3) and the report's Figure 1 (DDPG, PPO, split PPO).",
        discussion:
            "Wall time measured on the course's 2-core machine (debug build, after building): default 10 s (3 learners × 3 seeds, a learner's seeds at once on the 2 cores), --quick 2.5 s, --full 94 s (5 seeds and the ratio-1 ablation)."
    )

    @OptionGroup var chapter: ChapterOptions
    @OptionGroup var training: TrainingSteps

    @Option(
        parsing: .unconditional,
        help: "Static-tower updates happen once per this many minibatch updates (the report: 100; 1 = joint).")
    var updateRatio = SplitFeatureConfig().updateRatio

    @Option(parsing: .unconditional, help: "Seeds per algorithm (default 3; --quick 1, --full 5).")
    var seeds: Int?

    @Option(
        parsing: .unconditional, help: "Environment steps of DDPG per seed (default 1,000; --quick 200, --full 4,000).")
    var ddpgSteps: Int?

    @Option(help: "Which algorithms to train, comma-separated: ddpg,ppo,split.")
    var only: String = "ddpg,ppo,split"

    @Flag(help: "Also train the split network with ratio 1 (on in --full): is it the towers or the schedule?")
    var ablation = false

    @Option(parsing: .unconditional, help: "Customers in each point of the curves (the report: 50).")
    var customers = 50

    @Option(parsing: .unconditional, help: "Customers for the final normalised score of each run.")
    var scoreCustomers = 300

    @Option(parsing: .unconditional, help: "Points on each learning curve besides step 0.")
    var evaluations = 10

    /// PPO's flags, for PPO and split PPO alike (defaults: chapter 5's `PPOConfig.taobaoWorld`, in
    /// both worlds).
    @OptionGroup(title: "PPO and split PPO (the TaobaoWorld defaults, in both worlds)") var ppo: PPOOptions

    @OptionGroup var virtualTB: VirtualTBOption

    var algorithms: [Algorithm] { only.split(separator: ",").compactMap { Algorithm(rawValue: String($0)) } }

    mutating func validate() throws {
        try requireFlag("--update-ratio", updateRatio, in: 1...100_000)
        if let seeds { try requireFlag("--seeds", seeds, in: 1...100) }
        if let ddpgSteps, ddpgSteps < 2 { throw ValidationError("--ddpg-steps must be ≥ 2, got \(ddpgSteps)") }
        let names = only.split(separator: ",").map(String.init)
        if names.isEmpty || names.contains(where: { Algorithm(rawValue: $0) == nil }) {
            throw ValidationError("--only: expected a comma-separated list of ddpg, ppo, split; got '\(only)'")
        }
        try requireFlag("--customers", customers, in: 1...1_000_000)
        try requireFlag("--score-customers", scoreCustomers, in: 1...1_000_000)
        try requireFlag("--evaluations", evaluations, in: 1...10_000)
    }
}
