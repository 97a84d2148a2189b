import Foundation

/// A chapter's results folder, claimed before any work starts, so that a run never overwrites a
/// file it did not write and never trains for minutes only to find the folder unwritable.
///
/// A folder may be used when it does not exist yet, is empty, or holds the marker file
/// `.recrl-results` of an earlier run of the *same* chapter. Claiming creates the folder and
/// writes the marker (which also proves that the folder is writable). Anything else — the course's
/// own folder (`--out .`), a chapter page's folder, another chapter's results, a file — is
/// refused with a `ResultsFolderError` that says what was found and what to do.
public enum ResultsFolder {
    /// The marker's file name. It holds one line: the chapter that wrote the folder.
    public static let markerName = ".recrl-results"

    /// Checks `directory` for `chapter`, creates it and writes the marker. Throws
    /// `ResultsFolderError` when the folder must not or cannot be used.
    public static func claim(_ directory: URL, chapter: String) throws {
        let manager = FileManager.default
        let path = directory.path
        let marker = directory.appendingPathComponent(markerName)
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ResultsFolderError.notAFolder(path: path) }
            let entries = ((try? manager.contentsOfDirectory(atPath: path)) ?? []).sorted()
            if !entries.isEmpty {
                guard entries.contains(markerName) else {
                    throw ResultsFolderError.foreignFiles(
                        path: path, chapter: chapter, examples: Array(entries.prefix(3)))
                }
                let owner = (try? String(contentsOf: marker, encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                guard owner == chapter else {
                    throw ResultsFolderError.otherChapter(path: path, chapter: chapter, owner: owner ?? "?")
                }
            }
        }
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data((chapter + "\n").utf8).write(to: marker, options: .atomic)
        } catch {
            throw ResultsFolderError.notWritable(path: path, reason: error.localizedDescription)
        }
    }
}

/// Why a results folder was refused.
public enum ResultsFolderError: Error, Equatable, CustomStringConvertible {
    /// The path names something that is not a folder.
    case notAFolder(path: String)
    /// The folder holds files that no run of a chapter wrote.
    case foreignFiles(path: String, chapter: String, examples: [String])
    /// The folder holds the results of another chapter.
    case otherChapter(path: String, chapter: String, owner: String)
    /// The folder cannot be created or written.
    case notWritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notAFolder(let path):
            "\(path) is a file, not a folder; choose a folder for the results"
        case .foreignFiles(let path, let chapter, let examples):
            "\(path) already holds files that no run of \(chapter) wrote (\(examples.joined(separator: ", "))"
                + "\(examples.count == 3 ? ", …" : "")); nothing was written. Choose an empty or new folder, "
                + "e.g. --out results/\(chapter)"
        case .otherChapter(let path, let chapter, let owner):
            "\(path) holds the results of \(owner), not \(chapter); nothing was written. Choose another folder, "
                + "e.g. --out results/\(chapter)"
        case .notWritable(let path, let reason):
            "cannot write the results folder \(path): \(reason)"
        }
    }
}
