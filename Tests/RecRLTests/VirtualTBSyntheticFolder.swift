import Foundation
import RecRL

/// A converted VirtualTB folder written by the tests themselves (manifest.json with each file's
/// sha256 + raw float32 files, the layout of Scripts/export_virtualtb.py), with networks simple enough to work out by
/// hand. It lets the loader's errors and the environment's mechanics be tested without the
/// published weights.
struct SyntheticVirtualTB {
    /// One Linear layer: W is `outputs × inputs` row-major, as in PyTorch.
    struct Layer {
        var outputs: Int
        var inputs: Int
        var weight: [Float]
        var bias: [Float]

        /// W = 0 and b = `bias`: the output is `bias` whatever the input.
        static func constant(inputs: Int, bias: [Float]) -> Layer {
            Layer(
                outputs: bias.count, inputs: inputs, weight: [Float](repeating: 0, count: bias.count * inputs),
                bias: bias)
        }
    }

    /// The folder's path (a fresh temporary directory).
    let directory: String

    /// Writes networks whose outputs do not depend on their inputs: every generator group picks
    /// its first feature, the leave page is `leavePage`, the clicks are `clicks` and b is `b`
    /// (each logit 100 above the rest, so the draw is certain: e^-100 ≈ 4e-44).
    init(leavePage: Int, clicks: Int, b: Int) throws {
        var generatorBias = [Float](repeating: 0, count: 88)
        for group in VirtualTBModels.userGroups { generatorBias[group.lowerBound] = 100 }
        var leaveBias = [Float](repeating: 0, count: 101)
        leaveBias[leavePage] = 100
        var actionBias = [Float](repeating: 0, count: 21)
        actionBias[clicks] = 100
        actionBias[11 + b] = 100
        try self.init(networks: [
            "user_generator": [.constant(inputs: 128, bias: [0, 0]), .constant(inputs: 2, bias: generatorBias)],
            "user_leave": [
                .constant(inputs: 88, bias: [0]), .constant(inputs: 1, bias: [0, 0, 0]),
                .constant(inputs: 3, bias: leaveBias),
            ],
            "user_action": [
                .constant(inputs: 116, bias: [0]), .constant(inputs: 1, bias: [0]),
                .constant(inputs: 1, bias: actionBias),
            ],
        ])
    }

    /// Writes the given networks (Linear layers with LeakyReLU(0.01) between them).
    init(networks: [String: [Layer]]) throws {
        directory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("virtualtb-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var models: [String: Any] = [:]
        for (name, layers) in networks {
            var activations: [Any] = []
            var tensors: [[String: Any]] = []
            for (n, layer) in layers.enumerated() {
                let index = 2 * n  // nn.Sequential index: Linear, LeakyReLU, Linear, …
                if n > 0 { activations.append(["op": "leaky_relu", "negative_slope": 0.01]) }
                activations.append("linear:\(index)")
                for (part, values, shape) in [
                    ("weight", layer.weight, [layer.outputs, layer.inputs]), ("bias", layer.bias, [layer.outputs]),
                ] {
                    let file = "\(name).\(index).\(part).f32"
                    let bytes = Self.float32Bytes(values)
                    try bytes.write(to: url(file))
                    tensors.append([
                        "name": "\(index).\(part)", "file": file, "shape": shape, "bytes": bytes.count,
                        "sha256": SHA256.hex(bytes),
                    ])
                }
            }
            models[name] = ["activations": activations, "tensors": tensors]
        }
        let manifest = try JSONSerialization.data(withJSONObject: ["format": "test", "models": models])
        try manifest.write(to: url("manifest.json"))
    }

    func url(_ file: String) -> URL { URL(fileURLWithPath: directory).appendingPathComponent(file) }
    func path(_ file: String) -> String { url(file).path }

    /// Raw little-endian float32.
    static func float32Bytes(_ values: [Float]) -> Data {
        var data = Data()
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// Counts the draws it hands out (from an `RNG`), to check how many each event consumes.
struct CountingDraws: SimulatorDraws {
    var rng: RNG
    var uniforms = 0
    var exponentials = 0

    mutating func uniform() -> Double {
        uniforms += 1
        return rng.uniform()
    }
    mutating func exponential() -> Double {
        exponentials += 1
        return rng.exponential()
    }
}

/// Hands out draws from an `RNG` and keeps a log of them, to replay later with `RecordedDraws`.
struct RecordingDraws: SimulatorDraws {
    var rng: RNG
    var log: [(kind: RecordedDraws.Kind, value: Double)] = []

    mutating func uniform() -> Double {
        let u = rng.uniform()
        log.append((.uniform, u))
        return u
    }
    mutating func exponential() -> Double {
        let e = rng.exponential()
        log.append((.exponential, e))
        return e
    }
}
