import Foundation

/// The file format of saved parameters: plain text, so a student can open it and read it.
///
///     RecRL parameters
///     version 2
///     count 2
///     weight 2 3
///     0.25 -0.125 0.5 1.0 0.0 -2.0
///     bias 1 3
///     0.0 0.0 0.0
///     end
///     sha256 5c1e…(64 hex digits)
///
/// After the header, each parameter is a line "name rows cols" and a line of its rows×cols values,
/// row-major, each written in Swift's shortest form that reads back to the same Double, so a
/// save/load round trip is exact. The closing "end" and the last line, the SHA-256 of every byte
/// before that line, show the file was written to its end and not changed since (a value edited
/// by hand or a bit flipped in a copy fails the check). Values are finite: NaN or ±∞ is refused
/// when saving and when loading. Files are written atomically (to a temporary file in the same
/// folder, then renamed), so a crash while saving never leaves half a file under the real name.
///
/// Version 1 (the same without the sha256 line) is not read: no chapter saved parameters before
/// version 2, and one format keeps one reading path; loading one says to save it again.
public enum ParameterFile {
    /// The format version this code writes and reads.
    public static let version = 2
    /// The first line of every parameter file.
    static let magic = "RecRL parameters"

    /// One saved parameter.
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var rows: Int
        public var cols: Int
        public var values: [Double]

        /// A parameter `name` of shape rows × cols with its values, row-major.
        public init(name: String, rows: Int, cols: Int, values: [Double]) {
            self.name = name
            self.rows = rows
            self.cols = cols
            self.values = values
        }
    }

    /// Writes named tensors to `url` atomically. A NaN or infinite value is refused
    /// (`ParameterFileError.nonFiniteValue`) and nothing is written.
    public static func write(_ parameters: [(name: String, tensor: Tensor)], to url: URL) throws {
        var text = "\(magic)\nversion \(version)\ncount \(parameters.count)\n"
        for (name, tensor) in parameters {
            precondition(
                !name.isEmpty && !name.contains(where: \.isWhitespace),
                "ParameterFile: parameter names must be non-empty without spaces, got \"\(name)\"")
            if let index = tensor.data.firstIndex(where: { !$0.isFinite }) {
                throw ParameterFileError.nonFiniteValue(path: url.path, name: name, index: index)
            }
            text += "\(name) \(tensor.rows) \(tensor.cols)\n"
            text += tensor.data.map { "\($0)" }.joined(separator: " ") + "\n"
        }
        text += "end\n"
        text += "\(checksumPrefix)\(SHA256.hex(text.utf8))\n"
        try writeAtomically(Data(text.utf8), to: url)
    }

    /// The start of the last line, before the 64 hex digits of the SHA-256.
    static let checksumPrefix = "sha256 "

    /// Splits the file's text into the part the checksum covers and the last line's digest, or
    /// nil if the text does not end with a complete "sha256 <64 hex digits>" line.
    static func splitChecksum(_ text: String) -> (body: Substring, digest: Substring)? {
        guard text.hasSuffix("\n") else { return nil }
        let withoutNewline = text.dropLast()
        guard let lineStart = withoutNewline.lastIndex(of: "\n").map({ withoutNewline.index(after: $0) }) else {
            return nil
        }
        let line = withoutNewline[lineStart...]
        guard line.hasPrefix(checksumPrefix) else { return nil }
        let digest = line.dropFirst(checksumPrefix.count)
        guard digest.count == 64, digest.allSatisfy(\.isHexDigit) else { return nil }
        return (text[..<lineStart], digest)
    }

    /// Reads every entry of the file at `url`, checking the header, the version, that the file is
    /// complete and matches its SHA-256, the shapes against the value counts, and that every value
    /// is finite.
    public static func read(from url: URL) throws -> [Entry] {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ParameterFileError.cannotRead(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParameterFileError.notAParameterFile(path: path)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var lineNumber = 0
        func nextLine() -> Substring {
            lineNumber += 1
            return lineNumber <= lines.count ? lines[lineNumber - 1] : ""
        }
        func malformed(_ detail: String) -> ParameterFileError {
            .malformed(path: path, line: lineNumber, detail: detail)
        }

        // The header: what the file is, and which version of the format.
        guard nextLine() == magic else { throw ParameterFileError.notAParameterFile(path: path) }
        let versionLine = nextLine()
        guard versionLine.hasPrefix("version "), let found = Int(versionLine.dropFirst("version ".count)) else {
            throw malformed("expected \"version N\", got \"\(versionLine.prefix(40))\"")
        }
        guard found == version else {
            throw ParameterFileError.unsupportedVersion(path: path, found: found, supported: version)
        }
        // A complete file ends with "end" and the checksum line: anything else was cut short (a full
        // disk, a killed copy); a checksum that differs means the file changed after it was written.
        guard let (body, digest) = splitChecksum(text), body.hasSuffix("\nend\n") else {
            throw ParameterFileError.truncated(
                path: path, detail: "it does not end with the closing \"end\" and \"sha256 …\" lines")
        }
        guard SHA256.hex(body.utf8) == digest.lowercased() else {
            throw ParameterFileError.checksumMismatch(path: path)
        }
        let countLine = nextLine()
        guard countLine.hasPrefix("count "), let count = Int(countLine.dropFirst("count ".count)), count >= 0 else {
            throw malformed("expected \"count N\", got \"\(countLine.prefix(40))\"")
        }

        // The parameters: a "name rows cols" line, then a line of rows × cols numbers.
        var entries: [Entry] = []
        for _ in 0..<count {
            let header = nextLine()
            let fields = header.split(separator: " ")
            guard fields.count == 3, let rows = Int(fields[1]), let cols = Int(fields[2]), rows >= 0, cols >= 0
            else { throw malformed("expected \"name rows cols\", got \"\(header.prefix(40))\"") }
            let name = String(fields[0])
            let words = nextLine().split(separator: " ")
            var values: [Double] = []
            values.reserveCapacity(words.count)
            for word in words {
                guard let v = Double(word) else { throw malformed("\"\(word.prefix(40))\" in \(name) is not a number") }
                guard v.isFinite else {
                    throw ParameterFileError.nonFiniteValue(path: path, name: name, index: values.count)
                }
                values.append(v)
            }
            guard values.count == rows * cols else {
                throw malformed("\(name) [\(rows), \(cols)] needs \(rows * cols) values, the line has \(values.count)")
            }
            entries.append(Entry(name: name, rows: rows, cols: cols, values: values))
        }
        guard nextLine() == "end" else { throw malformed("expected the closing \"end\" after \(count) parameters") }
        return entries
    }

    /// Writes to a temporary file beside `url` and renames it over `url` (rename is atomic on
    /// one file system), removing the temporary file if anything fails.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw ParameterFileError.cannotWrite(
                    path: url.path, reason: "rename failed: \(String(cString: strerror(errno)))")
            }
        } catch let error as ParameterFileError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ParameterFileError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }
}

/// What can be wrong with a parameter file. Each message names the file and what was expected.
public enum ParameterFileError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case notAParameterFile(path: String)
    case unsupportedVersion(path: String, found: Int, supported: Int)
    case truncated(path: String, detail: String)
    /// The SHA-256 on the last line is not that of the lines before it.
    case checksumMismatch(path: String)
    /// A value is NaN or ±∞ (parameter `name`, its `index`-th value, row-major).
    case nonFiniteValue(path: String, name: String, index: Int)
    case malformed(path: String, line: Int, detail: String)
    case missingParameter(path: String, name: String)
    case unexpectedParameter(path: String, name: String)
    case shapeMismatch(path: String, name: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .notAParameterFile(let path):
            "\(path) is not a RecRL parameter file (its first line is not \"\(ParameterFile.magic)\")"
        case .unsupportedVersion(let path, let found, let supported):
            "\(path) is parameter file version \(found), this code reads version \(supported) only "
                + "(save the parameters again with this code)"
        case .truncated(let path, let detail): "\(path) is truncated: \(detail)"
        case .checksumMismatch(let path):
            "\(path) is corrupt: its sha256 line does not match its contents (the file was changed or damaged "
                + "after it was saved)"
        case .nonFiniteValue(let path, let name, let index):
            "\(path): parameter \"\(name)\" has a non-finite value (NaN or ±∞) at index \(index)"
        case .malformed(let path, let line, let detail): "\(path), line \(line): \(detail)"
        case .missingParameter(let path, let name): "\(path) has no parameter \"\(name)\" (the module needs it)"
        case .unexpectedParameter(let path, let name):
            "\(path) has a parameter \"\(name)\" that the module does not have (a file of another network?)"
        case .shapeMismatch(let path, let name, let expected, let found):
            "\(path): parameter \"\(name)\" has shape \(found), the module needs \(expected)"
        }
    }

    public var errorDescription: String? { description }
}
