import Foundation

/// Histograms of one or more samples on shared bins, overlaid with translucent fills: e.g. a
/// customer attribute under the real and the generated distribution.
///
///     var plot = Histogram(title: "Purchase power", xLabel: "level", bins: 20, density: true)
///     plot.values(name: "real", realSample)
///     plot.values(name: "GAN-SD", generatedSample)
///
/// The bins split `range` (default: from the smallest to the largest value of all samples) into
/// `bins` equal widths w = (high − low) / bins; value v falls in bin ⌊(v − low) / w⌋, the top edge
/// in the last bin. Values outside the range and NaN are left out. With `density` a bin shows
/// count / (n · w), n the sample's values inside the range, so each histogram has area 1 and
/// samples of different sizes compare.
public struct Histogram: Figure {
    public var title: String
    public var xLabel: String
    public let bins: Int
    public let range: ClosedRange<Double>?
    public let density: Bool

    public private(set) var samples: [(name: String, values: [Double])] = []

    public init(title: String, xLabel: String, bins: Int = 30, range: ClosedRange<Double>? = nil, density: Bool = false)
    {
        precondition(bins > 0, "Histogram '\(title)': expected bins > 0, got \(bins)")
        self.title = title
        self.xLabel = xLabel
        self.bins = bins
        self.range = range
        self.density = density
    }

    /// Adds a sample drawn as its own histogram.
    public mutating func values(name: String, _ values: [Double]) {
        samples.append((name, values))
    }

    /// The bin edges: `bins + 1` numbers from low to high. A range of zero width (all values
    /// equal) is widened by 0.5 each side.
    public var edges: [Double] {
        var (low, high) = (0.0, 1.0)
        if let range {
            (low, high) = (range.lowerBound, range.upperBound)
        } else {
            let finite = samples.flatMap(\.values).filter(\.isFinite)
            if let min = finite.min(), let max = finite.max() { (low, high) = (min, max) }
        }
        if low == high { (low, high) = (low - 0.5, high + 0.5) }
        let width = (high - low) / Double(bins)
        return (0...bins).map { $0 == bins ? high : low + Double($0) * width }
    }

    /// Per sample, the count (or density) of each bin.
    public var heights: [[Double]] {
        let edges = self.edges
        let (low, high) = (edges[0], edges[bins])
        let width = (high - low) / Double(bins)
        return samples.map { sample in
            var counts = [Double](repeating: 0, count: bins)
            for v in sample.values where v >= low && v <= high {
                counts[min(Int((v - low) / width), bins - 1)] += 1
            }
            guard density else { return counts }
            let n = counts.reduce(0, +)
            return n > 0 ? counts.map { $0 / (n * width) } : counts
        }
    }

    public var gnuplotCommands: String {
        precondition(!samples.isEmpty, "Histogram '\(title)': nothing to draw; add values first")
        let edges = self.edges
        let heights = self.heights
        let width = edges[1] - edges[0]
        var text = """
            set xlabel \(GnuplotText.quoted(xLabel))
            set ylabel \(GnuplotText.quoted(density ? "density" : "count"))
            set style fill transparent solid 0.45 noborder
            set boxwidth \(GnuplotText.number(width)) absolute
            set grid ytics
            set key top right
            set yrange [0:*]
            set xrange [\(GnuplotText.number(edges[0])):\(GnuplotText.number(edges[bins]))]

            """
        // One row per bin: its centre, then the height under each sample.
        let rows = (0..<bins).map { b in
            [GnuplotText.number((edges[b] + edges[b + 1]) / 2)] + heights.map { GnuplotText.number($0[b]) }
        }
        text += GnuplotText.dataBlock("bins", rows: rows)
        let elements = samples.indices.map { i in
            "$bins using 1:\(i + 2) with boxes linecolor \(GnuplotText.color(i)) title \(GnuplotText.quoted(samples[i].name))"
        }
        return text + GnuplotText.plot(elements)
    }

    /// One row per bin: `bin_low,bin_high`, then each sample's count (or density) by name.
    public var data: CSV {
        let edges = self.edges
        let heights = self.heights
        var csv = CSV(header: ["bin_low", "bin_high"] + samples.map(\.name))
        for b in 0..<bins {
            let bounds: [any TableCellConvertible] = [edges[b], edges[b + 1]]
            csv.row(bounds + heights.map { density ? $0[b] : Int($0[b]) as any TableCellConvertible })
        }
        return csv
    }
}
