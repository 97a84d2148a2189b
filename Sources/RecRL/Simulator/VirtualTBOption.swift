import ArgumentParser
import Foundation

/// `--virtualtb DIR`, the one way a chapter is pointed at the published VirtualTB-v0 weights, with
/// its one loader, one message and one exit code:
///
///     struct Options: ParsableCommand {
///         @OptionGroup var chapter: ChapterOptions
///         @OptionGroup var virtualTB: VirtualTBOption
///     }
///     let options = Options.parseOrExit()
///     let models = options.virtualTB.loadOrExit()   // nil without --virtualtb
///
/// `loadOrExit()` runs every check of `VirtualTBModels(directory:)` — the folder exists, the
/// manifest is complete, every file has its size and the manifest's SHA-256, no weight is NaN or
/// infinite, the networks have the original's sizes — before the chapter does any work. A folder
/// that fails one stops the chapter with `Error: --virtualtb DIR: <what is wrong, naming the file>`
/// on standard error and exit code 64, the code of every other rejected command-line value.
public struct VirtualTBOption: ParsableArguments, Sendable {
    @Option(
        name: .customLong("virtualtb"),
        help: ArgumentHelp(
            "A folder of the published VirtualTB-v0 weights (manifest.json and the *.f32 files it lists, "
                + "each checked against its sha256) for this chapter's VirtualTB-v0 part.",
            valueName: "DIR"))
    public var directory: String?

    public init() {}

    /// The exit code of a chapter whose `--virtualtb` folder cannot be used: 64 (EX_USAGE, what
    /// ArgumentParser returns for any other bad command-line value).
    public static let exitCode: Int32 = 64

    /// The line a chapter prints when the folder cannot be used.
    public static func message(directory: String, error: VirtualTBError) -> String {
        "Error: --virtualtb \(directory): \(error)"
    }

    /// Whether `--virtualtb` was given.
    public var isGiven: Bool { directory != nil }

    /// The networks in `--virtualtb DIR`, or nil when the option was not given.
    public func load() throws(VirtualTBError) -> VirtualTBModels? {
        guard let directory else { return nil }
        return try VirtualTBModels(directory: directory)
    }

    /// `load()`, or, for a folder that cannot be used, `message` on standard error and exit
    /// code `exitCode`.
    public func loadOrExit() -> VirtualTBModels? {
        do {
            return try load()
        } catch {
            FileHandle.standardError.write(Data((Self.message(directory: directory ?? "", error: error) + "\n").utf8))
            Foundation.exit(Self.exitCode)
        }
    }
}
