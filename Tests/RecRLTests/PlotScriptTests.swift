import Foundation
import RecRL
import Testing

@Suite("Plot: gnuplot scripts and CSV data")
struct PlotScriptTests {
    func curve() -> LinePlot {
        var plot = LinePlot(title: "CTR while training", xLabel: "step", yLabel: "CTR")
        plot.band(name: "PPO", x: [1, 2], mean: [0.5, 0.25], std: [0.1, 0.05])
        plot.line(name: "DDPG", x: [1, 2], y: [0.2, 0.3])
        plot.hline(name: "random engine", y: 0.125)
        return plot
    }

    @Test("mean and std across runs: the population form, per index")
    func meanAndStd() {
        // Index 0: values 1, 3 → mean 2, std sqrt(((1-2)² + (3-2)²) / 2) = 1.
        // Index 1: values 2, 6 → mean 4, std sqrt((4 + 4) / 2) = 2.
        let (mean, std) = LinePlot.meanAndStd(over: [[1, 2], [3, 6]])
        #expect(mean == [2, 4])
        #expect(std == [1, 2])
    }

    @Test("a line plot's script sets the PNG, title and labels, holds the data inline and plots every series")
    func lineScript() {
        let script = curve().gnuplotScript(name: "ctr-curve")
        #expect(script.contains("set output 'ctr-curve.png'"))
        #expect(script.contains("set title 'CTR while training'"))
        #expect(script.contains("set xlabel 'step'"))
        #expect(script.contains("pngcairo") && script.contains("set terminal png "))
        // The band's data block: x, mean, std; the line's: x, y.
        #expect(script.contains("$s1 << EOD\n1.0 0.5 0.1\n2.0 0.25 0.05\nEOD\n"))
        #expect(script.contains("$s2 << EOD\n1.0 0.2\n2.0 0.3\nEOD\n"))
        #expect(script.contains("$s1 using 1:($2-$3):($2+$3) with filledcurves"))
        #expect(script.contains("title 'PPO'") && script.contains("title 'DDPG'"))
        #expect(script.contains("0.125 with lines dashtype 2"))
        #expect(script.hasSuffix("unset output\n"))
    }

    @Test("a log-scale line plot says so to gnuplot; a linear one does not")
    func logScale() {
        var plot = LinePlot(title: "loss", xLabel: "step", yLabel: "MSE")
        plot.line(name: "mlp", x: [1, 2], y: [0.1, 0.01])
        #expect(!plot.gnuplotCommands.contains("set logscale y"))
        plot.logScaleY = true
        #expect(plot.gnuplotCommands.contains("set logscale y"))
    }

    @Test("a line plot's CSV is one row per point: series, x, y, std")
    func lineCSV() {
        let expected = """
            series,x,y,std
            PPO,1.0,0.5,0.1
            PPO,2.0,0.25,0.05
            DDPG,1.0,0.2,
            DDPG,2.0,0.3,
            random engine,,0.125,

            """
        #expect(curve().data.text == expected)
    }

    @Test("quotes in titles are doubled for gnuplot")
    func quoting() {
        var plot = LinePlot(title: "the engine's CTR", xLabel: "x", yLabel: "y")
        plot.hline(name: "it's flat", y: 1)
        let script = plot.gnuplotScript(name: "q")
        #expect(script.contains("set title 'the engine''s CTR'"))
        #expect(script.contains("title 'it''s flat'"))
    }

    @Test("grouped bars with error bars: one data row per category, value and error per series")
    func barScript() {
        var plot = BarPlot(title: "KL", yLabel: "KL", categories: ["purchase power", "query"])
        plot.bars(name: "GMM", values: [1, 2], errors: [0.1, 0.2])
        plot.bars(name: "GAN-SD", values: [3, 4])
        let script = plot.gnuplotScript(name: "kl")
        #expect(script.contains("set style histogram errorbars"))
        #expect(script.contains("$bars << EOD\n\"purchase power\" 1.0 0.1 3.0 0.0\n\"query\" 2.0 0.2 4.0 0.0\nEOD\n"))
        #expect(script.contains("$bars using 2:3:xtic(1) ") && script.contains("$bars using 4:5 "))
        #expect(
            plot.data.text
                == "series,category,value,error\nGMM,purchase power,1.0,0.1\nGMM,query,2.0,0.2\n"
                + "GAN-SD,purchase power,3.0,\nGAN-SD,query,4.0,\n")
    }

    @Test("histogram bins: equal widths over the data's range, the top edge in the last bin")
    func histogramCounts() {
        // Range [0, 4] in 2 bins of width 2: [0, 2) holds 0, 1; [2, 4] holds 2, 3, 4.
        var plot = Histogram(title: "h", xLabel: "v", bins: 2)
        plot.values(name: "a", [0, 1, 2, 3, 4])
        #expect(plot.edges == [0, 2, 4])
        #expect(plot.heights == [[2, 3]])
        #expect(plot.data.text == "bin_low,bin_high,a\n0.0,2.0,2\n2.0,4.0,3\n")
        #expect(plot.gnuplotScript(name: "h").contains("$bins << EOD\n1.0 2.0\n3.0 3.0\nEOD\n"))
    }

    @Test("histogram density: count / (n · width), so the bars have area 1; outside values left out")
    func histogramDensity() {
        // Range [0, 1] in 2 bins of width 0.5; 5 is outside. n = 4 inside: 0.1, 0.2, 0.3 | 0.9.
        // Heights 3 / (4 · 0.5) = 1.5 and 1 / (4 · 0.5) = 0.5; area 0.5 · (1.5 + 0.5) = 1.
        var plot = Histogram(title: "h", xLabel: "v", bins: 2, range: 0...1, density: true)
        plot.values(name: "a", [0.1, 0.2, 0.3, 0.9, 5])
        #expect(plot.heights == [[1.5, 0.5]])
        #expect(plot.gnuplotScript(name: "h").contains("set ylabel 'density'"))
    }
}
