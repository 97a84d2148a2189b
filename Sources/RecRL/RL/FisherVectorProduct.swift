import Foundation

/// F v, the Fisher matrix of a policy on a batch of observations times a vector of parameter
/// changes, without forming F — what TRPO's conjugate gradient multiplies by.
///
/// F is the Hessian, at θ′ = θ, of the mean KL (1/B) Σᵢ KL(π_θ(·|sᵢ) ‖ π_θ′(·|sᵢ)). The tape has
/// no gradient of a gradient, so instead of differentiating the KL twice (Spinning Up's and
/// sb3-contrib's `hessian_vector_product`) this uses its Gauss–Newton form (Schraudolph 2002;
/// Martens 2020, §9), which is exact for a KL at its minimum:
///
///     F v = Jᵀ M J v
///
/// with η(θ) the distribution's own parameters (`FisherInformationDistribution.parameterTensors`:
/// a Gaussian's μ and log σ, a categorical's logits), J = ∂η/∂θ, and M the distribution's closed-form
/// Fisher in η (`meanKLHessianProduct`). Three steps:
///
/// 1. J v by a central difference of the network's outputs η, along v scaled to unit length:
///    J v ≈ ‖v‖ (η(θ + h v̂) − η(θ − h v̂)) / 2h, h = `differenceStep`. Its error is O(h²) ≈ 1e-10
///    relative — far below what conjugate gradient needs (and the test holds it to 1e-6 of the
///    explicit F v). A central difference works for any policy the library has (MLP, split-feature,
///    LayerNorm) with two forward passes and no new op; forward-mode differentiation would be exact
///    but needs a tangent rule for every op.
/// 2. M (J v): closed form, per row.
/// 3. Jᵀ (M J v) by one backward pass of Σₖ ⟨ηₖ(θ), cₖ⟩ with the cotangents cₖ = M J v held constant.
///
/// `damping` adds λ v (F + λI, Spinning Up's `damping_coeff`, sb3-contrib's `cg_damping`), which keeps
/// the system well conditioned where the batch pins F down poorly.
public struct FisherVectorProduct<Policy: StochasticPolicy>
where Policy.ActionDistribution: FisherInformationDistribution {
    /// π_θ, evaluated at its current parameters.
    public let policy: Policy
    /// The states the mean KL averages over, [B×obs].
    public let observations: Tensor
    /// θ: the policy parameters that take gradients.
    public let parameters: FlatParameters
    /// λ in (F + λI) v.
    public var damping: Double
    /// h, the step of the central difference along the unit direction v̂.
    public var differenceStep: Double

    public init(policy: Policy, observations: Tensor, damping: Double = 0, differenceStep: Double = 1e-5) {
        precondition(damping >= 0, "FisherVectorProduct: damping must be ≥ 0, got \(damping)")
        precondition(differenceStep > 0, "FisherVectorProduct: the difference step must be positive")
        self.policy = policy
        self.observations = observations
        self.parameters = FlatParameters(policy.parameters.filter(\.requiresGrad))
        self.damping = damping
        self.differenceStep = differenceStep
    }

    /// (F + λI) v. The policy's parameters are back at θ (bit for bit) afterwards; their gradients
    /// are overwritten.
    public func callAsFunction(_ v: [Double]) -> [Double] {
        precondition(
            v.count == parameters.count, "FisherVectorProduct: v has \(v.count) entries, θ has \(parameters.count)")
        let norm = dotProduct(v, v).squareRoot()
        guard norm > 0 else { return v }
        let jv = jacobianVectorProduct(v, norm: norm)
        // Forward at θ, recorded, then one backward pass of Σₖ ⟨ηₖ, cₖ⟩.
        parameters.zeroGrad()
        let distribution = policy.distribution(observations)
        let cotangents = distribution.meanKLHessianProduct(jv)
        var pairing: Tensor?
        for (eta, c) in zip(distribution.parameterTensors, cotangents) where eta.requiresGrad {
            let term = (eta * Tensor(rows: eta.rows, cols: eta.cols, data: c)).sum()
            pairing = pairing.map { $0 + term } ?? term
        }
        guard let pairing else { return v.map { damping * $0 } }
        pairing.backward()
        let fv = parameters.gradients
        return zip(fv, v).map { $0 + damping * $1 }
    }

    /// J v ≈ ‖v‖ (η(θ + h v̂) − η(θ − h v̂)) / 2h, one array per tensor of η.
    private func jacobianVectorProduct(_ v: [Double], norm: Double) -> [[Double]] {
        let theta = parameters.values
        let h = differenceStep
        func outputs(at sign: Double) -> [[Double]] {
            parameters.values = zip(theta, v).map { $0 + sign * h * $1 / norm }
            return Tensor.withoutGradients { policy.distribution(observations).parameterTensors.map(\.data) }
        }
        let plus = outputs(at: 1)
        let minus = outputs(at: -1)
        parameters.values = theta
        return zip(plus, minus).map { p, m in zip(p, m).map { norm * ($0 - $1) / (2 * h) } }
    }
}
