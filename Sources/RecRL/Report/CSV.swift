import Foundation

/// A comma-separated table of raw numbers, for students to load into a spreadsheet or pandas.
///
///     var csv = CSV(header: ["step", "ctr"])
///     csv.row(100, 0.25)
///     try csv.write(to: directory.appendingPathComponent("curve.csv"))
///
/// Numbers keep every digit (`0.1`, `1e-07`), unlike a `Table`. Fields are quoted as RFC 4180
/// says: a field containing a comma, a double quote, a line break, or leading/trailing spaces is
/// wrapped in double quotes, and each double quote inside it is doubled (`say "hi"` →
/// `"say ""hi"""`). Lines end with `\n`.
public struct CSV: Sendable, Equatable {
    public private(set) var header: [String]
    public private(set) var rows: [[TableCell]] = []

    public init(header: [String]) {
        precondition(!header.isEmpty, "CSV: expected at least one column, got none")
        self.header = header
    }

    /// Appends a row; it must have one cell per column.
    public mutating func row(_ cells: any TableCellConvertible...) { row(cells) }

    /// Appends a row; it must have one cell per column.
    public mutating func row(_ cells: [any TableCellConvertible]) {
        precondition(
            cells.count == header.count,
            "CSV.row: expected \(header.count) cells (\(header.joined(separator: ", "))), got \(cells.count)")
        rows.append(cells.map(\.tableCell))
    }

    /// One field, quoted if it has to be.
    public static func quoted(_ field: String) -> String {
        let needsQuotes =
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The whole file: the header line, then one line per row.
    public var text: String {
        let lines = [header.map(CSV.quoted)] + rows.map { $0.map { CSV.quoted($0.exact) } }
        return lines.map { $0.joined(separator: ",") + "\n" }.joined()
    }

    /// Writes the file atomically (see `AtomicFile`).
    public func write(to url: URL) throws { try AtomicFile.write(text, to: url) }
}
