import Foundation

/// A chapter's narrated walk-through: what it prints as it runs, and the Markdown report it
/// leaves in its results folder.
///
///     let notebook = Notebook(title: "Chapter 5 — PPO", directory: URL(fileURLWithPath: "results/ch05-ppo"))
///     notebook.heading("Training")
///     notebook.text("PPO-clip keeps each update close to the old policy ...")
///     notebook.table(results, caption: "CTR after training")
///     notebook.figure(curve, name: "ctr-curve", caption: "CTR while training, mean ± std over seeds")
///     try notebook.write()          // results/ch05-ppo/README.md
///
/// Every call both prints (headings underlined, tables aligned, where each figure went) and adds
/// to the Markdown (headings, paragraphs, Markdown tables, `![caption](name.png)` with links to
/// the figure's script and data). Figures are written into `directory`, beside the report, so
/// the links are relative.
public final class Notebook {
    /// The chapter's results folder: the report, figures, CSV and metrics go here.
    public let directory: URL
    /// How figures are drawn (`Gnuplot.off` for `--no-plot`).
    public let gnuplot: Gnuplot
    private let echo: (String) -> Void
    /// The Markdown so far.
    public private(set) var markdown: String
    /// Every measured time of the run (wall times, rates), written to `timings.json` by `finish`.
    /// Times live here and nowhere else in the results folder, so two runs with the same seed
    /// write byte-identical folders except for this one file (`diff -r` shows it alone).
    public var timings = Metrics()

    /// - Parameters:
    ///   - title: the report's top heading.
    ///   - directory: the results folder (created when something is written).
    ///   - gnuplot: how figures are drawn.
    ///   - echo: where the narration goes (default: standard output).
    public init(
        title: String, directory: URL, gnuplot: Gnuplot = .standard,
        echo: @escaping (String) -> Void = { print($0) }
    ) {
        self.directory = directory
        self.gnuplot = gnuplot
        self.echo = echo
        markdown = "# \(title)\n"
        echo(title + "\n" + String(repeating: "=", count: title.count))
    }

    /// The default results folder of a chapter: `results/<chapter>` under the current folder,
    /// or `out` when the user gave `--out`.
    public static func resultsDirectory(chapter: String, out: String? = nil) -> URL {
        URL(fileURLWithPath: out ?? "results/\(chapter)", isDirectory: true)
    }

    /// A section heading (`level` 2 is `##`, 3 is `###`).
    public func heading(_ text: String, level: Int = 2) {
        precondition((2...6).contains(level), "Notebook.heading: expected level 2...6, got \(level)")
        markdown += "\n" + String(repeating: "#", count: level) + " " + text + "\n"
        echo("\n" + text + "\n" + String(repeating: level == 2 ? "-" : "·", count: text.count))
    }

    /// A paragraph of prose.
    public func text(_ paragraph: String) {
        markdown += "\n" + paragraph + "\n"
        echo(paragraph)
    }

    /// A table: aligned text on screen, a Markdown table in the report, with an optional caption
    /// above it.
    public func table(_ table: Table, caption: String? = nil) {
        if let caption {
            markdown += "\n*\(caption)*\n"
            echo("\n" + caption)
        }
        markdown += "\n" + table.markdown + "\n"
        echo(table.text)
    }

    /// A line that is printed but not put in the report: a measured time, which would make two
    /// runs' reports differ (record the number in `timings` too).
    public func note(_ line: String) {
        echo(line)
    }

    /// A code or output block, shown verbatim.
    public func code(_ code: String, language: String = "") {
        markdown += "\n```\(language)\n" + code + (code.hasSuffix("\n") ? "" : "\n") + "```\n"
        echo(code)
    }

    /// Writes the figure into `directory` as `name.png` (with `name.gp` and `name.csv`), reports
    /// where it went, and links it from the report. When it was not drawn, the report still links
    /// the PNG's path (so that drawing it later completes the report) and, like the output, says
    /// why and how to draw it; the first time gnuplot is found missing, they say how to install it.
    @discardableResult
    public func figure(_ figure: some Figure, name: String, caption: String? = nil) -> PlotOutcome {
        let outcome = figure.write(to: directory, name: name, gnuplot: gnuplot)
        let label = caption ?? figure.title
        let links = "[script](\(name).gp) · [data](\(name).csv)"
        // The image is linked in any case, so that a figure drawn later with `gnuplot name.gp`
        // shows up in the report as it stands.
        markdown += "\n![\(label)](\(name).png)\n\n*\(label)* — \(links)"
        if let png = outcome.png {
            markdown += "\n"
            echo("[figure] \(png.path)")
        } else {
            let reason = outcome.failure.map(String.init(describing:)) ?? "unknown"
            markdown += " — not drawn by this run (\(reason)): `gnuplot \(name).gp` in this folder draws it\n"
            echo("[figure not drawn: \(reason)] script \(outcome.script.path), data \(outcome.data.path)")
            if case .gnuplotNotFound = outcome.failure, let hint = Gnuplot.installHintOnce() {
                markdown += "\n> \(hint)\n"
                echo(hint)
            }
        }
        return outcome
    }

    /// Writes the report to `directory/README.md`, atomically, and returns its location.
    @discardableResult
    public func write() throws -> URL {
        let url = directory.appendingPathComponent("README.md")
        try write(to: url)
        return url
    }

    /// Writes the report to `url`, atomically.
    public func write(to url: URL) throws { try AtomicFile.write(markdown, to: url) }

    /// The end of every chapter: writes the extra CSV files (`name.csv`), `metrics.json`,
    /// `timings.json` and the report into the results folder and says where the report is. If
    /// anything cannot be written it says why and exits with status 1, so a chapter never ends
    /// half-saved in silence.
    public func finish(metrics: Metrics, csvFiles: [(name: String, csv: CSV)] = []) {
        do {
            try save(metrics: metrics, csvFiles: csvFiles)
            echo("\nReport: \(directory.appendingPathComponent("README.md").path)")
        } catch {
            ChapterExit.fail("could not write the results: \(error)")
        }
    }

    /// Writes what `finish` writes, without ending the run: also what a run that stopped early
    /// (e.g. diverged) keeps of its work.
    public func save(metrics: Metrics, csvFiles: [(name: String, csv: CSV)] = []) throws {
        for file in csvFiles { try file.csv.write(to: directory.appendingPathComponent(file.name + ".csv")) }
        try metrics.write(to: directory.appendingPathComponent("metrics.json"))
        try timings.write(to: directory.appendingPathComponent("timings.json"))
        try write()
    }
}
