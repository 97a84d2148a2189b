import Foundation
import RecRL
import Testing

@Suite("Report: a results folder never overwrites what a run did not write")
struct ResultsFolderTests {
    @Test("a new folder is created and marked with the chapter that owns it")
    func newFolder() throws {
        let parent = try makeScratchFolder("results-new")
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appendingPathComponent("a/b")
        try ResultsFolder.claim(folder, chapter: "ch05-ppo")
        let marker = folder.appendingPathComponent(ResultsFolder.markerName)
        #expect(try String(contentsOf: marker, encoding: .utf8) == "ch05-ppo\n")
    }

    @Test("an empty folder, or one an earlier run of the same chapter wrote, may be used again")
    func reuse() throws {
        let folder = try makeScratchFolder("results-reuse")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ResultsFolder.claim(folder, chapter: "ch02-gradients")
        try AtomicFile.write("old report", to: folder.appendingPathComponent("README.md"))
        try ResultsFolder.claim(folder, chapter: "ch02-gradients")
    }

    @Test("a folder holding files no run wrote (the course's own README) is refused and left untouched")
    func foreignFiles() throws {
        let folder = try makeScratchFolder("results-foreign")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("README.md")
        try AtomicFile.write("the course page", to: page)
        #expect(
            throws: ResultsFolderError.foreignFiles(
                path: folder.path, chapter: "ch02-gradients", examples: ["README.md"])
        ) {
            try ResultsFolder.claim(folder, chapter: "ch02-gradients")
        }
        #expect(try String(contentsOf: page, encoding: .utf8) == "the course page")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(ResultsFolder.markerName).path))
    }

    @Test("another chapter's results folder is refused")
    func otherChapter() throws {
        let folder = try makeScratchFolder("results-other")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ResultsFolder.claim(folder, chapter: "ch04-ddpg")
        #expect(throws: ResultsFolderError.otherChapter(path: folder.path, chapter: "ch05-ppo", owner: "ch04-ddpg")) {
            try ResultsFolder.claim(folder, chapter: "ch05-ppo")
        }
    }

    @Test("a file in place of the folder, and a folder that cannot be created, are refused before any work")
    func notUsable() throws {
        let parent = try makeScratchFolder("results-file")
        defer { try? FileManager.default.removeItem(at: parent) }
        let file = parent.appendingPathComponent("notes.txt")
        try AtomicFile.write("mine", to: file)
        #expect(throws: ResultsFolderError.notAFolder(path: file.path)) {
            try ResultsFolder.claim(file, chapter: "ch05-ppo")
        }
        // /proc accepts no new folders, even for root.
        #expect {
            try ResultsFolder.claim(URL(fileURLWithPath: "/proc/recrl-results"), chapter: "ch05-ppo")
        } throws: { error in
            guard case .notWritable(let path, _) = error as? ResultsFolderError else { return false }
            return path == "/proc/recrl-results"
        }
    }
}

@Suite("Report: same seed, same files — times go to timings.json alone")
struct ReproducibleReportTests {
    @Test("a value that was not measured (NaN) shows as — in tables and in the progress line")
    func notMeasured() {
        var table = Table(["iteration", "EvalCTR"], precision: 3)
        table.row(1, Double.nan)
        table.row(2, 0.25)
        #expect(table.formattedRows == [["1", "—"], ["2", "0.250"]])
        let line = ProgressLine.format(label: "PPO", step: 1, total: 2, elapsed: 1, metrics: [("score", .nan)])
        #expect(line.hasSuffix("score —"))
    }

    @Test("a timing column is printed but left out of the report's Markdown")
    func timingColumn() {
        var table = Table(columns: [.init("seed", precision: 0), .init("seconds", precision: 1, isTiming: true)])
        table.row(0, 12.34)
        #expect(table.text.contains("seconds"))
        #expect(table.text.contains("12.3"))
        #expect(table.markdown == "| seed |\n|---:|\n| 0 |")
    }

    @Test("saving a notebook writes the times to timings.json and keeps them out of the report")
    func timingsFile() throws {
        let folder = try makeScratchFolder("timings")
        defer { try? FileManager.default.removeItem(at: folder) }
        var printed: [String] = []
        let notebook = Notebook(title: "T", directory: folder, gnuplot: .off, echo: { printed.append($0) })
        notebook.text("score 0.5")
        notebook.note("Training took 3.2 s.")
        notebook.timings["training_seconds"] = 3.2
        try notebook.save(metrics: Metrics(["score": 0.5]))
        let timings = try Metrics.read(from: folder.appendingPathComponent("timings.json"))
        #expect(timings["training_seconds"] == .number(3.2))
        #expect(!notebook.markdown.contains("3.2"))
        #expect(printed.contains("Training took 3.2 s."))
        #expect(try Metrics.read(from: folder.appendingPathComponent("metrics.json"))["training_seconds"] == nil)
    }

    @Test("a step budget is rounded up to whole rollouts: 10 steps of 2,048-step rollouts is 1 iteration")
    func wholeRollouts() {
        #expect(TrainingSteps.iterations(covering: 10, stepsPerIteration: 2048) == 1)
        #expect(TrainingSteps.iterations(covering: 4096, stepsPerIteration: 2048) == 2)
        #expect(TrainingSteps.iterations(covering: 4097, stepsPerIteration: 2048) == 3)
    }
}

@Suite("Report: a run that fails keeps what it measured and exits 1")
struct StoppedRunTests {
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recrl-stopped-run-exit-test")

    @Test("stopIfFails writes the report so far, metrics.json with `stopped` and the CSVs, then exits with status 1")
    func stopsAndKeeps() async throws {
        // An exit test's body runs in a child process and captures nothing: the folder is a fixed one.
        let folder = StoppedRunTests.folder
        try? FileManager.default.removeItem(at: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        await #expect(processExitsWith: .exitCode(ChapterExit.failureStatus)) {
            let notebook = Notebook(title: "T", directory: StoppedRunTests.folder, gnuplot: .off, echo: { _ in })
            notebook.text("measured before the failure")
            var log = CSV(header: ["iteration"])
            log.row(1)
            let _: Int = notebook.stopIfFails(metrics: Metrics(["seed": 0]), csvFiles: [("log", log)]) {
                throw TrainingDiverged(algorithm: "PPO", iteration: 2, quantity: "the policy loss", value: .nan)
            }
        }
        let report = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(report.contains("measured before the failure"))
        #expect(report.contains("PPO diverged at iteration 2"))
        let metrics = try Metrics.read(from: folder.appendingPathComponent("metrics.json"))
        #expect(metrics["seed"] == .number(0))
        #expect(metrics["stopped"] != nil)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("log.csv").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("timings.json").path))
    }
}
