import Foundation
import RecRL
import Testing

/// Loading a converted folder: every bad input is a thrown `VirtualTBError` naming the file and
/// what was expected, never a crash.
@Suite("VirtualTB loader: clear errors for bad folders")
struct VirtualTBLoaderTests {
    @Test("a well-formed folder loads, and its networks compute what their weights say")
    func loadsSyntheticFolder() throws {
        let folder = try SyntheticVirtualTB(leavePage: 3, clicks: 2, b: 5)
        defer { folder.remove() }
        let models = try VirtualTBModels(directory: folder.directory)
        // Leave logits: 100 at page 3, 0 elsewhere, so P(3) = e¹⁰⁰ / (e¹⁰⁰ + 100) ≈ 1 − 100 e⁻¹⁰⁰.
        let leave = models.leaveProbabilities(user: [Double](repeating: 0, count: 88))
        #expect(abs(leave[3] - 1) < 1e-12)
        #expect(abs(leave[0] - exp(-100.0)) < 1e-55)
        let out = models.actionOutputs(
            user: [Double](repeating: 0, count: 88), page: 0, action: [Double](repeating: 0, count: 27))
        #expect(out.logits[2] == 100 && out.logits[16] == 100 && out.logits[0] == 0)
        #expect(abs(out.clickProbabilities[2] - 1) < 1e-12 && abs(out.bProbabilities[5] - 1) < 1e-12)
    }

    @Test("a missing folder is an error saying that folder does not exist (not that a file is missing)")
    func missingFolder() {
        let path = "/nonexistent/virtualtb-\(UUID().uuidString)"
        let error = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: path) }
        #expect(error == .missingDirectory(path: path))
        let message = error?.description ?? ""
        #expect(message.contains("the folder \(path) does not exist"), "\(message)")
    }

    @Test("a file given as the folder is an error saying it is not a folder")
    func fileInsteadOfFolder() throws {
        let folder = try SyntheticVirtualTB(leavePage: 3, clicks: 2, b: 5)
        defer { folder.remove() }
        let path = folder.path("manifest.json")
        let error = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: path) }
        #expect(error == .notADirectory(path: path))
    }

    @Test("a weight file changed after the export is a checksum error naming the file and both digests")
    func checksumMismatch() throws {
        let folder = try SyntheticVirtualTB(leavePage: 3, clicks: 2, b: 5)
        defer { folder.remove() }
        // Same size, one float changed: only the sha256 in the manifest can tell.
        let file = "user_leave.4.bias.f32"
        let original = try Data(contentsOf: folder.url(file))
        var values = (0..<101).map { _ in Float(0) }
        values[3] = 100
        #expect(SyntheticVirtualTB.float32Bytes(values) == original)
        values[7] = 1
        let changed = SyntheticVirtualTB.float32Bytes(values)
        try changed.write(to: folder.url(file))
        let error = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: folder.directory) }
        #expect(
            error
                == .checksumMismatch(path: folder.path(file), expected: SHA256.hex(original), got: SHA256.hex(changed)))
        let message = error?.description ?? ""
        #expect(message.contains(file) && message.contains("sha256"), "\(message)")
    }

    @Test("a manifest tensor without its sha256 is a malformed-manifest error")
    func missingChecksum() throws {
        let folder = try SyntheticVirtualTB(leavePage: 3, clicks: 2, b: 5)
        defer { folder.remove() }
        try editManifest(folder) { tensors in tensors[0]["sha256"] = nil }
        let error = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: folder.directory) }
        #expect(error?.description.contains("missing key \"sha256\"") == true, "\(String(describing: error))")
    }

    @Test("a NaN or infinite weight (with a matching sha256) is refused, naming the file and the float")
    func nonFiniteWeight() throws {
        typealias Layer = SyntheticVirtualTB.Layer
        for bad in [Float.nan, -Float.infinity] {
            var hidden = Layer.constant(inputs: 1, bias: [0, 0, 0])
            hidden.weight[1] = bad
            let folder = try SyntheticVirtualTB(networks: [
                "user_generator": [
                    .constant(inputs: 128, bias: [0]), .constant(inputs: 1, bias: [Float](repeating: 0, count: 88)),
                ],
                "user_leave": [
                    .constant(inputs: 88, bias: [0]), hidden,
                    .constant(inputs: 3, bias: [Float](repeating: 0, count: 101)),
                ],
                "user_action": [
                    .constant(inputs: 116, bias: [0]), .constant(inputs: 1, bias: [Float](repeating: 0, count: 21)),
                ],
            ])
            defer { folder.remove() }
            let error = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: folder.directory) }
            guard case .nonFiniteWeight(let path, let index, let value) = error else {
                Issue.record("expected nonFiniteWeight, got \(String(describing: error))")
                continue
            }
            #expect(path == folder.path("user_leave.2.weight.f32") && index == 1)
            #expect(value.isNaN == bad.isNaN && value.isInfinite == bad.isInfinite)
            #expect(error?.description.contains("non-finite") == true)
        }
    }

    @Test("--virtualtb: the chapters' one message is \"Error: --virtualtb DIR: \" and the loader's reason")
    func optionMessage() throws {
        let path = "/nonexistent/virtualtb-\(UUID().uuidString)"
        var option = try VirtualTBOption.parse(["--virtualtb", path])
        #expect(option.directory == path && option.isGiven)
        let error = #expect(throws: VirtualTBError.self) { try option.load() }
        #expect(
            VirtualTBOption.message(directory: path, error: try #require(error))
                == "Error: --virtualtb \(path): \(VirtualTBError.missingDirectory(path: path))")
        #expect(VirtualTBOption.exitCode == 64)
        option = try VirtualTBOption.parse([])
        #expect(!option.isGiven)
        #expect(try option.load() == nil)
    }

    @Test("a folder without manifest.json is a missing-file error")
    func missingManifest() throws {
        let folder = try SyntheticVirtualTB(leavePage: 3, clicks: 2, b: 5)
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.path("manifest.json"))
        let error = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: folder.directory) }
        #expect(error == .missingFile(path: folder.path("manifest.json")))
    }

    @Test("a manifest that is not JSON, or lacks a network, is a malformed-manifest error")
    func malformedManifest() throws {
        let folder = try SyntheticVirtualTB(leavePage: 3, clicks: 2, b: 5)
        defer { folder.remove() }
        let manifest = folder.path("manifest.json")

        try Data("{ \"models\": [1, 2".utf8).write(to: folder.url("manifest.json"))
        let notJSON = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: folder.directory) }
        guard case .malformedManifest(let path, _) = notJSON else {
            Issue.record("expected malformedManifest, got \(String(describing: notJSON))")
            return
        }
        #expect(path == manifest)
        #expect(notJSON?.description.contains("manifest.json") == true)

        try Data("{ \"models\": {} }".utf8).write(to: folder.url("manifest.json"))
        let noModel = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: folder.directory) }
        #expect(noModel == .malformedManifest(path: manifest, reason: "no model \"user_generator\" under \"models\""))

        try Data("{ \"model\": {} }".utf8).write(to: folder.url("manifest.json"))
        let noModels = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: folder.directory) }
        #expect(noModels?.description.contains("missing key \"models\"") == true, "\(String(describing: noModels))")
    }

    /// Rewrites the tensor list of `user_leave` in the folder's manifest.
    private func editManifest(_ folder: SyntheticVirtualTB, _ edit: (inout [[String: Any]]) -> Void) throws {
        let url = folder.url("manifest.json")
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var models = try #require(manifest["models"] as? [String: Any])
        var leave = try #require(models["user_leave"] as? [String: Any])
        var tensors = try #require(leave["tensors"] as? [[String: Any]])
        edit(&tensors)
        leave["tensors"] = tensors
        models["user_leave"] = leave
        manifest["models"] = models
        try JSONSerialization.data(withJSONObject: manifest).write(to: url)
    }

    @Test("a weight shape that is not [out, in] of positive sizes is a malformed-manifest error")
    func badShapeInManifest() throws {
        let folder = try SyntheticVirtualTB(leavePage: 3, clicks: 2, b: 5)
        defer { folder.remove() }
        try editManifest(folder) { tensors in tensors[0]["shape"] = [-1, 88] }  // "0.weight"
        let error = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: folder.directory) }
        #expect(
            error
                == .malformedManifest(
                    path: folder.path("manifest.json"),
                    reason: "user_leave 0.weight needs a shape [out, in] of sizes 1…1000000, got [-1, 88]"))
    }

    @Test("a truncated weight file is an error giving the expected and the actual size")
    func truncatedFile() throws {
        let folder = try SyntheticVirtualTB(leavePage: 3, clicks: 2, b: 5)
        defer { folder.remove() }
        // user_action's last layer: W is 21 × 1 floats = 84 bytes; keep 80 of them.
        let file = "user_action.4.weight.f32"
        let data = try Data(contentsOf: folder.url(file))
        #expect(data.count == 84)
        try data.prefix(80).write(to: folder.url(file))
        let error = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: folder.directory) }
        #expect(error == .wrongFileSize(path: folder.path(file), expectedBytes: 84, gotBytes: 80))
        let message = error?.description ?? ""
        #expect(message.contains(file) && message.contains("84") && message.contains("80"), "\(message)")
    }

    @Test("a missing weight file is a missing-file error naming it")
    func missingWeightFile() throws {
        let folder = try SyntheticVirtualTB(leavePage: 3, clicks: 2, b: 5)
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.path("user_leave.2.bias.f32"))
        let error = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: folder.directory) }
        #expect(error == .missingFile(path: folder.path("user_leave.2.bias.f32")))
    }

    @Test("networks of the wrong sizes are shape errors saying expected and got")
    func wrongShapes() throws {
        typealias Layer = SyntheticVirtualTB.Layer
        let leave: [Layer] = [
            .constant(inputs: 88, bias: [0]), .constant(inputs: 1, bias: [Float](repeating: 0, count: 101)),
        ]
        let action: [Layer] = [
            .constant(inputs: 116, bias: [0]), .constant(inputs: 1, bias: [Float](repeating: 0, count: 21)),
        ]

        // The generator gives 87 features instead of 88.
        let short = try SyntheticVirtualTB(networks: [
            "user_generator": [
                .constant(inputs: 128, bias: [0]), .constant(inputs: 1, bias: [Float](repeating: 0, count: 87)),
            ],
            "user_leave": leave, "user_action": action,
        ])
        defer { short.remove() }
        let error = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: short.directory) }
        #expect(
            error
                == .wrongShape(
                    model: "user_generator", what: "input → output sizes", expected: [128, 88], got: [128, 87]))

        // The second layer expects 3 inputs but the first gives 2.
        let broken = try SyntheticVirtualTB(networks: [
            "user_generator": [
                .constant(inputs: 128, bias: [0, 0]), .constant(inputs: 3, bias: [Float](repeating: 0, count: 88)),
            ],
            "user_leave": leave, "user_action": action,
        ])
        defer { broken.remove() }
        let chain = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: broken.directory) }
        #expect(chain == .wrongShape(model: "user_generator", what: "2.weight", expected: [88, 2], got: [88, 3]))
    }
}
