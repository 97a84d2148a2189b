import ArgumentParser
import Foundation

/// How long a chapter trains: `--quick` (a smoke run of a few seconds, used by tests and CI),
/// the default, or `--full` (the chapter page's headline numbers). Each chapter's `--help`
/// states the measured wall time of its budgets.
public enum Budget: String, EnumerableFlag, Sendable {
    case quick, standard, full

    public static func help(for value: Budget) -> ArgumentHelp? {
        switch value {
        case .quick: "A smoke run of a few seconds."
        case .standard: "The default budget (its measured time is in the chapter's description above)."
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
///         @OptionGroup var training: TrainingSteps   // only where the chapter trains
///         @Option(help: "Adam's learning rate.") var learningRate = 1e-3
///     }
///     let options = Options.parseOrExit()      // a bad flag prints the error and exits non-zero
///
/// Numeric options are declared with `parsing: .unconditional`, so that `--seed -1` reaches the
/// range check ("--seed must be …") instead of being read as an unknown flag.
public struct ChapterOptions: ParsableArguments, Sendable {
    @Option(parsing: .unconditional, help: "Random seed: the same seed gives the same numbers.")
    public var seed: UInt64 = 0

    @Option(
        help: ArgumentHelp(
            "Results folder (default: results/<chapter>).",
            discussion: "It must be new, empty, or the folder of an earlier run of the same chapter: "
                + "a folder holding other files is refused, so that no file is overwritten."))
    public var out: String?

    @Flag(help: "Training budget.")
    public var budget: Budget = .standard

    @Flag(name: .customLong("no-plot"), help: "Do not run gnuplot (the scripts and data are still written).")
    public var noPlot = false

    public init() {}

    public func validate() throws {
        if let out, out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--out needs a folder name, got an empty one")
        }
    }

    /// The chapter's notebook, writing into `--out` or `results/<chapter>`. The folder is claimed
    /// first (`ResultsFolder.claim`): a folder that must not or cannot be used stops the chapter
    /// here, before any work, with a message and exit status 1.
    public func notebook(chapter: String, title: String) -> Notebook {
        let directory = Notebook.resultsDirectory(chapter: chapter, out: out)
        do {
            try ResultsFolder.claim(directory, chapter: chapter)
        } catch {
            ChapterExit.fail("--out: \(error)")
        }
        return Notebook(title: title, directory: directory, gnuplot: noPlot ? .off : .standard)
    }
}

/// `--steps`, for the chapters that train: the training budget in the chapter's own unit
/// (environment steps, iterations or optimiser steps, as its help says), overriding `--quick` /
/// `--full`.
public struct TrainingSteps: ParsableArguments, Sendable {
    @Option(parsing: .unconditional, help: "Training steps (overrides the budget's default).")
    public var steps: Int?

    public init() {}

    public func validate() throws {
        if let steps, steps <= 0 {
            throw ValidationError("--steps must be a positive number, got \(steps)")
        }
    }

    /// `--steps` if given, else the budget's default.
    public func steps(_ budget: Budget, quick: Int, standard: Int, full: Int) -> Int {
        steps ?? [Budget.quick: quick, .standard: standard, .full: full][budget]!
    }

    /// The whole iterations of `stepsPerIteration` environment steps that cover `steps` (rounded
    /// up: an on-policy learner trains on whole rollouts). When that rounds, it says so in one line,
    /// so a budget is never changed in silence.
    public static func iterations(covering steps: Int, stepsPerIteration: Int) -> Int {
        let iterations = max(1, (steps + stepsPerIteration - 1) / stepsPerIteration)
        if iterations * stepsPerIteration != steps {
            print(
                "note: \(steps) environment steps rounded up to \(iterations) whole rollout"
                    + "\(iterations == 1 ? "" : "s") of \(stepsPerIteration) = \(iterations * stepsPerIteration) steps")
        }
        return iterations
    }
}
