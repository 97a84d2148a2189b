import Foundation

/// The generator G of GAN-SD (and of the GAN and the WGAN): noise z ~ N(0, I) → MLP (ReLU) → 88
/// logits → a softmax per attribute group [8, 8, 11, 11, 11, 11, 2, 2, 3, 18, 3]. A customer is one
/// draw per group from those softmaxes (Shi et al. 2019, Algorithm 1's p_𝒢).
///
/// Its parameters are named "generator.0.weight", "generator.0.bias", "generator.2.weight", … in
/// the library's versioned parameter file (`ParameterFile`), so `GANGenerator.load(from:)`
/// can rebuild the network from a file alone (chapter 8 draws its virtual customers this way).
public final class GANGenerator: Module, CustomerModel {
    /// The size of the noise z.
    public let noiseSize: Int
    /// z → hidden layers → 88 logits.
    public let network: MLP

    /// A generator with hidden layers `hidden` (e.g. [128, 128]).
    public init(noiseSize: Int, hidden: [Int], rng: inout RNG) {
        precondition(noiseSize > 0 && hidden.allSatisfy { $0 > 0 }, "GANGenerator: sizes must be positive")
        self.noiseSize = noiseSize
        network = MLP(sizes: [noiseSize] + hidden + [TaobaoLayout.staticSize], activation: .relu, rng: &rng)
    }

    public var namedParameters: [(name: String, tensor: Tensor)] { network.namedParameters(prefixedBy: "generator") }

    /// A batch of noise, [count × noiseSize].
    public func noise(count: Int, rng: inout RNG) -> Tensor { Tensor.normal(count, noiseSize, rng: &rng) }

    /// The 88 logits of each noise row.
    public func logits(_ z: Tensor) -> Tensor { network(z) }

    /// `count` customers: one draw per group from softmax(logits) of fresh noise (drawn in chunks).
    public func sample(count: Int, rng: inout RNG) -> CustomerSet {
        var out = CustomerSet()
        var left = count
        while left > 0 {
            let n = min(left, 4_096)
            let rows = Tensor.withoutGradients {
                GroupedOneHotCategorical(logits: logits(noise(count: n, rng: &rng))).sample(rng: &rng)
            }
            out.append(contentsOf: CustomerSet(oneHot: rows))
            left -= n
        }
        return out
    }

    /// Saves the generator to `url` in the versioned parameter format.
    public func write(to url: URL) throws { try save(to: url) }

    /// Rebuilds a generator from a file written by `write(to:)`: the layer sizes come from the
    /// weights' shapes. A file of another version, of another network, or whose shapes do not
    /// chain into 88 outputs is a `GANGeneratorFileError` or `ParameterFileError` naming it.
    public static func load(from url: URL) throws -> GANGenerator {
        let entries = try ParameterFile.read(from: url)
        let path = url.path
        let weights = entries.filter { $0.name.hasPrefix("generator.") && $0.name.hasSuffix(".weight") }
        guard !weights.isEmpty else { throw GANGeneratorFileError.notAGenerator(path: path) }
        var sizes = [weights[0].rows]
        for w in weights {
            guard w.rows == sizes.last! else {
                throw GANGeneratorFileError.badShape(
                    path: path,
                    detail: "\(w.name) is [\(w.rows), \(w.cols)] but the layer before has \(sizes.last!) outputs")
            }
            sizes.append(w.cols)
        }
        guard sizes.last == TaobaoLayout.staticSize else {
            throw GANGeneratorFileError.badShape(
                path: path, detail: "the last layer has \(sizes.last!) outputs, a customer generator has 88")
        }
        var rng = RNG(seed: 0)
        let generator = GANGenerator(noiseSize: sizes[0], hidden: Array(sizes.dropFirst().dropLast()), rng: &rng)
        try generator.load(from: url)  // checks every name and shape, then copies the values
        return generator
    }
}

/// What is wrong with a file given as a customer generator.
public enum GANGeneratorFileError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case notAGenerator(path: String)
    case badShape(path: String, detail: String)

    public var description: String {
        switch self {
        case .notAGenerator(let path):
            "\(path) is a parameter file but not a customer generator (no \"generator.*.weight\" parameters)"
        case .badShape(let path, let detail): "\(path) is not a customer generator of the 88-dim layout: \(detail)"
        }
    }
    public var errorDescription: String? { description }
}
