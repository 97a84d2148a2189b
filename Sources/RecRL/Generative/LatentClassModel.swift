import Foundation

/// A mixture of categoricals — the latent class model (Lazarsfeld 1950; Goodman 1974) — fitted by
/// EM. Beyond the paper: it has the shape of how customer tables are often made (a hidden type,
/// then attributes drawn given the type), so it asks whether a GAN is needed at all.
///
///     p(x) = Σₖ πₖ Π_g θₖg[x_g]             K classes, each a product of one categorical per attribute
///
///     E-step:  rₙₖ ∝ πₖ Π_g θₖg[xₙg]
///     M-step:  πₖ = Σₙ rₙₖ / N,   θₖg[v] = Σₙ rₙₖ [xₙg = v] / Σₙ rₙₖ
///
/// Plain maximum likelihood (no smoothing), so the log-likelihood never decreases. A value a class
/// never gives its members gets θ = 0 there; every point keeps some class that explains it.
public final class LatentClassModel: CustomerModel {
    /// Values per attribute.
    public let groupSizes: [Int]
    /// πₖ.
    public private(set) var weights: [Double]
    /// θₖg[v]: class k, attribute g, value v.
    public private(set) var probabilities: [[[Double]]]
    /// The mean log-likelihood per point before each M-step: non-decreasing.
    public private(set) var logLikelihoods: [Double] = []

    public var classCount: Int { weights.count }

    /// Fits K classes to `data` (flat, `groupSizes.count` values per row) by `iterations` EM
    /// rounds, from equal weights and random θ (uniform draws, normalised).
    public init(
        data: [Int], groupSizes: [Int] = TaobaoLayout.groupSizes, classes k: Int = 10, iterations: Int = 50,
        rng: inout RNG
    ) {
        precondition(k > 0 && !groupSizes.isEmpty && data.count % groupSizes.count == 0, "LatentClassModel: bad sizes")
        self.groupSizes = groupSizes
        weights = Array(repeating: 1 / Double(k), count: k)
        probabilities = (0..<k).map { _ in
            groupSizes.map { size in
                let u = (0..<size).map { _ in 0.5 + rng.uniform() }
                let s = u.reduce(0, +)
                return u.map { $0 / s }
            }
        }
        for _ in 0..<iterations { emStep(data: data) }
    }

    /// log πₖ + Σ_g log θₖg[x_g] of row i, for every k (−∞ where a θ is 0).
    func logJoint(_ data: [Int], row i: Int) -> [Double] {
        let m = groupSizes.count
        return (0..<classCount).map { k in
            var s = Foundation.log(weights[k])
            for g in 0..<m { s += Foundation.log(probabilities[k][g][data[i * m + g]]) }
            return s
        }
    }

    static func logSumExp(_ xs: [Double]) -> Double {
        let m = xs.max()!
        guard m.isFinite else { return m }
        return m + Foundation.log(xs.reduce(0) { $0 + Foundation.exp($1 - m) })
    }

    /// One EM round: the E-step (logging the mean log-likelihood), then the M-step.
    public func emStep(data: [Int]) {
        let m = groupSizes.count, k = classCount, n = data.count / m
        var total = 0.0
        var count = [Double](repeating: 0, count: k)
        var tallies = (0..<k).map { _ in groupSizes.map { [Double](repeating: 0, count: $0) } }
        for i in 0..<n {
            let joint = logJoint(data, row: i)
            let lse = Self.logSumExp(joint)
            total += lse
            for c in 0..<k where joint[c].isFinite {
                let r = Foundation.exp(joint[c] - lse)
                count[c] += r
                for g in 0..<m { tallies[c][g][data[i * m + g]] += r }
            }
        }
        logLikelihoods.append(total / Double(n))
        for c in 0..<k where count[c] > 0 {
            weights[c] = count[c] / Double(n)
            for g in 0..<m { probabilities[c][g] = tallies[c][g].map { $0 / count[c] } }
        }
    }

    /// The mean log-likelihood per point of `data` under the current parameters.
    public func meanLogLikelihood(data: [Int]) -> Double {
        let n = data.count / groupSizes.count
        return (0..<n).reduce(0) { $0 + Self.logSumExp(logJoint(data, row: $1)) } / Double(n)
    }

    /// One draw: a class, then each attribute from that class's categorical.
    public func sampleValues(rng: inout RNG) -> [Int] {
        let k = rng.categorical(weights)
        return probabilities[k].map { rng.categorical($0) }
    }

    public func sample(count: Int, rng: inout RNG) -> CustomerSet {
        precondition(
            groupSizes == TaobaoLayout.groupSizes, "LatentClassModel.sample(count:) needs a fit to the 11 attributes")
        var out = CustomerSet()
        for _ in 0..<count { out.append(sampleValues(rng: &rng)) }
        return out
    }
}
