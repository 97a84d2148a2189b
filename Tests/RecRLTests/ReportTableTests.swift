import Foundation
import RecRL
import Testing

@Suite("Report: tables")
struct ReportTableTests {
    func example() -> Table {
        var table = Table(["engine", "CTR", "pages"], precision: 3)
        table.row("random", 0.1234, 7)
        table.row("oracle", 0.5, 12)
        return table
    }

    @Test("numbers are right-aligned with the column's precision, text left-aligned")
    func alignedText() {
        // Widths: engine 6, CTR max("CTR", "0.123", "0.500") = 5, pages max("pages", "7", "12") = 5.
        let expected = """
            engine    CTR  pages
            ------  -----  -----
            random  0.123      7
            oracle  0.500     12
            """
        #expect(example().text == expected)
    }

    @Test("the same table renders as Markdown with numeric columns right-aligned")
    func markdown() {
        let expected = """
            | engine | CTR | pages |
            |:---|---:|---:|
            | random | 0.123 | 7 |
            | oracle | 0.500 | 12 |
            """
        #expect(example().markdown == expected)
    }

    @Test("per-column precision, and a column with any text in it is left-aligned")
    func perColumnPrecisionAndMixedColumns() {
        var table = Table(columns: [.init("name"), .init("loss", precision: 1), .init("note")])
        table.row("a", 2.25, 3)
        table.row("bb", 10.0, "-")
        let expected = """
            name  loss  note
            ----  ----  ----
            a      2.2  3
            bb    10.0  -
            """
        #expect(table.text == expected)
        #expect(table.markdown.contains("|:---|---:|:---|"))
    }

    @Test("a | inside a cell is escaped in Markdown")
    func markdownEscapesPipes() {
        var table = Table(["a|b"])
        table.row("x|y")
        #expect(table.markdown == "| a\\|b |\n|:---|\n| x\\|y |")
    }
}
