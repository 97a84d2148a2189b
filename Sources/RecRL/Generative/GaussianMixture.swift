import Foundation

/// A Gaussian mixture with diagonal covariances, fitted by expectation–maximisation (Dempster,
/// Laird & Rubin 1977; Bishop 2006, §9.2) — the paper's GMM baseline, with its "carefully chosen"
/// 10 components, fitted to the 88-dim one-hot customers as if they were real vectors:
///
///     p(x) = Σₖ πₖ Πᵈ N(x_d; μₖd, σ²ₖd)
///
///     E-step:  rₙₖ = πₖ N(xₙ; μₖ, σ²ₖ) / Σⱼ πⱼ N(xₙ; μⱼ, σ²ⱼ)          (responsibilities)
///     M-step:  Nₖ = Σₙ rₙₖ,  πₖ = Nₖ / N,  μₖ = Σₙ rₙₖ xₙ / Nₖ,
///              σ²ₖd = max(Σₙ rₙₖ (xₙd − μₖd)² / Nₖ, floor)
///
/// On one-hot data a component whose members all share a value has variance 0 in that column (an
/// infinite density), so variances are floored; the floored M-step still maximises over the
/// allowed variances, so the log-likelihood never decreases. A generated customer is a Gaussian
/// draw decoded to one value per attribute by the argmax of each group.
public final class GaussianMixture: CustomerModel {
    /// πₖ.
    public private(set) var weights: [Double]
    /// μₖ, K rows of d.
    public private(set) var means: [[Double]]
    /// σ²ₖ, K rows of d.
    public private(set) var variances: [[Double]]
    /// The smallest variance allowed.
    public let varianceFloor: Double
    /// The mean log-likelihood per point, (1/N) Σₙ log p(xₙ), before each M-step: non-decreasing.
    public private(set) var logLikelihoods: [Double] = []

    public var componentCount: Int { weights.count }
    public var dimension: Int { means.first?.count ?? 0 }

    /// Fits K components to the rows of `data` (n × d, row-major) by `iterations` EM rounds.
    /// Starts from K distinct data points as means, the data's variance in every component, equal
    /// weights.
    public init(
        data: [Double], dimension d: Int, components k: Int = 10, iterations: Int = 30, varianceFloor: Double = 1e-3,
        rng: inout RNG
    ) {
        let n = data.count / d
        precondition(d > 0 && n >= k && k > 0 && data.count == n * d, "GaussianMixture: need n ≥ K rows of d values")
        self.varianceFloor = varianceFloor
        var chosen: [Int] = []
        while chosen.count < k {
            let i = rng.int(below: n)
            if !chosen.contains(i) { chosen.append(i) }
        }
        means = chosen.map { Array(data[($0 * d)..<(($0 + 1) * d)]) }
        var mean = [Double](repeating: 0, count: d), square = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for j in 0..<d {
                mean[j] += data[i * d + j] / Double(n)
                square[j] += data[i * d + j] * data[i * d + j] / Double(n)
            }
        }
        let variance = (0..<d).map { max(square[$0] - mean[$0] * mean[$0], varianceFloor) }
        variances = Array(repeating: variance, count: k)
        weights = Array(repeating: 1 / Double(k), count: k)
        for _ in 0..<iterations { emStep(data: data) }
    }

    /// The parameters laid out for the E-step: per component log πₖ − ½ Σ_d log(2π σ²ₖd), and
    /// flat rows of μ and 1/σ².
    func flatParameters() -> (constants: [Double], means: [Double], precisions: [Double]) {
        let constants = (0..<componentCount).map { k in
            Foundation.log(weights[k]) - 0.5 * variances[k].reduce(0) { $0 + Foundation.log(2 * Double.pi * $1) }
        }
        return (constants, means.flatMap { $0 }, variances.flatMap { $0.map { 1 / $0 } })
    }

    /// log πₖ + log N(x; μₖ, σ²ₖ) of row i, for every k, into `out`.
    func logJoint(
        _ data: UnsafeBufferPointer<Double>, row i: Int,
        _ p: (constants: [Double], means: [Double], precisions: [Double]), into out: inout [Double]
    ) {
        let d = dimension
        p.means.withUnsafeBufferPointer { mu in
            p.precisions.withUnsafeBufferPointer { precision in
                for k in 0..<componentCount {
                    var s = 0.0
                    for j in 0..<d {
                        let diff = data[i * d + j] - mu[k * d + j]
                        s += diff * diff * precision[k * d + j]
                    }
                    out[k] = p.constants[k] - 0.5 * s
                }
            }
        }
    }

    /// One EM round: the E-step (logging the current mean log-likelihood), then the M-step.
    public func emStep(data: [Double]) {
        let d = dimension, k = componentCount, n = data.count / d
        let p = flatParameters()
        var total = 0.0
        var count = [Double](repeating: 0, count: k)
        var sum = [Double](repeating: 0, count: k * d)
        var sumSquares = sum
        var joint = [Double](repeating: 0, count: k)
        data.withUnsafeBufferPointer { x in
            for i in 0..<n {
                logJoint(x, row: i, p, into: &joint)
                let m = joint.max()!
                let lse = m + Foundation.log(joint.reduce(0) { $0 + Foundation.exp($1 - m) })
                total += lse
                for c in 0..<k {
                    let r = Foundation.exp(joint[c] - lse)
                    count[c] += r
                    for j in 0..<d {
                        let v = x[i * d + j]
                        sum[c * d + j] += r * v
                        sumSquares[c * d + j] += r * v * v
                    }
                }
            }
        }
        logLikelihoods.append(total / Double(n))
        for c in 0..<k where count[c] > 0 {
            weights[c] = count[c] / Double(n)
            for j in 0..<d {
                let mu = sum[c * d + j] / count[c]
                means[c][j] = mu
                variances[c][j] = max(sumSquares[c * d + j] / count[c] - mu * mu, varianceFloor)
            }
        }
    }

    /// The mean log-likelihood per point of `data` under the current parameters.
    public func meanLogLikelihood(data: [Double]) -> Double {
        let n = data.count / dimension
        let p = flatParameters()
        var joint = [Double](repeating: 0, count: componentCount)
        var total = 0.0
        data.withUnsafeBufferPointer { x in
            for i in 0..<n {
                logJoint(x, row: i, p, into: &joint)
                let m = joint.max()!
                total += m + Foundation.log(joint.reduce(0) { $0 + Foundation.exp($1 - m) })
            }
        }
        return total / Double(n)
    }

    /// One draw x ~ p(x) (a d-dim real vector).
    public func sampleVector(rng: inout RNG) -> [Double] {
        let k = rng.categorical(weights)
        return (0..<dimension).map { rng.normal(mean: means[k][$0], std: variances[k][$0].squareRoot()) }
    }

    /// `count` customers: Gaussian draws in 88 dims decoded by the argmax of each group.
    public func sample(count: Int, rng: inout RNG) -> CustomerSet {
        precondition(
            dimension == TaobaoLayout.staticSize, "GaussianMixture.sample(count:) needs a fit to 88-dim customers")
        var out = CustomerSet()
        for _ in 0..<count {
            let x = sampleVector(rng: &rng)
            out.append(
                (0..<TaobaoLayout.groupCount).map { g in
                    let o = TaobaoLayout.groupOffsets[g]
                    return (0..<TaobaoLayout.groupSizes[g]).max { x[o + $0] < x[o + $1] }!
                })
        }
        return out
    }
}
