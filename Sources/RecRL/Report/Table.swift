import Foundation

/// A table of results, printed aligned in the terminal and rendered as a Markdown table in the
/// chapter's report.
///
///     var table = Table(["engine", "CTR", "pages"], precision: 3)
///     table.row("random", 0.1234, 7)
///     table.row("oracle", 0.5, 12)
///     print(table.text)
///
///     engine    CTR  pages
///     ------  -----  -----
///     random  0.123      7
///     oracle  0.500     12
///
/// A column whose cells are all numbers is right-aligned (header included), so the decimal
/// points line up; any other column is left-aligned. Real numbers are shown with the column's
/// precision (digits after the point); integers as they are.
public struct Table: Sendable, Equatable {
    /// A column: its header and the digits shown after the point for real numbers.
    public struct Column: Sendable, Equatable {
        public var header: String
        public var precision: Int
        /// A column of measured times (seconds, rates): printed on screen but left out of the
        /// Markdown, so that two runs with the same seed write the same report (times go to
        /// `Notebook.timings`).
        public var isTiming: Bool

        public init(_ header: String, precision: Int = 3, isTiming: Bool = false) {
            precondition(precision >= 0, "Table.Column '\(header)': precision must be ≥ 0, got \(precision)")
            self.header = header
            self.precision = precision
            self.isTiming = isTiming
        }
    }

    public private(set) var columns: [Column]
    public private(set) var rows: [[TableCell]] = []

    /// A table whose columns all show real numbers with `precision` digits after the point.
    public init(_ headers: [String], precision: Int = 3) {
        self.init(columns: headers.map { Column($0, precision: precision) })
    }

    /// A table with a precision per column.
    public init(columns: [Column]) {
        precondition(!columns.isEmpty, "Table: expected at least one column, got none")
        self.columns = columns
    }

    /// Appends a row; it must have one cell per column.
    public mutating func row(_ cells: any TableCellConvertible...) { row(cells) }

    /// Appends a row; it must have one cell per column.
    public mutating func row(_ cells: [any TableCellConvertible]) {
        precondition(
            cells.count == columns.count,
            "Table.row: expected \(columns.count) cells (\(columns.map(\.header).joined(separator: ", "))), "
                + "got \(cells.count)")
        rows.append(cells.map(\.tableCell))
    }

    /// Whether column `c` is right-aligned: it has at least one cell and all of them are numbers.
    public func isRightAligned(_ c: Int) -> Bool {
        !rows.isEmpty && rows.allSatisfy { $0[c].isNumeric }
    }

    /// The cells as shown, row by row (without the header).
    public var formattedRows: [[String]] {
        rows.map { row in row.indices.map { row[$0].formatted(precision: columns[$0].precision) } }
    }

    /// The table as aligned plain text: header, a rule of dashes, the rows; two spaces between
    /// columns; no trailing spaces.
    public var text: String {
        let body = formattedRows
        let widths = columns.indices.map { c in
            ([columns[c].header] + body.map { $0[c] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.indices.map { c in
                let pad = String(repeating: " ", count: widths[c] - cells[c].count)
                return isRightAligned(c) ? pad + cells[c] : cells[c] + pad
            }
            return String(padded.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed())
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(columns.map(\.header)), rule] + body.map(line)).joined(separator: "\n")
    }

    /// The table as a GitHub-flavoured Markdown table, numbers right-aligned (`---:`), without
    /// the timing columns. A `|` in a cell is escaped as `\|`.
    public var markdown: String {
        let kept = columns.indices.filter { !columns[$0].isTiming }
        func line(_ cells: [String]) -> String {
            "| " + kept.map { cells[$0].replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        let alignment = kept.map { isRightAligned($0) ? "---:" : ":---" }
        return
            ([line(columns.map(\.header)), "|" + alignment.joined(separator: "|") + "|"]
            + formattedRows.map(line)).joined(separator: "\n")
    }
}
