import Foundation
import Testing

@testable import RecRL

/// The exact Jacobian ∂η/∂θ of every entry of every tensor η of the policy's distribution on
/// `observations`, one backward pass per entry: rows[k][e] is ∂ηₖ[e]/∂θ (flat, in `theta`'s order).
func exactJacobians<P: StochasticPolicy>(_ policy: P, _ observations: Tensor, _ theta: FlatParameters) -> [[[Double]]]
where P.ActionDistribution: FisherInformationDistribution {
    let shapes = policy.distribution(observations).parameterTensors.map(\.count)
    return shapes.enumerated().map { k, count in
        (0..<count).map { e in
            theta.zeroGrad()
            let eta = policy.distribution(observations).parameterTensors[k]
            var seed = [Double](repeating: 0, count: count)
            seed[e] = 1
            eta.backward(seed: seed)
            return theta.gradients
        }
    }
}

/// Every parameter moved by N(0, scale²), so the outputs are far from the ≈ 0 of a fresh network.
func perturb(_ module: some Module, scale: Double, rng: inout RNG) {
    for p in module.parameters { p.data = p.data.map { $0 + scale * rng.normal() } }
}

func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    let difference = zip(a, b).map { $0 - $1 }
    return dotProduct(difference, difference).squareRoot() / dotProduct(b, b).squareRoot()
}

/// The central difference of the exact gradient of the mean KL(π_θₖ ‖ π_θ) in θ along v: the
/// Hessian of the KL times v, by a route that does not use the Gauss–Newton form or M.
func klHessianByDifferences<P: StochasticPolicy>(_ policy: P, _ observations: Tensor, _ v: [Double]) -> [Double]
where P.ActionDistribution: FisherInformationDistribution {
    let theta = FlatParameters(policy.parameters)
    let thetaK = theta.values
    let old = Tensor.withoutGradients { policy.distribution(observations).detached() }
    let h = 1e-4
    func gradient(at sign: Double) -> [Double] {
        theta.values = zip(thetaK, v).map { $0 + sign * h * $1 }
        theta.zeroGrad()
        old.kl(to: policy.distribution(observations)).mean().backward()
        return theta.gradients
    }
    let plus = gradient(at: 1)
    let minus = gradient(at: -1)
    theta.values = thetaK
    return zip(plus, minus).map { ($0 - $1) / (2 * h) }
}

@Suite("Fisher-vector product")
struct FisherVectorProductTests {
    @Test("Gaussian policy: Jᵀ M J v with J v by central differences equals the explicit Fisher to 1e-6")
    func gaussianAgainstExplicitFisher() {
        var rng = RNG(seed: 3)
        let policy = MLPGaussianPolicy(sizes: [3, 4, 2], initialLogStd: -0.5, rng: &rng)
        perturb(policy, scale: 0.5, rng: &rng)
        let b = 5
        let observations = Tensor.normal(b, 3, rng: &rng)
        let theta = FlatParameters(policy.parameters)
        let n = theta.count
        let v = (0..<n).map { _ in rng.normal() }

        // F = (1/B) Σᵢ [ Σⱼ J_μᵢⱼᵀ J_μᵢⱼ / σⱼ² ] + 2 J_logσᵀ J_logσ   (the shared log σ: B rows / B).
        let jacobians = exactJacobians(policy, observations, theta)
        let sigma2 = policy.logStd.data.map { Foundation.exp(2 * $0) }
        var explicit = [Double](repeating: 0, count: n)
        for i in 0..<b {
            for j in 0..<2 {
                let row = jacobians[0][i * 2 + j]
                let jv = dotProduct(row, v)
                for p in 0..<n { explicit[p] += row[p] * jv / sigma2[j] / Double(b) }
            }
        }
        for j in 0..<2 {
            let row = jacobians[1][j]
            let jv = dotProduct(row, v)
            for p in 0..<n { explicit[p] += 2 * row[p] * jv }
        }

        let thetaBefore = theta.values
        let fvp = FisherVectorProduct(policy: policy, observations: observations)
        let fv = fvp(v)
        #expect(theta.values == thetaBefore, "the parameters must be back at θ bit for bit")
        let error = relativeError(fv, explicit)
        #expect(error < 1e-6, "‖Fv − F_explicit v‖ / ‖F_explicit v‖ = \(error)")
        // The same F as the Hessian of the mean KL, by differences of its exact gradient.
        let hessian = relativeError(fv, klHessianByDifferences(policy, observations, v))
        #expect(hessian < 1e-6, "against the KL's Hessian: \(hessian)")
        // Damping adds λ v.
        let damped = FisherVectorProduct(policy: policy, observations: observations, damping: 0.1)(v)
        #expect(relativeError(damped, zip(fv, v).map { $0 + 0.1 * $1 }) < 1e-9)
    }

    @Test("categorical policy: Jᵀ (diag p − ppᵀ) J v equals the explicit Fisher to 1e-6")
    func categoricalAgainstExplicitFisher() {
        var rng = RNG(seed: 4)
        let policy = MLPCategoricalPolicy(sizes: [3, 5, 4], rng: &rng)
        perturb(policy, scale: 0.7, rng: &rng)
        let b = 6
        let k = 4
        let observations = Tensor.normal(b, 3, rng: &rng)
        let theta = FlatParameters(policy.parameters)
        let n = theta.count
        let v = (0..<n).map { _ in rng.normal() }

        // F = (1/B) Σᵢ Jᵢᵀ (diag pᵢ − pᵢpᵢᵀ) Jᵢ.
        let jacobian = exactJacobians(policy, observations, theta)[0]
        let p = Tensor.withoutGradients { policy.distribution(observations).probabilities.data }
        var explicit = [Double](repeating: 0, count: n)
        for i in 0..<b {
            let jv = (0..<k).map { dotProduct(jacobian[i * k + $0], v) }
            let pjv = (0..<k).reduce(0.0) { $0 + p[i * k + $1] * jv[$1] }
            for j in 0..<k {
                let m = p[i * k + j] * (jv[j] - pjv)
                for q in 0..<n { explicit[q] += jacobian[i * k + j][q] * m / Double(b) }
            }
        }

        let fv = FisherVectorProduct(policy: policy, observations: observations)(v)
        let error = relativeError(fv, explicit)
        #expect(error < 1e-6, "‖Fv − F_explicit v‖ / ‖F_explicit v‖ = \(error)")
        let hessian = relativeError(fv, klHessianByDifferences(policy, observations, v))
        #expect(hessian < 1e-6, "against the KL's Hessian: \(hessian)")
    }

    @Test("M by hand: a Gaussian's diag(1/σ², 2)/B and a categorical's (diag p − ppᵀ)/B")
    func closedFormM() {
        // Two rows, σ = (1, ½) shared: δμ/σ²/B = δμ·(1, 4)/2; shared log σ: 2 δ.
        let gaussian = DiagonalGaussian(
            mean: Tensor([[0, 0], [1, 1]]), logStd: Tensor([[0, Foundation.log(0.5)]]))
        let m = gaussian.meanKLHessianProduct([[1, 1, 2, -1], [0.5, -1]])
        #expect(zip(m[0], [0.5, 2, 1, -2]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(m[1] == [1, -2])
        // A log σ per row ([B×d], a network head): each row's own 2 δ/B.
        let perRow = DiagonalGaussian(mean: Tensor([[0, 0], [1, 1]]), logStd: Tensor([[0, 0], [0, 0]]))
        #expect(perRow.meanKLHessianProduct([[0, 0, 0, 0], [1, 2, 3, 4]])[1] == [1, 2, 3, 4])
        // p = (½, ½) for logits (0, 0): (diag p − ppᵀ) = [[¼, −¼], [−¼, ¼]]; δz = (1, 0) → (¼, −¼), B = 1.
        let categorical = Categorical(logits: Tensor([[0, 0]]))
        let c = categorical.meanKLHessianProduct([[1, 0]])[0]
        #expect(abs(c[0] - 0.25) < 1e-15 && abs(c[1] + 0.25) < 1e-15)
    }
}
