// The flags of ch05-ppo: `swift run ch05-ppo --help` prints them with their defaults.
import ArgumentParser
import Foundation
import RecRL

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch05-ppo",
        abstract: "Chapter 5: PPO-clip (the report's §3.2) with GAE, in TaobaoWorld or VirtualTB-v0.",
        discussion:
            "Wall time measured on the course's 2-core machine (debug build, after building): default 5 s, --quick 0.7 s, --full 43 s (measured before the vector kernels of December 2026)."
    )

    @OptionGroup var chapter: ChapterOptions
    @OptionGroup var training: TrainingSteps
    @OptionGroup(title: "PPO") var ppo: PPOOptions

    @OptionGroup var virtualTB: VirtualTBOption

    @Flag(help: "Train with your ppoClippedObjective (Exercises/ch05-ppo) in place of the library's.")
    var mine = false

    @Option(
        help: ArgumentHelp(
            "Scale observations by a running mean/std (CleanRL's NormalizeObservation): on or off.",
            discussion: "Default: off (it lowered TaobaoWorld's score: rare one-hot bits get huge z-scores)."))
    var normalizeObservations: OnOff?

    @Option(
        help: ArgumentHelp(
            "Write the trained policy (actor, critic and observation normaliser) to this file.",
            discussion: "The library's parameter format, versioned and checksummed; chapters 9 and 10 read it. "
                + "An existing file is replaced only if it is a saved policy."))
    var save: String?

    @Option(
        help: ArgumentHelp(
            "Start from the policy in this file (written with --save).",
            discussion: "Without --steps the run evaluates it and does not train; with --steps it trains on "
                + "from it (Adam starts afresh). The network flags must match the saved network's."))
    var load: String?

    @Option(parsing: .unconditional, help: "Customers in each evaluation (TaobaoWorld) or sessions (VirtualTB).")
    var evalCustomers = 300

    @Option(parsing: .unconditional, help: "Evaluate the deterministic policy every this many iterations.")
    var evalEvery = 2

    mutating func validate() throws {
        if let save {
            do { try SavedPolicy.checkDestination(save) } catch { throw ValidationError("--save: \(error)") }
        }
        if let load {
            do { _ = try ParameterFile.read(from: URL(fileURLWithPath: load)) } catch {
                throw ValidationError("--load: \(error)")
            }
        }
        try requireFlag("--eval-customers", evalCustomers, in: 1...1_000_000)
        try requireFlag("--eval-every", evalEvery, in: 1...10_000)
    }

    var normalizesObservations: Bool { normalizeObservations == .on }

    /// The PPO configuration the flags describe: in TaobaoWorld the course's setting
    /// `PPOConfig.taobaoWorld` (fewer, larger updates per step and a shorter horizon learn more per
    /// second of a debug build, annealed, log σ₀ = −1); on VirtualTB SB3's defaults, the comparison.
    var config: PPOConfig { ppo.configure(virtualTB.isGiven ? PPOConfig() : .taobaoWorld) }
}
