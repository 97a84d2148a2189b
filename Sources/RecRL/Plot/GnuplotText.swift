import Foundation

/// Small pieces of gnuplot syntax shared by the figures.
enum GnuplotText {
    /// A gnuplot string literal. In single quotes nothing is special except the quote itself,
    /// which is doubled (`it's` → `'it''s'`); a line break would end the command, so it becomes
    /// a space.
    static func quoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\n", with: " ") + "'"
    }

    /// A number in a data block: every digit needed to read it back exactly; `NaN` (which gnuplot
    /// skips) for a value that is not finite.
    static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "NaN" }

    /// A text column in a data block: double-quoted (so it may hold spaces), inner double quotes
    /// turned into single ones.
    static func dataText(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\"", with: "'") + "\""
    }

    /// An inline data block (`$name << EOD … EOD`, gnuplot ≥ 5.0), one line per row.
    static func dataBlock(_ name: String, rows: [[String]]) -> String {
        "$\(name) << EOD\n" + rows.map { $0.joined(separator: " ") + "\n" }.joined() + "EOD\n"
    }

    /// A `plot` command with one element per line.
    static func plot(_ elements: [String]) -> String {
        "plot \\\n    " + elements.joined(separator: ", \\\n    ") + "\n"
    }

    /// Colours told apart easily (matplotlib's "tab10"); series i gets colour i mod 10.
    static let palette = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    static func color(_ i: Int) -> String { "rgb '\(palette[i % palette.count])'" }
}
