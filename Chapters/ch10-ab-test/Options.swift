import ArgumentParser
import Foundation
import RecRL

/// The flags of chapter 10 (beside `ChapterOptions`: --seed, --out, --quick/--full, --no-plot).
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch10-ab-test",
        abstract:
            "Chapter 10: RL trained in a learned Virtual Taobao against the supervised engines SL1 and SL2 (eqs. 4–5) in an online A/B test on TaobaoWorld, and offline evaluation (simulator, IPS, SNIPS) beside it.",
        discussion: "Wall time measured on the course's 2-core machine (debug build, after building): see README.md."
    )

    @OptionGroup var chapter: ChapterOptions
    @OptionGroup var anc: ANCOptions

    @Option(parsing: .unconditional, help: "Sessions in the historical log (default 20,000; --quick 2,000).")
    var sessions: Int?

    @Option(help: "A Virtual Taobao saved by chapter 8 (virtual-taobao-mail.params); default: build one here.")
    var simulator: String?

    @Option(
        parsing: .unconditional,
        help: "MAIL iterations when the simulator is built here (default 100; --quick 3; --full 200).")
    var mailIterations: Int?

    @Option(
        parsing: .unconditional,
        help: "Epochs of SL1 and SL2 over the purchase pages (default 50; --quick 20; --full 100).")
    var epochs: Int?

    @Option(
        parsing: .unconditional,
        help: "TRPO-ANC iterations of 2,048 pages in the simulator (default 20; --quick 1; --full 50).")
    var trpoIterations: Int?

    @Option(
        parsing: .unconditional,
        help: "PPO steps in TaobaoWorld for the reference engine (default 40,960; --quick 2,048).")
    var ppoSteps: Int?

    @Option(
        parsing: .unconditional,
        help: "Customers per engine in the A/B test (default 20,000; --quick 400; --full 50,000).")
    var customers: Int?

    @Option(parsing: .unconditional, help: "Bootstrap resamples (default 1,000; --quick 200).")
    var resamples: Int?

    @Option(
        parsing: .unconditional,
        help: "κ: the stochastic version of an engine for IPS is N(κσ·π(s)/|π(s)|, σ²I), σ = 0.1 (default 1).")
    var ipsShift = 1.0

    func validate() throws {
        if let sessions { try requireFlag("--sessions", sessions, in: 200...1_000_000) }
        if let mailIterations { try requireFlag("--mail-iterations", mailIterations, in: 1...100_000) }
        if let epochs { try requireFlag("--epochs", epochs, in: 1...1_000) }
        if let trpoIterations { try requireFlag("--trpo-iterations", trpoIterations, in: 1...10_000) }
        if let ppoSteps { try requireFlag("--ppo-steps", ppoSteps, in: 256...10_000_000) }
        if let customers { try requireFlag("--customers", customers, in: 50...1_000_000) }
        if let resamples { try requireFlag("--resamples", resamples, in: 20...100_000) }
        guard ipsShift >= 0 && ipsShift.isFinite else { throw ValidationError("--ips-shift must be ≥ 0") }
        if let simulator, !FileManager.default.fileExists(atPath: simulator) {
            throw ValidationError(
                "--simulator \(simulator) does not exist (chapter 8 writes virtual-taobao-mail.params)")
        }
    }
}
