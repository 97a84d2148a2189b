import Foundation
import Testing

@testable import RecRL

@Suite("Customer generator file")
struct GANGeneratorFileTests {
    func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("recrl-generator-\(UUID().uuidString)-\(name)")
    }

    @Test("a saved generator loads back with the same sizes and the same logits")
    func roundTrip() throws {
        var rng = RNG(seed: 1)
        let generator = GANGenerator(noiseSize: 5, hidden: [7, 6], rng: &rng)
        let url = temporaryFile("ok.params")
        defer { try? FileManager.default.removeItem(at: url) }
        try generator.write(to: url)
        let loaded = try GANGenerator.load(from: url)
        #expect(loaded.noiseSize == 5 && loaded.network.sizes == [5, 7, 6, 88])
        let z = generator.noise(count: 3, rng: &rng)
        #expect(loaded.logits(z).data == generator.logits(z).data)
    }

    @Test("a wrong version, a wrong shape, another network, a missing or a cut file: each a clear error")
    func badFiles() throws {
        var rng = RNG(seed: 2)
        let url = temporaryFile("bad.params")
        defer { try? FileManager.default.removeItem(at: url) }
        try GANGenerator(noiseSize: 4, hidden: [8], rng: &rng).write(to: url)
        let good = try String(contentsOf: url, encoding: .utf8)

        try good.replacingOccurrences(of: "version \(ParameterFile.version)\n", with: "version 99\n").write(
            to: url, atomically: true, encoding: .utf8)
        #expect(
            throws: ParameterFileError.unsupportedVersion(path: url.path, found: 99, supported: ParameterFile.version)
        ) {
            try GANGenerator.load(from: url)
        }

        try String(good.dropLast(5)).write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: ParameterFileError.self) { try GANGenerator.load(from: url) }

        // An MLP with 87 outputs saved under the generator's names.
        let wrong = MLP(sizes: [4, 8, 87], activation: .relu, rng: &rng)
        try ParameterFile.write(wrong.namedParameters(prefixedBy: "generator"), to: url)
        do {
            _ = try GANGenerator.load(from: url)
            Issue.record("an 87-output network loaded as a customer generator")
        } catch let error as GANGeneratorFileError {
            #expect(error.description.contains("87 outputs"))
        }

        try ParameterFile.write(MLP(sizes: [4, 88], rng: &rng).namedParameters, to: url)
        #expect(throws: GANGeneratorFileError.notAGenerator(path: url.path)) {
            try GANGenerator.load(from: url)
        }

        let missing = temporaryFile("missing.params")
        #expect(throws: ParameterFileError.self) { try GANGenerator.load(from: missing) }
    }
}
