import Foundation

/// Grouped bars: for each category (x axis) one bar per series, optionally with error bars.
///
///     var plot = BarPlot(title: "KL to the real customers", yLabel: "KL divergence",
///                        categories: ["turnover", "purchase power", "query", "customer"])
///     plot.bars(name: "GMM", values: gmmKL)
///     plot.bars(name: "GAN-SD", values: ganSDKL, errors: ganSDStd)
///
/// If any series has errors, every series is drawn with error bars (0 where none were given).
public struct BarPlot: Figure {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public let categories: [String]

    /// One series: a value (and an error) per category.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double]
        public var errors: [Double]?
    }

    public private(set) var series: [Series] = []

    public init(title: String, xLabel: String = "", yLabel: String, categories: [String]) {
        precondition(!categories.isEmpty, "BarPlot '\(title)': expected at least one category, got none")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.categories = categories
    }

    /// One bar per category for this series; `errors` (same count) draws ± error bars.
    public mutating func bars(name: String, values: [Double], errors: [Double]? = nil) {
        precondition(
            values.count == categories.count,
            "BarPlot.bars '\(name)': expected \(categories.count) values (one per category), got \(values.count)")
        if let errors {
            precondition(
                errors.count == categories.count,
                "BarPlot.bars '\(name)': expected \(categories.count) errors (one per category), got \(errors.count)")
        }
        series.append(Series(name: name, values: values, errors: errors))
    }

    private var hasErrors: Bool { series.contains { $0.errors != nil } }

    public var gnuplotCommands: String {
        precondition(!series.isEmpty, "BarPlot '\(title)': nothing to draw; add bars first")
        let allNonNegative = series.allSatisfy { $0.values.allSatisfy { !($0 < 0) } }
        var text = """
            set xlabel \(GnuplotText.quoted(xLabel))
            set ylabel \(GnuplotText.quoted(yLabel))
            set style data histograms
            set style histogram \(hasErrors ? "errorbars gap 1 linewidth 1" : "cluster gap 1")
            set style fill solid 0.85 border rgb '#333333'
            set grid ytics
            set key top right
            set xtics nomirror
            \(allNonNegative ? "set yrange [0:*]" : "")

            """
        // One row per category: the label, then value (and error) of each series.
        let rows = categories.indices.map { c in
            [GnuplotText.dataText(categories[c])]
                + series.flatMap { s in
                    hasErrors
                        ? [GnuplotText.number(s.values[c]), GnuplotText.number(s.errors?[c] ?? 0)]
                        : [GnuplotText.number(s.values[c])]
                }
        }
        text += GnuplotText.dataBlock("bars", rows: rows)
        let elements = series.indices.map { i in
            let valueColumn = hasErrors ? 2 + 2 * i : 2 + i
            let using = hasErrors ? "\(valueColumn):\(valueColumn + 1)" : "\(valueColumn)"
            return "$bars using \(using)\(i == 0 ? ":xtic(1)" : "") linecolor \(GnuplotText.color(i)) "
                + "title \(GnuplotText.quoted(series[i].name))"
        }
        return text + GnuplotText.plot(elements)
    }

    /// Long format, one row per bar: `series,category,value,error` (`error` empty if none).
    public var data: CSV {
        var csv = CSV(header: ["series", "category", "value", "error"])
        for s in series {
            for c in categories.indices {
                if let errors = s.errors {
                    csv.row(s.name, categories[c], s.values[c], errors[c])
                } else {
                    csv.row(s.name, categories[c], s.values[c], "")
                }
            }
        }
        return csv
    }
}
