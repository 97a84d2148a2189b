import ArgumentParser
import Foundation

/// How long a chapter trains: `--quick` (a smoke run of a few seconds, used by tests and CI),
/// the default (about a minute in the debug build), or `--full` (the chapter page's headline numbers).
public enum Budget: String, EnumerableFlag, Sendable {
    case quick, standard, full

    public static func help(for value: Budget) -> ArgumentHelp? {
        switch value {
        case .quick: "A smoke run of a few seconds."
        case .standard: "The default budget: about a minute in the debug build."
        case .full: "The longer run behind the chapter page's numbers."
        }
    }
}

/// The flags every chapter takes. A chapter adds its own hyperparameters beside these (it is a
/// `ParsableCommand` only so that `--help` and errors show the chapter's name):
///
///     struct Options: ParsableCommand {
///         static let configuration = CommandConfiguration(commandName: "ch05-ppo")
///         @OptionGroup var chapter: ChapterOptions
///         @Option(help: "Adam's learning rate.") var learningRate = 1e-3
///     }
///     let options = Options.parseOrExit()      // a bad flag prints the error and exits non-zero
public struct ChapterOptions: ParsableArguments, Sendable {
    @Option(help: "Random seed: the same seed gives the same numbers.")
    public var seed: UInt64 = 0

    @Option(help: "Training steps (overrides the budget's default).")
    public var steps: Int?

    @Option(help: "Results folder (default: results/<chapter>).")
    public var out: String?

    @Flag(help: "Training budget.")
    public var budget: Budget = .standard

    @Flag(name: .customLong("no-plot"), help: "Do not run gnuplot (the scripts and data are still written).")
    public var noPlot = false

    public init() {}

    public func validate() throws {
        if let steps, steps <= 0 {
            throw ValidationError("--steps must be a positive number, got \(steps)")
        }
    }

    /// `--steps` if given, else the budget's default.
    public func steps(quick: Int, standard: Int, full: Int) -> Int {
        steps ?? [Budget.quick: quick, .standard: standard, .full: full][budget]!
    }

    /// The chapter's notebook, writing into `--out` or `results/<chapter>`.
    public func notebook(chapter: String, title: String) -> Notebook {
        Notebook(
            title: title, directory: Notebook.resultsDirectory(chapter: chapter, out: out),
            gnuplot: noPlot ? .off : .standard)
    }
}
