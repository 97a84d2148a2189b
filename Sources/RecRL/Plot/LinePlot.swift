import Foundation

/// Lines against a shared x axis: learning curves, with mean ± std bands over seeds and dashed
/// horizontal reference lines (the random and oracle engines).
///
///     var plot = LinePlot(title: "CTR while training", xLabel: "step", yLabel: "CTR")
///     plot.band(name: "PPO (5 seeds)", x: steps, runs: ctrPerSeed)
///     plot.line(name: "DDPG", x: steps, y: ddpgCTR)
///     plot.hline(name: "random engine", y: 0.12)
///     plot.hline(name: "oracle", y: 0.41)
///     let outcome = plot.write(to: folder, name: "ctr-curve")
///
/// Each series gets its own colour, in the order added. Bands are drawn first (a translucent
/// fill from mean − std to mean + std, with the mean as a solid line on top), then lines, then
/// the reference lines, dashed, across the whole x range.
public struct LinePlot: Figure {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Draw the y axis on a log scale (for losses that fall over decades). Values must be positive.
    public var logScaleY = false

    /// One thing drawn on the plot.
    public enum Series: Sendable, Equatable {
        case line(name: String, x: [Double], y: [Double])
        case band(name: String, x: [Double], mean: [Double], std: [Double])
        case hline(name: String, y: Double)
    }

    public private(set) var series: [Series] = []

    public init(title: String, xLabel: String, yLabel: String) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// A solid line through the points (x[i], y[i]).
    public mutating func line(name: String, x: [Double], y: [Double]) {
        precondition(
            x.count == y.count, "LinePlot.line '\(name)': expected as many y as x (\(x.count)), got \(y.count)")
        series.append(.line(name: name, x: x, y: y))
    }

    /// A mean line with a shaded band mean ± std.
    public mutating func band(name: String, x: [Double], mean: [Double], std: [Double]) {
        precondition(
            mean.count == x.count && std.count == x.count,
            "LinePlot.band '\(name)': expected \(x.count) means and stds (one per x), got \(mean.count) and \(std.count)"
        )
        series.append(.band(name: name, x: x, mean: mean, std: std))
    }

    /// A band over several runs (e.g. one learning curve per seed, each with one value per x):
    /// the mean and standard deviation across runs at each x (see `meanAndStd(over:)`).
    public mutating func band(name: String, x: [Double], runs: [[Double]]) {
        precondition(
            runs.allSatisfy { $0.count == x.count },
            "LinePlot.band '\(name)': expected every run to have \(x.count) values (one per x), "
                + "got \(runs.map(\.count))")
        let (mean, std) = LinePlot.meanAndStd(over: runs)
        band(name: name, x: x, mean: mean, std: std)
    }

    /// A dashed horizontal line at `y` across the plot, for a reference value.
    public mutating func hline(name: String, y: Double) {
        series.append(.hline(name: name, y: y))
    }

    /// Mean and standard deviation across runs at each index:
    /// mean_i = (1/n) Σ_r runs[r][i],  std_i = sqrt((1/n) Σ_r (runs[r][i] − mean_i)²)
    /// (the population form, numpy's default; one run gives std 0).
    public static func meanAndStd(over runs: [[Double]]) -> (mean: [Double], std: [Double]) {
        precondition(!runs.isEmpty, "LinePlot.meanAndStd: expected at least one run, got none")
        let n = Double(runs.count)
        let length = runs[0].count
        precondition(
            runs.allSatisfy { $0.count == length }, "LinePlot.meanAndStd: runs differ in length: \(runs.map(\.count))")
        let mean = (0..<length).map { i in runs.reduce(0) { $0 + $1[i] } / n }
        let std = (0..<length).map { i in
            (runs.reduce(0) { $0 + ($1[i] - mean[i]) * ($1[i] - mean[i]) } / n).squareRoot()
        }
        return (mean, std)
    }

    public var gnuplotCommands: String {
        precondition(!series.isEmpty, "LinePlot '\(title)': nothing to draw; add a line, band or hline first")
        var text = """
            set xlabel \(GnuplotText.quoted(xLabel))
            set ylabel \(GnuplotText.quoted(yLabel))
            set grid
            set key below
            set autoscale xfix
            set offsets 0, 0, graph 0.05, graph 0.05

            """
        if logScaleY { text += "set logscale y\nset offsets 0, 0, 0, 0\n" }
        let hasXData = series.contains { if case .hline = $0 { false } else { true } }
        if !hasXData { text += "set xrange [0:1]\n" }
        var fills: [String] = []
        var lines: [String] = []
        var references: [String] = []
        for (i, s) in series.enumerated() {
            let block = "s\(i + 1)"
            let color = GnuplotText.color(i)
            switch s {
            case .line(let name, let x, let y):
                text += GnuplotText.dataBlock(block, rows: x.indices.map { [x[$0], y[$0]].map(GnuplotText.number) })
                lines.append(
                    "$\(block) using 1:2 with lines linewidth 2 linecolor \(color) title \(GnuplotText.quoted(name))")
            case .band(let name, let x, let mean, let std):
                text += GnuplotText.dataBlock(
                    block, rows: x.indices.map { [x[$0], mean[$0], std[$0]].map(GnuplotText.number) })
                fills.append(
                    "$\(block) using 1:($2-$3):($2+$3) with filledcurves fillcolor \(color) "
                        + "fillstyle transparent solid 0.2 noborder notitle")
                lines.append(
                    "$\(block) using 1:2 with lines linewidth 2 linecolor \(color) title \(GnuplotText.quoted(name))")
            case .hline(let name, let y):
                references.append(
                    "\(GnuplotText.number(y)) with lines dashtype 2 linewidth 2 linecolor \(color) "
                        + "title \(GnuplotText.quoted(name))")
            }
        }
        return text + GnuplotText.plot(fills + lines + references)
    }

    /// Long format, one row per point: `series,x,y,std` (`std` empty for plain lines, `x` empty
    /// for reference lines; for a band `y` is the mean).
    public var data: CSV {
        var csv = CSV(header: ["series", "x", "y", "std"])
        for s in series {
            switch s {
            case .line(let name, let x, let y):
                for i in x.indices { csv.row(name, x[i], y[i], "") }
            case .band(let name, let x, let mean, let std):
                for i in x.indices { csv.row(name, x[i], mean[i], std[i]) }
            case .hline(let name, let y):
                csv.row(name, "", y, "")
            }
        }
        return csv
    }
}
