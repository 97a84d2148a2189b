import Foundation
import Testing

@testable import RecRL

@Suite("NN save and load")
struct NNSaveLoadTests {
    /// A fresh empty folder for one test's files.
    private func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("recrl-nn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("save then load gives back every parameter exactly")
    func roundTrip() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("net.params")
        var rng = RNG(seed: 1)
        let saved = MLP(sizes: [4, 6, 3], layerNorm: true, rng: &rng)
        saved.parameters[3].data[2] = 1.0 / 3  // values that need all 17 digits
        saved.parameters[1].data[0] = -2.5e-300
        try saved.save(to: file)
        let loaded = MLP(sizes: [4, 6, 3], layerNorm: true, rng: &rng)
        #expect(loaded.parameters.map(\.data) != saved.parameters.map(\.data))
        try loaded.load(from: file)
        #expect(loaded.parameters.map(\.data) == saved.parameters.map(\.data))
        // Nothing but the file itself is left in the folder (the temporary file was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["net.params"])
        // Saving again replaces the file.
        saved.parameters[0].data[0] = 7
        try saved.save(to: file)
        try loaded.load(from: file)
        #expect(loaded.parameters[0].data[0] == 7)
    }

    @Test("the file holds the version, the names and the shapes in plain text")
    func format() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("linear.params")
        var rng = RNG(seed: 2)
        let layer = Linear(2, 3, rng: &rng)
        layer.weight.data = [0.5, -1, 2, 0, 0.25, 3]
        try layer.save(to: file)
        let text = try String(contentsOf: file, encoding: .utf8)
        let body =
            "RecRL parameters\nversion 2\ncount 2\nweight 2 3\n0.5 -1.0 2.0 0.0 0.25 3.0\nbias 1 3\n0.0 0.0 0.0\nend\n"
        #expect(text == body + "sha256 \(SHA256.hex(body.utf8))\n")
    }

    /// `text` with its last line replaced by the SHA-256 of the lines before it: a file whose
    /// content is bad but whose checksum matches (a writer's bug), which the other checks must catch.
    private func resealed(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast(2)  // the empty string after the last newline, and the sha256 line
        let body = lines.joined(separator: "\n") + "\n"
        return body + "sha256 \(SHA256.hex(body.utf8))\n"
    }

    /// Saves a Linear(2, 3) and returns its file and text.
    private func savedLinear(in folder: URL) throws -> (URL, String) {
        var rng = RNG(seed: 3)
        let file = folder.appendingPathComponent("linear.params")
        try Linear(2, 3, rng: &rng).save(to: file)
        return (file, try String(contentsOf: file, encoding: .utf8))
    }

    @Test("a file of the wrong shape is a clear error, and the module is left unchanged")
    func wrongShape() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, _) = try savedLinear(in: folder)
        var rng = RNG(seed: 4)
        let other = Linear(3, 2, rng: &rng)
        let before = other.parameters.map(\.data)
        #expect(
            throws: ParameterFileError.shapeMismatch(path: file.path, name: "weight", expected: [3, 2], found: [2, 3])
        ) {
            try other.load(from: file)
        }
        #expect(other.parameters.map(\.data) == before)
    }

    @Test("a file of another version (1, before the checksum) is a clear error")
    func wrongVersion() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, text) = try savedLinear(in: folder)
        try text.replacingOccurrences(of: "version 2", with: "version 1").write(
            to: file, atomically: true, encoding: .utf8)
        var rng = RNG(seed: 5)
        let error = ParameterFileError.unsupportedVersion(path: file.path, found: 1, supported: 2)
        #expect(throws: error) { try Linear(2, 3, rng: &rng).load(from: file) }
        #expect(error.description.contains("save the parameters again"))
    }

    @Test("a value changed after saving (still a valid number) is a checksum error, and the module is unchanged")
    func checksumMismatch() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, text) = try savedLinear(in: folder)
        try text.replacingOccurrences(of: "bias 1 3\n0.0", with: "bias 1 3\n1.0").write(
            to: file, atomically: true, encoding: .utf8)
        var rng = RNG(seed: 10)
        let layer = Linear(2, 3, rng: &rng)
        let before = layer.parameters.map(\.data)
        #expect(throws: ParameterFileError.checksumMismatch(path: file.path)) { try layer.load(from: file) }
        #expect(layer.parameters.map(\.data) == before)
        #expect(ParameterFileError.checksumMismatch(path: file.path).description.contains("sha256"))
    }

    @Test("NaN or infinite values are refused: saving writes nothing, loading (even with a matching checksum) throws")
    func nonFiniteValues() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("nan.params")
        var rng = RNG(seed: 11)
        let layer = Linear(2, 3, rng: &rng)
        layer.weight.data[4] = .nan
        #expect(throws: ParameterFileError.nonFiniteValue(path: file.path, name: "weight", index: 4)) {
            try layer.save(to: file)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)

        let (saved, text) = try savedLinear(in: folder)
        try resealed(text.replacingOccurrences(of: "bias 1 3\n0.0 0.0", with: "bias 1 3\n0.0 inf")).write(
            to: saved, atomically: true, encoding: .utf8)
        #expect(throws: ParameterFileError.nonFiniteValue(path: saved.path, name: "bias", index: 1)) {
            try layer.load(from: saved)
        }
    }

    @Test("a truncated file is a clear error, wherever it was cut")
    func truncated() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, text) = try savedLinear(in: folder)
        let bytes = Array(text.utf8)
        var rng = RNG(seed: 6)
        let layer = Linear(2, 3, rng: &rng)
        // Cut after the header lines, in the middle of the weights, and just before "end".
        let headerEnd = text.distance(from: text.startIndex, to: text.range(of: "count")!.upperBound)
        for cut in [headerEnd, bytes.count / 2, bytes.count - 3] {
            try Data(bytes[0..<cut]).write(to: file)
            #expect(throws: ParameterFileError.self, "cut at \(cut)") { try layer.load(from: file) }
            do {
                try layer.load(from: file)
            } catch let error as ParameterFileError {
                guard case .truncated = error else {
                    Issue.record("cut at \(cut): expected .truncated, got \(error)")
                    continue
                }
                #expect(error.description.contains("truncated"))
            }
        }
        // Cut inside the first line: not recognisable as a parameter file at all.
        try Data(bytes[0..<5]).write(to: file)
        #expect(throws: ParameterFileError.notAParameterFile(path: file.path)) { try layer.load(from: file) }
    }

    @Test("a file missing a parameter the module needs is a clear error")
    func missingName() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("small.params")
        var rng = RNG(seed: 7)
        try MLP(sizes: [2, 3], rng: &rng).save(to: file)  // only "0.weight" and "0.bias"
        let bigger = MLP(sizes: [2, 3, 1], rng: &rng)
        #expect(throws: ParameterFileError.missingParameter(path: file.path, name: "2.weight")) {
            try bigger.load(from: file)
        }
        // The other way round: the file has a parameter the module lacks.
        try bigger.save(to: file)
        #expect(throws: ParameterFileError.unexpectedParameter(path: file.path, name: "2.weight")) {
            try MLP(sizes: [2, 3], rng: &rng).load(from: file)
        }
    }

    @Test("a missing file, another kind of file and a garbled number are clear errors")
    func otherBadFiles() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = RNG(seed: 8)
        let layer = Linear(2, 3, rng: &rng)
        let nowhere = folder.appendingPathComponent("absent.params")
        #expect(throws: ParameterFileError.self) { try layer.load(from: nowhere) }
        let csv = folder.appendingPathComponent("data.csv")
        try "a,b\n1,2\n".write(to: csv, atomically: true, encoding: .utf8)
        #expect(throws: ParameterFileError.notAParameterFile(path: csv.path)) { try layer.load(from: csv) }
        let (file, text) = try savedLinear(in: folder)
        try resealed(text.replacingOccurrences(of: "bias 1 3\n0.0", with: "bias 1 3\nzero")).write(
            to: file, atomically: true, encoding: .utf8)
        #expect(
            throws: ParameterFileError.malformed(path: file.path, line: 7, detail: "\"zero\" in bias is not a number")
        ) {
            try layer.load(from: file)
        }
    }

    @Test("saving into a folder that does not exist is a thrown error, not a crash")
    func unwritable() throws {
        var rng = RNG(seed: 9)
        let file = URL(fileURLWithPath: "/nonexistent-recrl-folder/net.params")
        #expect(throws: ParameterFileError.self) { try Linear(1, 1, rng: &rng).save(to: file) }
    }
}
