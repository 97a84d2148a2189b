// The flags of ch09-anc: `swift run ch09-anc --help` prints them with their defaults.
import ArgumentParser
import Foundation
import RecRL

extension TaobaoWorld.Reward: ExpressibleByArgument {}

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch09-anc",
        abstract:
            "Chapter 9: TRPO in a learned Virtual Taobao with and without ANC (the paper's eq. 3), deployed to TaobaoWorld.",
        discussion:
            "Wall time measured on the course's 2-core machine (debug build, after building): default 22 s, "
            + "--quick 2 s (quiet machine); --full 971 s and --virtualtb DIR 137 s measured earlier, loaded.")

    @OptionGroup var chapter: ChapterOptions
    @OptionGroup var anc: ANCOptions
    @OptionGroup(title: "Training (--steps: environment steps per run)") var training: TrainingSteps

    @Option(
        help: ArgumentHelp(
            "Train in the Virtual Taobao saved in this file (e.g. chapter 8's MAIL simulator) instead of building one.",
            discussion: "By default the chapter plays a fresh historical log and behaviour-clones the customer from it "
                + "(seconds). The file's reward is replaced by --reward."))
    var simulator: String?

    @Option(
        help: ArgumentHelp(
            "Write the simulator the chapter built to this file (readable by --simulator).",
            discussion: "VirtualTaobao's checksummed parameter format; an existing file is replaced."))
    var saveSimulator: String?

    @Option(parsing: .unconditional, help: "Sessions of the historical log the simulator is cloned from.")
    var sessions = 10_000

    @Option(
        parsing: .unconditional,
        help: "σ of the historical random engine whose log the simulator learns from (Engine.historicalSigma).")
    var logSigma = Engine.historicalSigma

    @Option(help: "What the engine is rewarded for in the simulator: purchase (R2P, the paper) or clicks.")
    var reward = TaobaoWorld.Reward.purchase

    @Option(parsing: .unconditional, help: "Seeds of each run (default 1; --full 3).")
    var seeds: Int?

    @Flag(help: "Also sweep ρ and μ (on with --full).")
    var sweep = false

    @Option(help: "Also train PPO with and without ANC: on or off.")
    var ppo = OnOff.on

    @Option(parsing: .unconditional, help: "Customers in each evaluation, in the simulator and in TaobaoWorld each.")
    var evalCustomers = 2_000

    @Option(parsing: .unconditional, help: "Evaluate every this many iterations (of 2,048 steps).")
    var evalEvery = 4

    @OptionGroup var virtualTB: VirtualTBOption

    @Flag(help: "Train with your ANC reward (Exercise 9.1) in place of the library's.")
    var mine = false

    mutating func validate() throws {
        if let simulator {
            do { _ = try VirtualTaobao.load(from: simulator) } catch { throw ValidationError("--simulator: \(error)") }
        }
        if simulator != nil && saveSimulator != nil {
            throw ValidationError(
                "--save-simulator writes the simulator the chapter builds; with --simulator it builds none")
        }
        try requireFlag("--sessions", sessions, in: 100...1_000_000)
        guard logSigma > 0, logSigma <= 10 else {
            throw ValidationError("--log-sigma must be in (0, 10], got \(logSigma)")
        }
        if let seeds { try requireFlag("--seeds", seeds, in: 1...20) }
        try requireFlag("--eval-customers", evalCustomers, in: 1...1_000_000)
        try requireFlag("--eval-every", evalEvery, in: 1...10_000)
    }
}
