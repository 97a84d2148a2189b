import Foundation

/// The table of contents of a converted VirtualTB-v0 folder (`manifest.json`), as written by
/// `Scripts/export_virtualtb.py`:
///
///     { "models": { "user_generator": { "activations": ["linear:0", {"op": "leaky_relu",
///                                        "negative_slope": 0.01}, "linear:2"],
///                                       "tensors": [{"name": "0.weight", "file": "…f32",
///                                                    "shape": [128, 128], …}, …] }, … } }
///
/// Only the fields the port needs are decoded (the rest, sources and prose, are ignored); every
/// tensor's `sha256` is required and checked against its file.
struct VirtualTBManifest: Decodable {
    let models: [String: Model]

    /// One network: its layers in order and the files that hold their tensors.
    struct Model: Decodable {
        let activations: [LayerStep]
        let tensors: [TensorEntry]
        /// The generator's 11 feature groups as [start, end) pairs (only for `user_generator`).
        let groups: [[Int]]?
    }

    /// One tensor of a network: PyTorch's state-dict name (e.g. "0.weight"), its file, shape and
    /// the SHA-256 of the file (64 hex digits).
    struct TensorEntry: Decodable {
        let name: String
        let file: String
        let shape: [Int]
        let sha256: String
    }

    /// One entry of a network's `activations` list: either `"linear:N"` (the PyTorch
    /// `nn.Sequential` index N of a Linear layer, whose tensors are "N.weight" and "N.bias") or
    /// `{"op": "leaky_relu", "negative_slope": s}`.
    enum LayerStep: Decodable, Equatable {
        case linear(index: String)
        case leakyReLU(slope: Double)

        private struct Activation: Decodable {
            let op: String
            let negative_slope: Double?
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                guard text.hasPrefix("linear:") else {
                    throw DecodingError.dataCorruptedError(
                        in: container, debugDescription: "unknown layer \"\(text)\" (expected \"linear:N\")")
                }
                self = .linear(index: String(text.dropFirst("linear:".count)))
                return
            }
            let activation = try container.decode(Activation.self)
            guard activation.op == "leaky_relu" else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "unknown activation \"\(activation.op)\" (expected leaky_relu)")
            }
            self = .leakyReLU(slope: activation.negative_slope ?? 0.01)
        }
    }

    /// Reads and decodes `manifest.json` in `directory`.
    static func load(directory: String) throws(VirtualTBError) -> VirtualTBManifest {
        let path = (directory as NSString).appendingPathComponent("manifest.json")
        let data = try VirtualTBFiles.read(path)
        do {
            return try JSONDecoder().decode(VirtualTBManifest.self, from: data)
        } catch let error as DecodingError {
            throw .malformedManifest(path: path, reason: VirtualTBFiles.explain(error))
        } catch {
            throw .malformedManifest(path: path, reason: "\(error)")
        }
    }
}

/// Reading the folder's files, turning every failure into a `VirtualTBError`.
enum VirtualTBFiles {
    /// Checks that `directory` exists and is a folder.
    static func checkDirectory(_ directory: String) throws(VirtualTBError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw .missingDirectory(path: directory)
        }
        guard isDirectory.boolValue else { throw .notADirectory(path: directory) }
    }

    /// The bytes of the file at `path`.
    static func read(_ path: String) throws(VirtualTBError) -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
    }

    /// A raw little-endian float32 file of `shape` (row-major), checked in this order: its size
    /// is exactly 4 × (product of `shape`) bytes, its SHA-256 is `sha256` (as the manifest lists
    /// it), and every value is finite.
    static func readFloat32(_ path: String, shape: [Int], sha256: String) throws(VirtualTBError) -> [Float] {
        let count = shape.reduce(1, *)
        let data = try read(path)
        guard data.count == 4 * count else {
            throw .wrongFileSize(path: path, expectedBytes: 4 * count, gotBytes: data.count)
        }
        let digest = SHA256.hex(data)
        guard digest == sha256.lowercased() else {
            throw .checksumMismatch(path: path, expected: sha256, got: digest)
        }
        let values = data.withUnsafeBytes { raw in
            (0..<count).map { i in
                let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                return Float(bitPattern: bits)
            }
        }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteWeight(path: path, index: index, value: values[index])
        }
        return values
    }

    /// A one-line reason from a JSON decoding error (which field, what was wrong).
    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "top level" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key \"\(key.stringValue)\" at \(path(context))"
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context)): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "missing \(type) value at \(path(context))"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            return "\(context.debugDescription) at \(path(context))\(underlying)"
        @unknown default:
            return "\(error)"
        }
    }
}
