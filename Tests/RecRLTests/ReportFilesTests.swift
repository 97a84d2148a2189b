import Foundation
import RecRL
import Testing

/// A fresh empty folder under the system's temporary folder.
func makeScratchFolder(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("recrl-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("Report: CSV, metrics.json and atomic files")
struct ReportFilesTests {
    @Test("CSV quotes commas, quotes, line breaks and edge spaces as RFC 4180 says")
    func csvQuoting() {
        #expect(CSV.quoted("plain") == "plain")
        #expect(CSV.quoted("a,b") == "\"a,b\"")
        #expect(CSV.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.quoted("two\nlines") == "\"two\nlines\"")
        #expect(CSV.quoted(" padded") == "\" padded\"")
        #expect(CSV.quoted("") == "")
    }

    @Test("CSV rows keep every digit of a number")
    func csvRows() {
        var csv = CSV(header: ["engine", "step", "ctr"])
        csv.row("PPO, clipped", 3, 0.1)
        csv.row("random", 10, 1e-7)
        #expect(csv.text == "engine,step,ctr\n\"PPO, clipped\",3,0.1\nrandom,10,1e-07\n")
    }

    @Test("metrics.json round trip: numbers, text, number lists and infinities come back equal")
    func metricsRoundTrip() throws {
        let folder = try makeScratchFolder("metrics")
        defer { try? FileManager.default.removeItem(at: folder) }
        var metrics = Metrics()
        metrics["seed"] = 42
        metrics["final_ctr"] = .number(0.1 + 0.2)
        metrics["engine"] = "PPO"
        metrics["curve"] = [0.1, 0.25, 1e-9]
        metrics["worst"] = .number(-.infinity)
        let url = folder.appendingPathComponent("metrics.json")
        try metrics.write(to: url)
        let back = try Metrics.read(from: url)
        #expect(back == metrics)
        // Keys are sorted, so two runs diff line by line.
        let json = try String(contentsOf: url, encoding: .utf8)
        let keys = ["curve", "engine", "final_ctr", "seed", "worst"].map { json.range(of: "\"\($0)\"")!.lowerBound }
        #expect(keys == keys.sorted())
    }

    @Test("a NaN metric is written as \"NaN\" and read back as NaN")
    func metricsNaN() throws {
        let metrics = Metrics(["loss": .number(.nan)])
        #expect(metrics.json().contains("\"NaN\""))
        let folder = try makeScratchFolder("metrics-nan")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("metrics.json")
        try metrics.write(to: url)
        guard case .number(let x) = try Metrics.read(from: url)["loss"] else {
            Issue.record("loss should read back as a number")
            return
        }
        #expect(x.isNaN)
    }

    @Test("a metrics.json that is not a flat object is a clear error naming the file")
    func metricsBadFile() throws {
        let folder = try makeScratchFolder("metrics-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("metrics.json")
        try AtomicFile.write("[1, 2, 3]", to: url)
        #expect {
            try Metrics.read(from: url)
        } throws: { error in
            guard case .badFile(let path, _) = error as? ReportError else { return false }
            return path == url.path
        }
        #expect(throws: ReportError.self) { try Metrics.read(from: folder.appendingPathComponent("missing.json")) }
    }

    @Test("an atomic write creates missing folders, replaces the file and leaves no temporary file")
    func atomicWrite() throws {
        let folder = try makeScratchFolder("atomic")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("deeper/report.md")
        try AtomicFile.write("first", to: url)
        try AtomicFile.write("second", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second")
        let left = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(left == ["report.md"])
    }
}
