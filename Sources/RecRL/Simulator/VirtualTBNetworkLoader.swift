import Foundation

/// Reads one of the three published VirtualTaobao networks from a converted folder as an
/// ordinary `MLP`, through the library's parameter machinery (`Module.load(_:from:)`).
///
/// The manifest lists a network as PyTorch's `nn.Sequential`: Linear layers with LeakyReLU(0.01)
/// between them — exactly the layout of `MLP(sizes:activation: .leakyRelu)`. A Linear layer's file
/// holds W as [out, in] (PyTorch computes y = W x + b); the course's `Linear` keeps the transpose,
/// [in, out] (y = x W + b), so each weight is transposed on the way in. float32 → Double is exact.
enum VirtualTBNetworkLoader {
    /// The network `name` ("user_generator", "user_leave" or "user_action"): every tensor file is
    /// checked (size, sha256, finite values) and every layer's shape against its neighbours'.
    static func load(
        name: String, from manifest: VirtualTBManifest, directory: String
    ) throws(VirtualTBError) -> MLP {
        let manifestPath = (directory as NSString).appendingPathComponent("manifest.json")
        func malformed(_ reason: String) -> VirtualTBError { .malformedManifest(path: manifestPath, reason: reason) }
        guard let model = manifest.models[name] else { throw malformed("no model \"\(name)\" under \"models\"") }
        func tensor(_ tensorName: String) throws(VirtualTBError) -> VirtualTBManifest.TensorEntry {
            guard let entry = model.tensors.first(where: { $0.name == tensorName }) else {
                throw malformed("\(name) has no tensor \"\(tensorName)\"")
            }
            return entry
        }
        func read(_ entry: VirtualTBManifest.TensorEntry) throws(VirtualTBError) -> [Float] {
            try VirtualTBFiles.readFloat32(
                (directory as NSString).appendingPathComponent(entry.file), shape: entry.shape, sha256: entry.sha256)
        }

        var sizes: [Int] = []  // the MLP's feature sizes, input first
        var entries: [ParameterFile.Entry] = []  // its parameters, named as MLP names them
        var expectsLinear = true
        for step in model.activations {
            switch step {
            case .leakyReLU(let slope):
                guard !expectsLinear else { throw malformed("\(name): a LeakyReLU must follow a linear layer") }
                guard slope == 0.01 else {
                    throw malformed("\(name): LeakyReLU slope \(slope); the library's (and the original's) is 0.01")
                }
                expectsLinear = true
            case .linear(let index):
                guard expectsLinear else { throw malformed("\(name): linear:\(index) follows a linear layer directly") }
                let weightEntry = try tensor("\(index).weight")
                let biasEntry = try tensor("\(index).bias")
                guard weightEntry.shape.count == 2, weightEntry.shape.allSatisfy({ (1...1_000_000).contains($0) })
                else {
                    throw malformed(
                        "\(name) \(index).weight needs a shape [out, in] of sizes 1…1000000, got \(weightEntry.shape)")
                }
                let (outputs, inputs) = (weightEntry.shape[0], weightEntry.shape[1])
                guard biasEntry.shape == [outputs] else {
                    throw .wrongShape(model: name, what: "\(index).bias", expected: [outputs], got: biasEntry.shape)
                }
                if let width = sizes.last, width != inputs {
                    throw .wrongShape(
                        model: name, what: "\(index).weight", expected: [outputs, width], got: weightEntry.shape)
                }
                let weight = try read(weightEntry)
                let bias = try read(biasEntry)
                if sizes.isEmpty { sizes.append(inputs) }
                sizes.append(outputs)
                var transposed = [Double](repeating: 0, count: inputs * outputs)
                for o in 0..<outputs {
                    for i in 0..<inputs { transposed[i * outputs + o] = Double(weight[o * inputs + i]) }
                }
                let layer = 2 * (sizes.count - 2)  // MLP's index: Linear, activation, Linear, …
                entries.append(.init(name: "\(layer).weight", rows: inputs, cols: outputs, values: transposed))
                entries.append(.init(name: "\(layer).bias", rows: 1, cols: outputs, values: bias.map { Double($0) }))
                expectsLinear = false
            }
        }
        guard !sizes.isEmpty, !expectsLinear else { throw malformed("\(name) must start and end with a linear layer") }

        var placeholder = RNG(seed: 0)  // the MLP's initial weights, every one replaced just below
        let network = MLP(sizes: sizes, activation: .leakyRelu, rng: &placeholder)
        do {
            try network.load(entries, from: manifestPath)
        } catch {
            throw malformed("\(name): \(error)")
        }
        network.freeze()  // simulator networks are only evaluated: no gradient graph is recorded
        return network
    }
}
