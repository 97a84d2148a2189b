import Foundation

/// How a chapter stops on an error that is not a bad flag (flags are refused by the argument
/// parser with its usage text and exit status 64): an unusable results folder, a missing or
/// corrupt file, training that diverged. One message form and one exit status for all of them.
public enum ChapterExit {
    /// The exit status of a chapter that stopped on such an error.
    public static let failureStatus: Int32 = 1

    /// Prints `error: <message>` to standard error and exits with `failureStatus`.
    public static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(failureStatus)
    }
}
