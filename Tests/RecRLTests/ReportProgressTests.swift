import Foundation
import RecRL
import Testing

@Suite("Report: progress line")
struct ReportProgressTests {
    @Test("the line shows step, percentage, rate = steps / seconds, ETA = steps left / rate, metrics")
    func formatWhileRunning() {
        // 2500 of 5000 steps in 10 s: 250 steps/s, 2500 steps left → 10 s.
        let line = ProgressLine.format(
            label: "training", step: 2500, total: 5000, elapsed: 10, metrics: [("CTR", 0.41234)])
        #expect(line == "training  2500/5000  50%  250 steps/s  ETA 0:10  CTR 0.4123")
    }

    @Test("before any step is timed the rate and ETA are '-'; steps are padded to the total's width")
    func formatAtStart() {
        #expect(
            ProgressLine.format(label: "eval", step: 0, total: 200, elapsed: 0, unit: "episodes")
                == "eval    0/200  0%  - episodes/s  ETA -")
        #expect(
            ProgressLine.format(label: "t", step: 7, total: 5000, elapsed: 2).hasPrefix(
                "t     7/5000  0%  3.50 steps/s"))
    }

    @Test("durations as m:ss and h:mm:ss; rates with about three significant digits")
    func durationsAndRates() {
        #expect(ProgressLine.formatDuration(65) == "1:05")
        #expect(ProgressLine.formatDuration(3725) == "1:02:05")
        #expect(ProgressLine.formatDuration(0.4) == "0:00")
        #expect(ProgressLine.formatRate(312.4) == "312")
        #expect(ProgressLine.formatRate(45.63) == "45.6")
        #expect(ProgressLine.formatRate(0.25) == "0.25")
    }

    @Test("in a log (not a terminal) a line is printed only every logInterval seconds, then at the end")
    func logMode() {
        var now = 0.0
        var printed: [String] = []
        let progress = ProgressLine(
            "training", total: 5000, isTerminal: false, logInterval: 10, clock: { now }, output: { printed.append($0) })
        now = 4
        progress.update(step: 1000, ("CTR", 0.3))  // 4 s since start: not yet
        #expect(printed.isEmpty)
        now = 10
        progress.update(step: 2500, ("CTR", 0.41234))  // 10 s: due
        now = 12
        progress.update(step: 3000, ("CTR", 0.42))  // 2 s since the last line: not yet
        now = 20
        progress.finish(("CTR", 0.43))
        #expect(
            printed == [
                "training  2500/5000  50%  250 steps/s  ETA 0:10  CTR 0.4123\n",
                "training  3000/5000  60%  150 steps/s  done in 0:20  CTR 0.43\n",
            ])
    }

    @Test("in a terminal the line is redrawn in place with \\r and ended with a newline by finish")
    func terminalMode() {
        var now = 0.0
        var printed: [String] = []
        let progress = ProgressLine(
            "training", total: 100, isTerminal: true, clock: { now }, output: { printed.append($0) })
        now = 0.05
        progress.update(step: 1)  // 0.05 s: faster than 10 redraws a second, skipped
        now = 0.5
        progress.update(step: 50)
        now = 1
        progress.update(step: 100)
        progress.finish()
        #expect(printed.count == 3)
        #expect(printed[0] == "\rtraining   50/100  50%  100 steps/s  ETA 0:01\u{1B}[K")
        #expect(printed.allSatisfy { $0.hasPrefix("\r") })
        #expect(printed[2].hasSuffix("\n") && !printed[1].hasSuffix("\n"))
    }
}
