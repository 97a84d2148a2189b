import Foundation
import RecRL
import Testing

@Suite("Report: the notebook")
struct ReportNotebookTests {
    @Test("a notebook prints its walk-through and accumulates the same content as Markdown")
    func markdownAndEcho() throws {
        let folder = try makeScratchFolder("notebook")
        defer { try? FileManager.default.removeItem(at: folder) }
        var printed: [String] = []
        let notebook = Notebook(title: "Chapter 0", directory: folder, gnuplot: .off, echo: { printed.append($0) })
        notebook.heading("Results")
        notebook.text("PPO beats the random engine.")
        var table = Table(["engine", "CTR"], precision: 2)
        table.row("random", 0.126)
        notebook.table(table, caption: "CTR after training")
        notebook.code("swift run ch05-ppo --seed 1", language: "sh")
        let outcome = notebook.figure(sampleCurve(), name: "curve", caption: "Learning curve")
        let url = try notebook.write()

        let expected = """
            # Chapter 0

            ## Results

            PPO beats the random engine.

            *CTR after training*

            | engine | CTR |
            |:---|---:|
            | random | 0.13 |

            ```sh
            swift run ch05-ppo --seed 1
            ```

            ![Learning curve](curve.png)

            *Learning curve* — [script](curve.gp) · [data](curve.csv) — not drawn by this run (plotting is turned off): `gnuplot curve.gp` in this folder draws it

            """
        #expect(notebook.markdown == expected)
        #expect(try String(contentsOf: url, encoding: .utf8) == expected)
        #expect(url.lastPathComponent == "README.md")
        #expect(printed.contains("engine   CTR\n------  ----\nrandom  0.13"))
        #expect(printed[0] == "Chapter 0\n=========")
        #expect(FileManager.default.fileExists(atPath: outcome.script.path))
    }

    @Test("a drawn figure is embedded in the report with links to its script and data")
    func drawnFigureLink() throws {
        let folder = try makeScratchFolder("notebook-figure")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A stand-in for gnuplot that writes a one-byte curve.png in the folder it runs in.
        let fake = folder.appendingPathComponent("fake-gnuplot")
        try AtomicFile.write("#!/bin/sh\nprintf x > curve.png\n", to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let notebook = Notebook(
            title: "T", directory: folder, gnuplot: Gnuplot(executable: fake.path, backend: .process), echo: { _ in })
        let outcome = notebook.figure(sampleCurve(), name: "curve", caption: "Learning curve")
        #expect(outcome.png == folder.appendingPathComponent("curve.png"))
        #expect(
            notebook.markdown.contains(
                "![Learning curve](curve.png)\n\n*Learning curve* — [script](curve.gp) · [data](curve.csv)"))
    }

    @Test("results go to results/<chapter> unless --out names another folder")
    func resultsDirectory() {
        #expect(Notebook.resultsDirectory(chapter: "ch05-ppo").path.hasSuffix("/results/ch05-ppo"))
        #expect(Notebook.resultsDirectory(chapter: "ch05-ppo", out: "/tmp/mine").path == "/tmp/mine")
    }
}
