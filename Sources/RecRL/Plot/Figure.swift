import Foundation

/// A figure drawn by gnuplot: a `LinePlot`, a `BarPlot` or a `Histogram`.
///
/// `write(to:name:)` keeps three files side by side in the folder:
///
///     name.gp    the gnuplot script, data inline: `cd folder && gnuplot name.gp` redraws the PNG
///     name.csv   the same data as CSV, for a spreadsheet or pandas
///     name.png   the picture, when gnuplot is installed
public protocol Figure: Sendable {
    /// The title above the plot.
    var title: String { get }
    /// The gnuplot commands that draw the figure once the terminal, output and title are set:
    /// labels, inline data blocks, the `plot` command.
    var gnuplotCommands: String { get }
    /// The figure's data as a CSV table.
    var data: CSV { get }
    /// The PNG's height in pixels (900 wide; 560 unless a figure needs more, as stacked panels do).
    var pixelHeight: Int { get }
}

extension Figure {
    public var pixelHeight: Int { 560 }

    /// The whole gnuplot script that writes `name.png` into the folder gnuplot runs in.
    ///
    /// It picks the `pngcairo` terminal when this gnuplot has it (anti-aliased, transparent
    /// fills) and the plain `png` terminal otherwise. Text is `noenhanced`, so `_` and `^` in
    /// names print as themselves.
    public func gnuplotScript(name: String) -> String {
        """
        # \(title.replacingOccurrences(of: "\n", with: " "))
        # Written by RecRL. Redraw \(name).png from this folder with:  gnuplot \(name).gp
        # The data is inline below, and also in \(name).csv.
        if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
            set terminal pngcairo size 900,\(pixelHeight) noenhanced font "Sans,11"
        } else {
            set terminal png size 900,\(pixelHeight) noenhanced
        }
        set output \(GnuplotText.quoted(name + ".png"))
        set title \(GnuplotText.quoted(title))

        """ + gnuplotCommands + "unset output\n"
    }

    /// Writes `name.gp` and `name.csv` into `directory` (created if missing) and asks `gnuplot`
    /// to draw `name.png`. Never throws and never stops the chapter: the outcome says whether the
    /// PNG was drawn and, if not, why.
    ///
    /// `name` is a plain file name without extension, e.g. `"learning-curve"`.
    public func write(to directory: URL, name: String, gnuplot: Gnuplot = .standard) -> PlotOutcome {
        precondition(
            !name.isEmpty && !name.contains("/"),
            "Figure.write: expected a plain file name without '/', got '\(name)'")
        let script = directory.appendingPathComponent(name + ".gp")
        let data = directory.appendingPathComponent(name + ".csv")
        let png = directory.appendingPathComponent(name + ".png")
        do {
            try AtomicFile.write(gnuplotScript(name: name), to: script)
            try self.data.write(to: data)
            // A PNG left from an earlier run must not pass for this one.
            if FileManager.default.fileExists(atPath: png.path) { try FileManager.default.removeItem(at: png) }
        } catch {
            return PlotOutcome(
                script: script, data: data, png: nil, failure: .cannotWriteFiles(message: "\(error)"))
        }
        if let failure = gnuplot.draw(script: script, png: png) {
            return PlotOutcome(script: script, data: data, png: nil, failure: failure)
        }
        return PlotOutcome(script: script, data: data, png: png, failure: nil)
    }
}
