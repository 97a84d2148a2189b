import Dispatch
import Foundation

/// A one-line progress report for a long loop: step, percentage, rate, time left, latest metrics.
///
///     let progress = ProgressLine("training", total: steps)
///     for step in 1...steps {
///         ...
///         progress.update(step: step, ("CTR", ctr))
///     }
///     progress.finish()
///
///     training  1200/5000  24%  310 steps/s  ETA 0:12  CTR 0.4123
///
/// In a terminal the line is redrawn in place (`\r`, at most 10 times a second). When the output
/// is a file or a CI log it prints a full line only every `logInterval` seconds (and at the end),
/// so logs stay small. The rate is steps done / seconds since the `ProgressLine` was made; the
/// ETA is (total − step) / rate.
public final class ProgressLine {
    public let label: String
    public let total: Int
    public let unit: String
    public let isTerminal: Bool
    public let logInterval: Double
    private let clock: () -> Double
    private let output: (String) -> Void
    private let start: Double
    private var lastShown: Double
    private var lastStep = 0
    private var lastMetrics: [(String, Double)] = []

    /// - Parameters:
    ///   - label: what the loop does ("training", "evaluating").
    ///   - total: the number of steps the loop will run.
    ///   - unit: the name of a step in the rate ("steps", "episodes").
    ///   - isTerminal: redraw in place (`true`) or log a line every `logInterval` seconds.
    ///   - clock: seconds on a monotonic clock (injectable for tests).
    ///   - output: where text goes (default: standard output, flushed).
    public init(
        _ label: String, total: Int, unit: String = "steps", isTerminal: Bool = ProgressLine.stdoutIsTerminal,
        logInterval: Double = 10, clock: @escaping () -> Double = ProgressLine.monotonicSeconds,
        output: @escaping (String) -> Void = ProgressLine.writeToStandardOutput
    ) {
        precondition(total > 0, "ProgressLine '\(label)': total must be > 0, got \(total)")
        self.label = label
        self.total = total
        self.unit = unit
        self.isTerminal = isTerminal
        self.logInterval = logInterval
        self.clock = clock
        self.output = output
        start = clock()
        lastShown = start
    }

    /// Reports that `step` of `total` steps are done, with the latest metrics (name, value).
    public func update(step: Int, _ metrics: (String, Double)...) {
        lastStep = step
        lastMetrics = metrics
        let now = clock()
        let due = isTerminal ? now - lastShown >= 0.1 : now - lastShown >= logInterval
        guard due else { return }
        lastShown = now
        show(now: now)
    }

    /// Shows the final line (with the last metrics unless new ones are given) and ends it with a
    /// newline.
    public func finish(_ metrics: (String, Double)...) {
        if !metrics.isEmpty { lastMetrics = metrics }
        let now = clock()
        let line = ProgressLine.format(
            label: label, step: lastStep, total: total, elapsed: now - start, unit: unit, metrics: lastMetrics,
            finished: true)
        output(isTerminal ? "\r" + line + "\u{1B}[K\n" : line + "\n")
    }

    private func show(now: Double) {
        let line = ProgressLine.format(
            label: label, step: lastStep, total: total, elapsed: now - start, unit: unit, metrics: lastMetrics)
        // "\u{1B}[K" erases what is left of a longer previous line.
        output(isTerminal ? "\r" + line + "\u{1B}[K" : line + "\n")
    }

    /// The text of one progress line.
    ///
    /// `training  1200/5000  24%  310 steps/s  ETA 0:12  CTR 0.4123` while running;
    /// `training  5000/5000  100%  312 steps/s  done in 0:16  CTR 0.4301` when `finished`.
    /// The rate and ETA show `-` until a step has been timed.
    public static func format(
        label: String, step: Int, total: Int, elapsed: Double, unit: String = "steps",
        metrics: [(String, Double)] = [], finished: Bool = false
    ) -> String {
        let width = String(total).count
        let stepText = String(repeating: " ", count: max(0, width - String(step).count)) + String(step)
        let percent = Int((100 * Double(step) / Double(total)).rounded(.down))
        var parts = [label, "\(stepText)/\(total)", "\(percent)%"]
        let rate = elapsed > 0 && step > 0 ? Double(step) / elapsed : nil
        parts.append(rate.map { "\(formatRate($0)) \(unit)/s" } ?? "- \(unit)/s")
        if finished {
            parts.append("done in \(formatDuration(elapsed))")
        } else {
            parts.append("ETA " + (rate.map { formatDuration(Double(max(0, total - step)) / $0) } ?? "-"))
        }
        for (name, value) in metrics { parts.append("\(name) \(value.isNaN ? "—" : String(format: "%.4g", value))") }
        return parts.joined(separator: "  ")
    }

    /// A rate with about three significant digits: `312`, `45.6`, `0.25`.
    public static func formatRate(_ rate: Double) -> String {
        if rate >= 100 { return String(format: "%.0f", rate) }
        if rate >= 10 { return String(format: "%.1f", rate) }
        return String(format: "%.2f", rate)
    }

    /// A duration as `m:ss` under an hour and `h:mm:ss` above (rounded to the second).
    public static func formatDuration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        let s = Int(seconds.rounded())
        let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60)
        return h > 0
            ? String(format: "%d:%02d:%02d", h, m, sec)
            : String(format: "%d:%02d", m, sec)
    }

    /// Whether standard output is a terminal (not a file, a pipe or a CI log).
    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Whether the progress lines of `count` runs handed to `concurrentMap` may redraw themselves
    /// in place (`isTerminal:`): only in a terminal, and only when the runs go one after another
    /// (one run, or one core). Lines of runs going at once would overwrite each other; they are
    /// logged every `logInterval` seconds instead.
    public static func redrawsInPlace(runningAtOnce count: Int) -> Bool {
        stdoutIsTerminal && (count <= 1 || ProcessInfo.processInfo.activeProcessorCount <= 1)
    }

    /// Seconds since an arbitrary start, on a clock that never goes back.
    public static func monotonicSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

    /// Writes through `print` (so it interleaves correctly with the chapter's other output) and
    /// flushes, so a line without a newline shows at once.
    public static func writeToStandardOutput(_ text: String) {
        print(text, terminator: "")
        fflush(nil)
    }
}
