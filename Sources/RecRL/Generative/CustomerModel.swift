/// Anything that generates customers: GAN-SD's, the GAN's and the WGAN's generators, the Gaussian
/// mixture, the latent class model — and, as a reference, resampling the log itself.
public protocol CustomerModel {
    /// `count` customers, one value per attribute, drawn with `rng`.
    func sample(count: Int, rng: inout RNG) -> CustomerSet
}

/// Resampling the data: draws customers of a fixed set uniformly with replacement. It never
/// produces a customer outside the set (the paper's argument for a generator: "sampling from the
/// database can not generate out-of-data customers").
public struct Resampling: CustomerModel {
    public let data: CustomerSet
    public init(_ data: CustomerSet) { self.data = data }
    public func sample(count: Int, rng: inout RNG) -> CustomerSet {
        var out = CustomerSet()
        for _ in 0..<count { out.append(data.attributes(rng.int(below: data.count))) }
        return out
    }
}
