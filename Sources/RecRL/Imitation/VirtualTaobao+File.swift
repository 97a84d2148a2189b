import Foundation

/// Why a Virtual Taobao file could not be read or written (a damaged, cut or foreign file is a
/// `ParameterFileError` from the layer underneath; what is wrong with the simulator it describes
/// is one of these).
public enum VirtualTaobaoFileError: Error, Equatable, CustomStringConvertible {
    /// The file is a parameter file but not a saved Virtual Taobao.
    case notAVirtualTaobao(path: String)
    case unsupportedVersion(path: String, found: Int, expected: Int)
    /// The file says something impossible (a layer size, a group, an attribute out of range).
    case invalid(path: String, reason: String)
    /// The simulator has a part the format does not store.
    case unsavable(reason: String)

    public var description: String {
        switch self {
        case .notAVirtualTaobao(let path):
            "\(path) is a RecRL parameter file but not a saved Virtual Taobao (it has no \"virtualTaobao.format\")"
        case .unsupportedVersion(let path, let found, let expected):
            "\(path) is a Virtual Taobao of format \(found); this build reads format \(expected) only "
                + "(build the simulator again and save it)"
        case .invalid(let path, let reason): "\(path) is not a valid Virtual Taobao: \(reason)"
        case .unsavable(let reason): "this Virtual Taobao cannot be saved: \(reason)"
        }
    }
}

/// One file holds a whole Virtual Taobao: its configuration, its customer distribution P^c and
/// its customer policy π^c, in the library's checksummed parameter format (`ParameterFile`, so a
/// cut or damaged file is found before anything is read). The entries, in order:
///
///     virtualTaobao.format      [1×1]  format version (2)
///     virtualTaobao.config      [1×4]  page cap, reward (0 clicks, 1 purchase),
///                                      factorisation (0 independent, 1 joint),
///                                      customers (0 logged, 1 generator over U[0, 1) noise,
///                                      2 chapter 7's GAN-SD generator over N(0, I) noise)
///     customer.sizes            [1×L]  the customer network's layer sizes (118 … 14 or 33)
///     customer.0.weight …              the customer network (tanh MLP)
///     customers.attributes      [N×11] logged customers: their attribute values
///   or
///     generator.sizes           [1×L]  the generator network's layer sizes (noise … 88)
///     generator.activation      [1×1]  its nonlinearity (index in `Activation.allCases`)
///     generator.groups          [1×G]  the sizes of its softmax groups
///     generator.0.weight …             the generator network
///   or
///     generator.sizes           [1×L]  the GAN-SD generator's layer sizes (noise … 88; ReLU, and
///                                      one softmax per attribute group, as `GANGenerator`)
///     generator.0.weight …             its network, named as `GANGenerator` names it
///
/// Every weight's shape is checked against the stated layer sizes before a network is built, so a
/// file with wrong shapes is an error, never a crash or a huge allocation. Format 1 (before the
/// GAN-SD customers) is refused with `unsupportedVersion`.
///
/// The session stream is not saved: a loaded simulator starts as a new one does, and
/// `reset(seed:)` makes its sessions a function of the seed.
extension VirtualTaobao {
    /// The format version this build writes and reads.
    public static let fileFormat = 2

    /// Writes the simulator to `path` (atomically, as every parameter file).
    public func save(to path: String) throws {
        var entries: [(name: String, tensor: Tensor)] = []
        func put(_ name: String, _ values: [Double], rows: Int = 1) {
            entries.append((name, Tensor(rows: rows, cols: values.count / rows, data: values)))
        }
        let customerKind: Double
        switch customers {
        case .logged: customerKind = 0
        case .generator: customerKind = 1
        case .gan: customerKind = 2
        }
        put("virtualTaobao.format", [Double(Self.fileFormat)])
        put(
            "virtualTaobao.config",
            [
                Double(maxPages), reward == .clicks ? 0 : 1, customerPolicy.factorisation == .independent ? 0 : 1,
                customerKind,
            ])
        put("customer.sizes", customerPolicy.network.sizes.map(Double.init))
        entries += customerPolicy.namedParameters
        switch customers {
        case .logged(let logged):
            put("customers.attributes", logged.attributes.map(Double.init), rows: logged.count)
        case .generator(let generator):
            let network = generator.network
            if network.layers.contains(where: { if case .layerNorm = $0 { true } else { false } }) {
                throw VirtualTaobaoFileError.unsavable(reason: "its generator network has layer norms")
            }
            let activation = network.layers.lazy.compactMap { if case .activation(let f) = $0 { f } else { nil } }.first
            put("generator.sizes", network.sizes.map(Double.init))
            put("generator.activation", [Double(Activation.allCases.firstIndex(of: activation ?? .none)!)])
            put("generator.groups", generator.groups.map { Double($0.count) })
            entries += network.namedParameters(prefixedBy: "generator")
        case .gan(let generator):
            put("generator.sizes", generator.network.sizes.map(Double.init))
            entries += generator.namedParameters
        }
        try ParameterFile.write(entries, to: URL(fileURLWithPath: path))
    }

    /// Reads a simulator written by `save(to:)`, starting its session stream from `seed`. Throws
    /// `ParameterFileError` for a missing, foreign, cut or damaged file and
    /// `VirtualTaobaoFileError` for a file that is not a Virtual Taobao of this format.
    public static func load(from path: String, seed: UInt64 = 0) throws -> VirtualTaobao {
        let entries = try ParameterFile.read(from: URL(fileURLWithPath: path))
        var byName: [String: ParameterFile.Entry] = [:]
        for e in entries { byName[e.name] = e }
        func invalid(_ reason: String) -> VirtualTaobaoFileError { .invalid(path: path, reason: reason) }
        guard let format = byName["virtualTaobao.format"] else {
            throw VirtualTaobaoFileError.notAVirtualTaobao(path: path)
        }
        guard format.values.count == 1, let found = Int(exactly: format.values[0]) else {
            throw invalid("its format entry is \(format.values)")
        }
        guard found == fileFormat else {
            throw VirtualTaobaoFileError.unsupportedVersion(path: path, found: found, expected: fileFormat)
        }
        func integers(_ name: String, count: Int? = nil) throws -> [Int] {
            guard let e = byName[name] else { throw invalid("it has no \"\(name)\"") }
            let ints = e.values.compactMap { Int(exactly: $0) }
            guard ints.count == e.values.count, count.map({ $0 == ints.count }) ?? true else {
                throw invalid(
                    "\"\(name)\" must be \(count.map { "\($0) " } ?? "")whole numbers, got \(e.values.prefix(8))")
            }
            return ints
        }
        let config = try integers("virtualTaobao.config", count: 4)
        guard (1...100).contains(config[0]) else { throw invalid("page cap \(config[0]) is outside 1…100") }
        guard (0...1).contains(config[1]), (0...1).contains(config[2]), (0...2).contains(config[3]) else {
            throw invalid("config \(config): reward and factorisation must each be 0 or 1, customers 0, 1 or 2")
        }
        let factorisation: CustomerActionFactorisation = config[2] == 0 ? .independent : .joint

        func network(_ prefix: String, sizes: [Int], activation: Activation) throws -> MLP {
            guard sizes.count >= 2, sizes.allSatisfy({ (1...100_000).contains($0) }) else {
                throw invalid("\(prefix) layer sizes \(sizes) are not a network")
            }
            // The shapes first, so that a wrong size is an error before anything is allocated.
            let step = activation == .none ? 1 : 2
            for layer in 0..<(sizes.count - 1) {
                let name = "\(prefix).\(layer * step).weight"
                guard let weight = byName[name] else { throw invalid("it has no \"\(name)\"") }
                guard weight.rows == sizes[layer] && weight.cols == sizes[layer + 1] else {
                    throw invalid(
                        "\"\(name)\" is [\(weight.rows)×\(weight.cols)], the layer sizes \(sizes) say "
                            + "[\(sizes[layer])×\(sizes[layer + 1])]")
                }
            }
            var rng = RNG(seed: 0)
            let mlp = MLP(sizes: sizes, activation: activation, rng: &rng)
            let mine = entries.filter { $0.name.hasPrefix(prefix + ".") && !$0.name.hasPrefix(prefix + ".sizes") }
                .filter { $0.name != prefix + ".activation" && $0.name != prefix + ".groups" }
                .map {
                    ParameterFile.Entry(
                        name: String($0.name.dropFirst(prefix.count + 1)), rows: $0.rows, cols: $0.cols,
                        values: $0.values)
                }
            try mlp.load(mine, from: path)
            return mlp
        }

        let customerSizes = try integers("customer.sizes")
        guard customerSizes.first == CustomerView.featureSize && customerSizes.last == factorisation.logitCount else {
            throw invalid(
                "the customer network maps \(customerSizes.first ?? 0) → \(customerSizes.last ?? 0), expected "
                    + "\(CustomerView.featureSize) → \(factorisation.logitCount) (\(factorisation.rawValue))")
        }
        let policy = CustomerPolicy(
            factorisation: factorisation, network: try network("customer", sizes: customerSizes, activation: .tanh))

        let customers: VirtualCustomers
        if config[3] == 0 {
            guard let e = byName["customers.attributes"], e.rows >= 1, e.cols == TaobaoLayout.groupCount else {
                throw invalid("logged customers need \"customers.attributes\" of N × 11 values")
            }
            let values = try integers("customers.attributes")
            for (i, v) in values.enumerated() where v < 0 || v >= TaobaoLayout.groupSizes[i % TaobaoLayout.groupCount] {
                throw invalid("customer \(i / 11) has attribute \(i % 11) = \(v), outside its group")
            }
            customers = .logged(LoggedCustomers(attributes: values.map { UInt8($0) }))
        } else if config[3] == 2 {
            let sizes = try integers("generator.sizes")
            guard sizes.last == TaobaoLayout.staticSize else {
                throw invalid("the GAN-SD generator's layer sizes \(sizes) do not end in the 88 customer features")
            }
            let mlp = try network("generator", sizes: sizes, activation: .relu)
            var rng = RNG(seed: 0)
            let generator = GANGenerator(
                noiseSize: sizes[0], hidden: Array(sizes.dropFirst().dropLast()), rng: &rng)
            try generator.load(
                mlp.namedParameters(prefixedBy: "generator").map {
                    ParameterFile.Entry(
                        name: $0.name, rows: $0.tensor.rows, cols: $0.tensor.cols, values: $0.tensor.data)
                }, from: path)
            customers = .gan(generator)
        } else {
            let sizes = try integers("generator.sizes")
            let activationIndex = try integers("generator.activation", count: 1)[0]
            guard Activation.allCases.indices.contains(activationIndex) else {
                throw invalid("generator activation \(activationIndex) is unknown")
            }
            let groupSizes = try integers("generator.groups")
            guard groupSizes == TaobaoLayout.groupSizes, sizes.last == TaobaoLayout.staticSize else {
                throw invalid("the generator's groups \(groupSizes) are not the 11 customer attributes")
            }
            let mlp = try network("generator", sizes: sizes, activation: Activation.allCases[activationIndex])
            var start = 0
            let groups = groupSizes.map { size in
                defer { start += size }
                return start..<(start + size)
            }
            customers = .generator(GroupedSoftmaxGenerator(network: mlp, groups: groups))
        }
        return VirtualTaobao(
            customers: customers, customerPolicy: policy, reward: config[1] == 0 ? .clicks : .purchase,
            maxPages: config[0], seed: seed)
    }
}
