import Foundation

/// One Linear layer of a VirtualTaobao network, y = W x + b (PyTorch's `nn.Linear`, W of shape
/// [out, in]).
///
/// The weight is kept transposed (Wᵀ, `inputs × outputs`, row-major), so row i of the storage is
/// the column W[:, i]: the product for one input is the row vector xᵀ·Wᵀ, and any contiguous
/// part of the input (say, only the page and action features) is a contiguous block of rows.
///
/// The weights stay float32, as published, and each is widened to Double as it is used: the
/// arithmetic is all Double (float32 → Double is exact, so the numbers are those of Double
/// storage), but the weights take half the memory traffic, which is what limits this loop.
struct VirtualTBLinear: Sendable {
    let inputs: Int
    let outputs: Int
    /// Wᵀ, `inputs × outputs`, row-major, float32 as in the files.
    let weightTransposed: [Float]
    let bias: [Double]

    /// From PyTorch's layout: `weight` is W, `outputs × inputs`, row-major.
    init(weight: [Float], bias: [Float], outputs: Int, inputs: Int) {
        precondition(
            weight.count == outputs * inputs, "Linear weight needs \(outputs * inputs) values, got \(weight.count)")
        precondition(bias.count == outputs, "Linear bias needs \(outputs) values, got \(bias.count)")
        self.inputs = inputs
        self.outputs = outputs
        var transposed = [Float](repeating: 0, count: inputs * outputs)
        for o in 0..<outputs {
            for i in 0..<inputs { transposed[i * outputs + o] = weight[o * inputs + i] }
        }
        self.weightTransposed = transposed
        self.bias = bias.map { Double($0) }
    }

    /// y = W x + b.
    func callAsFunction(_ x: [Double]) -> [Double] {
        var y = bias
        accumulate(x, fromInput: 0, into: &y)
        return y
    }

    /// y += W[:, first ..< first + x.count] · x — the contribution of one contiguous part of the
    /// input, so y = b + Σ over the parts is the whole layer.
    func accumulate(_ x: [Double], fromInput first: Int, into y: inout [Double]) {
        precondition(
            first >= 0 && first + x.count <= inputs,
            "Linear input part \(first)..<\(first + x.count) is outside the layer's \(inputs) inputs")
        precondition(y.count == outputs, "Linear output needs \(outputs) values, got \(y.count)")
        if x.isEmpty { return }
        x.withUnsafeBufferPointer { xp in
            weightTransposed.withUnsafeBufferPointer { wp in
                y.withUnsafeMutableBufferPointer { yp in
                    Self.rowTimesMatrix(
                        xp.baseAddress!, wp.baseAddress! + first * outputs, into: yp.baseAddress!,
                        k: x.count, n: outputs)
                }
            }
        }
    }

    /// y[0..<n] += x[0..<k] · B[k×n] (B row-major): one row vector times a matrix.
    ///
    /// The course's `MatrixKernel` works on Double matrices; the published weights are kept as
    /// float32 here (half the memory traffic) and widened as they are used, so this one-row loop
    /// stays. The same idea as the kernel, with one row: 16 outputs are kept in four `SIMD4<Double>`
    /// registers while p runs down the k rows of B, so each block of y is loaded and stored once
    /// and the four independent sums keep the adders busy; the last n mod 16 outputs go 4 at a
    /// time, then one at a time. Rows with xₚ = 0 add nothing and are skipped: the user is a
    /// one-hot vector (11 ones in 88).
    private static func rowTimesMatrix(
        _ x: UnsafePointer<Double>, _ b: UnsafePointer<Float>, into y: UnsafeMutablePointer<Double>,
        k: Int, n: Int
    ) {
        let rowBytes = n * 4
        var j = 0
        while j + 16 <= n {
            let out = UnsafeMutableRawPointer(y + j)
            var y0 = out.loadUnaligned(fromByteOffset: 0, as: SIMD4<Double>.self)
            var y1 = out.loadUnaligned(fromByteOffset: 32, as: SIMD4<Double>.self)
            var y2 = out.loadUnaligned(fromByteOffset: 64, as: SIMD4<Double>.self)
            var y3 = out.loadUnaligned(fromByteOffset: 96, as: SIMD4<Double>.self)
            var row = UnsafeRawPointer(b + j)  // B[p, j ..< j + 16]
            for p in 0..<k {
                defer { row += rowBytes }
                if x[p] == 0 { continue }  // a one-hot input (the user) is mostly zeros
                let xp = SIMD4<Double>(repeating: x[p])
                y0 += xp * wide(row.loadUnaligned(fromByteOffset: 0, as: SIMD4<Float>.self))
                y1 += xp * wide(row.loadUnaligned(fromByteOffset: 16, as: SIMD4<Float>.self))
                y2 += xp * wide(row.loadUnaligned(fromByteOffset: 32, as: SIMD4<Float>.self))
                y3 += xp * wide(row.loadUnaligned(fromByteOffset: 48, as: SIMD4<Float>.self))
            }
            out.storeBytes(of: y0, toByteOffset: 0, as: SIMD4<Double>.self)
            out.storeBytes(of: y1, toByteOffset: 32, as: SIMD4<Double>.self)
            out.storeBytes(of: y2, toByteOffset: 64, as: SIMD4<Double>.self)
            out.storeBytes(of: y3, toByteOffset: 96, as: SIMD4<Double>.self)
            j += 16
        }
        while j + 4 <= n {
            let out = UnsafeMutableRawPointer(y + j)
            var y0 = out.loadUnaligned(as: SIMD4<Double>.self)
            var row = UnsafeRawPointer(b + j)
            for p in 0..<k {
                y0 += x[p] * wide(row.loadUnaligned(as: SIMD4<Float>.self))
                row += rowBytes
            }
            out.storeBytes(of: y0, as: SIMD4<Double>.self)
            j += 4
        }
        while j < n {
            var sum = y[j]
            for p in 0..<k { sum += x[p] * Double(b[p * n + j]) }
            y[j] = sum
            j += 1
        }
    }

    /// float32 ×4 → Double ×4 (exact).
    @inline(__always)
    private static func wide(_ v: SIMD4<Float>) -> SIMD4<Double> {
        SIMD4<Double>(Double(v[0]), Double(v[1]), Double(v[2]), Double(v[3]))
    }
}

/// One of the three published VirtualTaobao networks: Linear layers with LeakyReLU between them,
/// exactly as listed in the manifest (PyTorch's `nn.Sequential`).
struct VirtualTBNetwork: Sendable {
    enum Step: Sendable {
        case linear(VirtualTBLinear)
        /// LeakyReLU(x) = x for x ≥ 0, slope · x otherwise (PyTorch's default slope is 0.01).
        case leakyReLU(slope: Double)
    }

    let name: String
    let steps: [Step]

    var inputs: Int { firstLinear.inputs }
    var outputs: Int { linears.last!.outputs }
    var linears: [VirtualTBLinear] {
        steps.compactMap { step in
            if case .linear(let layer) = step { return layer }
            return nil
        }
    }
    /// The first step, which the loader checks is a Linear layer.
    var firstLinear: VirtualTBLinear {
        guard case .linear(let layer) = steps[0] else { preconditionFailure("\(name) must start with a Linear layer") }
        return layer
    }

    /// The network's output for one input vector.
    func callAsFunction(_ x: [Double]) -> [Double] {
        precondition(x.count == inputs, "\(name) needs \(inputs) inputs, got \(x.count)")
        return run(x, fromStep: 0)
    }

    /// Runs `steps[first...]` on `x` (e.g. `fromStep: 1` on the first layer's output).
    func run(_ x: [Double], fromStep first: Int) -> [Double] {
        var h = x
        for step in steps[first...] {
            switch step {
            case .linear(let layer):
                h = layer(h)
            case .leakyReLU(let slope):
                h = h.map { $0 < 0 ? slope * $0 : $0 }
            }
        }
        return h
    }

    /// Builds the network `name` from its manifest entry, reading each tensor file in `directory`.
    static func load(
        name: String, from manifest: VirtualTBManifest, directory: String
    ) throws(VirtualTBError) -> VirtualTBNetwork {
        let manifestPath = (directory as NSString).appendingPathComponent("manifest.json")
        guard let model = manifest.models[name] else {
            throw .malformedManifest(path: manifestPath, reason: "no model \"\(name)\" under \"models\"")
        }
        func tensor(_ tensorName: String) throws(VirtualTBError) -> VirtualTBManifest.TensorEntry {
            guard let entry = model.tensors.first(where: { $0.name == tensorName }) else {
                throw .malformedManifest(path: manifestPath, reason: "\(name) has no tensor \"\(tensorName)\"")
            }
            return entry
        }
        var steps: [Step] = []
        var width: Int? = nil  // the previous layer's output size
        for step in model.activations {
            switch step {
            case .leakyReLU(let slope):
                steps.append(.leakyReLU(slope: slope))
            case .linear(let index):
                let weightEntry = try tensor("\(index).weight")
                let biasEntry = try tensor("\(index).bias")
                guard weightEntry.shape.count == 2, weightEntry.shape.allSatisfy({ (1...1_000_000).contains($0) })
                else {
                    throw .malformedManifest(
                        path: manifestPath,
                        reason:
                            "\(name) \(index).weight needs a shape [out, in] of sizes 1…1000000, got \(weightEntry.shape)"
                    )
                }
                let (outputs, inputs) = (weightEntry.shape[0], weightEntry.shape[1])
                guard biasEntry.shape == [outputs] else {
                    throw .wrongShape(model: name, what: "\(index).bias", expected: [outputs], got: biasEntry.shape)
                }
                if let width, width != inputs {
                    throw .wrongShape(
                        model: name, what: "\(index).weight", expected: [outputs, width], got: weightEntry.shape)
                }
                let weight = try VirtualTBFiles.readFloat32(
                    (directory as NSString).appendingPathComponent(weightEntry.file), shape: weightEntry.shape,
                    sha256: weightEntry.sha256)
                let bias = try VirtualTBFiles.readFloat32(
                    (directory as NSString).appendingPathComponent(biasEntry.file), shape: biasEntry.shape,
                    sha256: biasEntry.sha256)
                steps.append(.linear(VirtualTBLinear(weight: weight, bias: bias, outputs: outputs, inputs: inputs)))
                width = outputs
            }
        }
        guard case .linear = steps.first else {
            throw .malformedManifest(path: manifestPath, reason: "\(name) must start with a linear layer")
        }
        return VirtualTBNetwork(name: name, steps: steps)
    }
}
