import ArgumentParser
import Foundation
import RecRL

extension LearnedSimulators.MAILTrainingCustomers: ExpressibleByArgument {}

/// The flags of chapter 8 (beside `ChapterOptions`: --seed, --out, --quick/--full, --no-plot).
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch08-mail",
        abstract:
            "Chapter 8: Virtual Taobao learned from the historical log — MAIL against behaviour cloning, judged against TaobaoWorld itself (the paper's Figure 4 and Table 2).",
        discussion:
            "Wall time measured on the course's 2-core machine (debug build, after building): default 64 s, --quick 7 s, --full 385 s (Table 2's 3 seeds at once on the 2 cores; tests and a build sharing the machine)."
    )

    @OptionGroup var chapter: ChapterOptions
    @OptionGroup var anc: ANCOptions

    @Option(
        parsing: .unconditional, help: "Sessions in each day's historical log (default 20,000; --quick 2,000).")
    var sessions: Int?

    @Option(parsing: .unconditional, help: "MAIL iterations (default 100; --quick 10; --full 300).")
    var mailIterations: Int?

    @Option(parsing: .unconditional, help: "Behaviour-cloning epochs (default 10; --quick 2; --full 20).")
    var epochs: Int?

    @Option(
        parsing: .unconditional,
        help: "TRPO iterations of 2,048 steps for each TRPO-ANC policy of Table 2 (default 10; --quick 1; --full 30).")
    var trpoIterations: Int?

    @Option(parsing: .unconditional, help: "Seeds of Table 2 (default 1; --full 3).")
    var seeds: Int?

    @Option(parsing: .unconditional, help: "Sessions per environment in every evaluation (default 4,000; --quick 500).")
    var evaluationSessions: Int?

    @Option(help: "A GAN-SD generator saved by chapter 7 (gan-sd-generator.params); default: train one here.")
    var generator: String?

    @Option(
        help:
            "How a page's reward comes from the discriminator: logit (log D − log(1 − D), default), positive (−log(1 − D)), negative (log D)."
    )
    var reward: RewardChoice = .logit

    @Option(
        help:
            "Who arrives in MAIL's sessions while it trains: logged (the log's customers, default) or generator (P^c, as Algorithm 2)."
    )
    var mailCustomers: LearnedSimulators.MAILTrainingCustomers = .logged

    @Flag(inversion: .prefixedNo, help: "Warm-start MAIL from behaviour cloning.")
    var warmStart = true

    @Flag(
        help:
            "Figure 5: TaobaoWorld with its time-of-day effect on purchases, the day's log cut into 12 parts, a simulator from each (on with --full)."
    )
    var overTheDay = false

    @Flag(help: "Train MAIL with your reward from the logit (Exercise 8.1).")
    var mine = false

    enum RewardChoice: String, ExpressibleByArgument, CaseIterable {
        case logit, positive, negative
        var reward: MAILReward {
            switch self {
            case .logit: .logit
            case .positive: .positive
            case .negative: .negative
            }
        }
    }

    func validate() throws {
        if let sessions { try requireFlag("--sessions", sessions, in: 200...1_000_000) }
        if let mailIterations { try requireFlag("--mail-iterations", mailIterations, in: 1...100_000) }
        if let epochs { try requireFlag("--epochs", epochs, in: 1...1_000) }
        if let trpoIterations { try requireFlag("--trpo-iterations", trpoIterations, in: 1...10_000) }
        if let seeds { try requireFlag("--seeds", seeds, in: 1...20) }
        if let evaluationSessions { try requireFlag("--evaluation-sessions", evaluationSessions, in: 50...1_000_000) }
        if let generator, !FileManager.default.fileExists(atPath: generator) {
            throw ValidationError("--generator \(generator) does not exist (chapter 7 writes gan-sd-generator.params)")
        }
    }
}
