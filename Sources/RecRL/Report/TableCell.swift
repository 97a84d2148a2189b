import Foundation

/// One cell of a `Table` or a `CSV` row: text, an integer or a real number.
///
/// Literals convert on their own (`"random"`, `10`, `0.25`), and so do `String`, `Int` and
/// `Double` values through `TableCellConvertible`, so a row is written `table.row("PPO", ctr, steps)`.
public enum TableCell: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)

    /// Numbers are right-aligned in tables; text is left-aligned.
    public var isNumeric: Bool {
        if case .text = self { return false }
        return true
    }

    /// How a table shows a value that was not measured (NaN, e.g. an iteration without an
    /// evaluation).
    public static let notMeasured = "—"

    /// The cell as shown in a table: numbers with `precision` digits after the point; NaN as
    /// `notMeasured`.
    public func formatted(precision: Int) -> String {
        switch self {
        case .text(let s): s
        case .integer(let i): String(i)
        case .number(let x) where x.isNaN: TableCell.notMeasured
        case .number(let x): x.isFinite ? String(format: "%.\(precision)f", x) : "\(x)"
        }
    }

    /// The cell as written to a CSV file: numbers with every digit needed to read them back
    /// exactly (Swift's shortest round-trip form, e.g. `0.1`, `1e-07`).
    public var exact: String {
        switch self {
        case .text(let s): s
        case .integer(let i): String(i)
        case .number(let x): "\(x)"
        }
    }
}

extension TableCell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// A value that can stand in a table or CSV cell.
public protocol TableCellConvertible {
    var tableCell: TableCell { get }
}

extension TableCell: TableCellConvertible { public var tableCell: TableCell { self } }
extension String: TableCellConvertible { public var tableCell: TableCell { .text(self) } }
extension Substring: TableCellConvertible { public var tableCell: TableCell { .text(String(self)) } }
extension Int: TableCellConvertible { public var tableCell: TableCell { .integer(self) } }
extension Double: TableCellConvertible { public var tableCell: TableCell { .number(self) } }
extension Float: TableCellConvertible { public var tableCell: TableCell { .number(Double(self)) } }
