/// Part 1 of a learned simulator: who arrives. Virtual-Taobao (Shi et al., AAAI 2019) learns it
/// with GAN-SD; the published VirtualTB-v0 ships one such generator (`virtualTB.py`'s
/// `UserModel.generate()`).
///
/// A `SimulatorEnvironment` asks for a customer at the start of every session and keeps the
/// features for the whole session: they are the first `customerSize` numbers of every observation
/// and the input of its click and leave models.
///
/// `GroupedSoftmaxGenerator` below is the generator of the published simulator: a generator
/// network trained on noise z ~ U[0, 1)ⁿ, handed to `GroupedSoftmaxGenerator(network:groups:)`,
/// gets the same sampling as the published weights. Chapter 7's GAN-SD generator (`GANGenerator`)
/// draws its noise from N(0, I) instead; a learned `VirtualTaobao` takes it as
/// `VirtualCustomers.gan`. A generator of another kind (a GMM) conforms to this protocol directly.
public protocol CustomerGenerator {
    /// Length of a customer's feature vector (88 one-hot features in VirtualTaobao).
    var customerSize: Int { get }
    /// A new customer's features, drawn from `draws`.
    func nextCustomer<Draws: SimulatorDraws>(draws: inout Draws) -> [Double]
}

/// A generator network whose output is one categorical attribute per feature group, one-hot:
///
///     z ~ U[0, 1)ⁿ,  ℓ = G(z),  pᵍ = softmax(ℓ restricted to group g),  kᵍ ~ Cat(pᵍ),
///     customer = one-hot(k¹) ‖ one-hot(k²) ‖ … ‖ one-hot(k^G)
///
/// drawing the n uniforms first, then one categorical per group in order (each with
/// `SimulatorDraws.categorical`, one Exp(1) per category), as `virtualTB.py` does: its
/// `generate_user` computes G(torch.rand(1, 128)) and `torch.multinomial`s each group.
///
/// Sendable because the network is only read once handed over (a forward pass writes new tensors
/// only), so simulators on several threads can share it; do not train it while they run.
public struct GroupedSoftmaxGenerator: CustomerGenerator, @unchecked Sendable {
    /// G: noise (its first size) → one logit per feature (its last size).
    public let network: MLP
    /// The feature groups, [start, end) in the output, covering it in order.
    public let groups: [Range<Int>]

    /// A generator from a trained network and its groups (which must tile 0 ..< the output size).
    public init(network: MLP, groups: [Range<Int>]) {
        precondition(
            groups.first?.lowerBound == 0 && groups.last?.upperBound == network.sizes.last
                && zip(groups, groups.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound },
            "GroupedSoftmaxGenerator: groups \(groups) must tile the network's \(network.sizes.last!) outputs")
        self.network = network
        self.groups = groups
    }

    /// Length of the noise z.
    public var noiseSize: Int { network.sizes[0] }
    public var customerSize: Int { network.sizes.last! }

    /// The probabilities of every feature for noise z: softmax of G(z) within each group (so each
    /// group sums to 1).
    public func probabilities(noise z: [Double]) -> [Double] {
        precondition(z.count == noiseSize, "the generator needs z of \(noiseSize) values, got \(z.count)")
        var p = network(Tensor.row(z)).data
        for group in groups { softmaxInPlace(&p, over: group) }
        return p
    }

    public func nextCustomer<Draws: SimulatorDraws>(draws: inout Draws) -> [Double] {
        var z = [Double](repeating: 0, count: noiseSize)
        for i in z.indices { z[i] = draws.uniform() }
        let p = probabilities(noise: z)
        var customer = [Double](repeating: 0, count: customerSize)
        for group in groups { customer[group.lowerBound + draws.categorical(p[group])] = 1 }
        return customer
    }
}
