import Foundation
import RecRL
import Testing

/// A small line plot with a band and a reference line, as a chapter would draw.
func sampleCurve() -> LinePlot {
    let x = (0..<20).map(Double.init)
    let runs = (0..<3).map { seed in x.map { 0.2 + 0.3 * (1 - exp(-$0 / 6)) + 0.02 * Double(seed - 1) } }
    var plot = LinePlot(title: "CTR while training (3 seeds)", xLabel: "iteration", yLabel: "CTR")
    plot.band(name: "PPO, mean ± std", x: x, runs: runs)
    plot.line(name: "DDPG", x: x, y: x.map { 0.2 + 0.01 * $0 })
    plot.hline(name: "random engine", y: 0.15)
    plot.hline(name: "oracle", y: 0.6)
    return plot
}

/// Whether `url` is a non-empty PNG file (it starts with the 8-byte PNG signature).
func isPNG(_ url: URL) -> Bool {
    guard let data = try? Data(contentsOf: url) else { return false }
    return data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
}

@Suite("Plot: drawing through gnuplot")
struct PlotGnuplotTests {
    @Test("without gnuplot the script and CSV are kept, no PNG, and the reason says gnuplot was not found")
    func missingGnuplot() throws {
        let folder = try makeScratchFolder("plot-missing")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A PNG from an earlier run must not be taken for this one.
        try Data([1, 2, 3]).write(to: folder.appendingPathComponent("curve.png"))
        let gnuplot = Gnuplot(executable: "/nonexistent/gnuplot")
        let outcome = sampleCurve().write(to: folder, name: "curve", gnuplot: gnuplot)
        #expect(outcome.failure == .gnuplotNotFound(executable: "/nonexistent/gnuplot"))
        #expect(outcome.png == nil)
        #expect(try String(contentsOf: outcome.script, encoding: .utf8).contains("set output 'curve.png'"))
        #expect(try String(contentsOf: outcome.data, encoding: .utf8).hasPrefix("series,x,y,std\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("curve.png").path))
    }

    @Test("a gnuplot that exits with an error, or writes no PNG, is reported as failed")
    func failingGnuplot() throws {
        let folder = try makeScratchFolder("plot-failing")
        defer { try? FileManager.default.removeItem(at: folder) }
        // `false` exits with status 1; `true` exits 0 without drawing anything.
        let failed = sampleCurve().write(
            to: folder, name: "a", gnuplot: Gnuplot(executable: "false", backend: .process))
        #expect(failed.failure == .gnuplotFailed(message: "exit status 1"))
        let silent = sampleCurve().write(to: folder, name: "b", gnuplot: Gnuplot(executable: "true", backend: .process))
        #expect(silent.failure == .gnuplotFailed(message: "it wrote no b.png; run the script to see why"))
    }

    @Test("with plotting turned off the script and data are still written")
    func plottingOff() throws {
        let folder = try makeScratchFolder("plot-off")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = sampleCurve().write(to: folder, name: "curve", gnuplot: .off)
        #expect(outcome.failure == .plottingTurnedOff)
        #expect(FileManager.default.fileExists(atPath: outcome.script.path))
        #expect(FileManager.default.fileExists(atPath: outcome.data.path))
    }

    @Test("the install hint is given once per process")
    func installHintOnce() {
        _ = Gnuplot.installHintOnce()
        #expect(Gnuplot.installHintOnce() == nil)
        #expect(
            Gnuplot.installHint.contains("apt-get install gnuplot")
                && Gnuplot.installHint.contains("brew install gnuplot"))
    }

    // Needs the gnuplot program; without it this test is skipped (apt-get install gnuplot).
    @Test(
        "gnuplot draws line, bar and histogram PNGs",
        .enabled(if: Gnuplot(backend: .process).resolvedExecutable() != nil, "gnuplot is not on the PATH"))
    func drawsPNGs() throws {
        let folder = try makeScratchFolder("plot-png")
        defer { try? FileManager.default.removeItem(at: folder) }
        let gnuplot = Gnuplot(backend: .process)
        var bars = BarPlot(title: "KL by attribute", yLabel: "KL", categories: ["turnover", "purchase power", "query"])
        bars.bars(name: "GMM", values: [0.4, 0.3, 0.5], errors: [0.05, 0.02, 0.04])
        bars.bars(name: "GAN-SD", values: [0.1, 0.08, 0.12], errors: [0.01, 0.01, 0.02])
        var histogram = Histogram(title: "Purchase power", xLabel: "level", bins: 10, density: true)
        var rng = RNG(seed: 7)
        histogram.values(name: "real", (0..<500).map { _ in rng.normal() })
        histogram.values(name: "generated", (0..<500).map { _ in 0.5 + 1.2 * rng.normal() })
        let outcomes = [
            sampleCurve().write(to: folder, name: "curve", gnuplot: gnuplot),
            bars.write(to: folder, name: "bars", gnuplot: gnuplot),
            histogram.write(to: folder, name: "histogram", gnuplot: gnuplot),
        ]
        for outcome in outcomes {
            #expect(outcome.failure == nil)
            #expect(outcome.png.map(isPNG) == true)
        }
    }

    @Test("the gnuplot-iostream backend draws the PNG, or says it is not in this build")
    func iostreamBackend() throws {
        let folder = try makeScratchFolder("plot-iostream")
        defer { try? FileManager.default.removeItem(at: folder) }
        let gnuplot = Gnuplot(backend: .iostream)
        let outcome = sampleCurve().write(to: folder, name: "curve", gnuplot: gnuplot)
        if gnuplot.resolvedExecutable() == nil {
            #expect(outcome.failure == .gnuplotNotFound(executable: "gnuplot"))
        } else if Gnuplot.iostreamIsAvailable {
            #expect(outcome.failure == nil)
            #expect(outcome.png.map(isPNG) == true)
        } else {
            guard case .iostreamUnavailable = outcome.failure else {
                Issue.record("expected iostreamUnavailable, got \(String(describing: outcome.failure))")
                return
            }
        }
    }

    @Test("the default backend is gnuplot-iostream exactly when the GnuplotIostream trait is on")
    func defaultBackendFollowsTheTrait() {
        #if GnuplotIostream
            #expect(Gnuplot.defaultBackend == .iostream)
        #else
            #expect(Gnuplot.defaultBackend == .process)
            #expect(!Gnuplot.iostreamIsAvailable)
        #endif
    }

    // Needs a build with --traits GnuplotIostream and <gnuplot-iostream.h>; skipped otherwise.
    @Test(
        "through gnuplot-iostream, a program that stops reading early is a failure, not a crash (SIGPIPE)",
        .enabled(if: Gnuplot.iostreamIsAvailable, "built without gnuplot-iostream"))
    func iostreamSurvivesEarlyExit() throws {
        let folder = try makeScratchFolder("plot-iostream-early")
        defer { try? FileManager.default.removeItem(at: folder) }
        // About 0.5 MB of script: far more than a pipe buffers, so writing goes on after `false`
        // has exited.
        var plot = LinePlot(title: "big", xLabel: "x", yLabel: "y")
        let x = (0..<20_000).map(Double.init)
        plot.line(name: "identity", x: x, y: x)
        let outcome = plot.write(to: folder, name: "big", gnuplot: Gnuplot(executable: "false", backend: .iostream))
        guard case .gnuplotFailed = outcome.failure else {
            Issue.record("expected gnuplotFailed, got \(String(describing: outcome.failure))")
            return
        }
    }
}
