import Foundation

/// Writing a file so that a reader never sees half of it.
///
/// The text goes to a temporary file in the same folder, which is then renamed over the target
/// (`rename(2)` is atomic within one file system). A chapter killed mid-write therefore leaves
/// either the old file or the new one, never a truncated report. Missing folders are created.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `url`, atomically. Throws `ReportError.cannotWrite` with the path
    /// and the reason when the folder cannot be created or the file cannot be written.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Writes `data` to `url`, atomically (Foundation's `.atomic`: temp file in the same folder,
    /// then rename).
    public static func write(_ data: Data, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw ReportError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }
}

/// A file of the report could not be written or read back.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// The folder or the file could not be written.
    case cannotWrite(path: String, reason: String)
    /// A file exists but is not what it should be (e.g. `metrics.json` is not a JSON object).
    case badFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .badFile(let path, let reason): "bad file \(path): \(reason)"
        }
    }
}
