extension Notebook {
    /// Runs `work` (a training phase); if it throws — `TrainingDiverged` at the first non-finite
    /// loss, gradient or parameter, or any other error — the chapter stops there and keeps what it
    /// has: the report so far with a last section saying what stopped it, `metrics.json` (the
    /// metrics measured so far, plus `stopped`), the CSV files so far and `timings.json`. The
    /// message goes to standard error and the chapter exits with status 1, so a diverged run is
    /// never reported as a score.
    ///
    ///     let logs = notebook.stopIfFails(csvFiles: [("ppo-log", logCSV)]) {
    ///         try ppo.train(collector: &collector, iterations: iterations, rng: &rng)
    ///     }
    public func stopIfFails<T>(
        metrics: @autoclosure () -> Metrics = Metrics(), csvFiles: @autoclosure () -> [(name: String, csv: CSV)] = [],
        _ work: () throws -> T
    ) -> T {
        do {
            return try work()
        } catch {
            heading("Stopped")
            text(
                "The run stopped here: \(error). Everything above was measured before that; nothing after it "
                    + "was run, and no final score is reported.")
            var saved = metrics()
            saved["stopped"] = .text("\(error)")
            do { try save(metrics: saved, csvFiles: csvFiles()) } catch let writeError {
                ChapterExit.fail("\(error); and the results could not be written: \(writeError)")
            }
            ChapterExit.fail("\(error) (the results so far are in \(directory.path))")
        }
    }
}
