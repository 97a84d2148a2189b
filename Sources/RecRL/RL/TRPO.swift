import Foundation

// MARK: - TRPO (Schulman et al. 2015; the Virtual-Taobao paper's eq. 1)
//
//     maximise_θ  L(θ) = E_t[ π_θ(a_t|s_t) / π_θₖ(a_t|s_t) · Â_t ]
//     subject to  D(θ) = E_t[ KL(π_θₖ(·|s_t) ‖ π_θ(·|s_t)) ] ≤ δ                         (1)
//
// One iteration, with L linearised and D made quadratic around θₖ (D ≈ ½ ΔθᵀF Δθ):
//
//     collect T steps in each of N environments with π_θₖ; Â, R̂ = GAE(γ, λ) once; Â normalised
//     g = ∇L(θₖ)                                                    one backward pass
//     x ≈ (F + λI)⁻¹ g                                              conjugate gradient, F v = Jᵀ M J v
//                                                                   (F on every k-th row, `fisherSubsampling`)
//     β = √(2δ / xᵀ(F + λI)x)                                       the step that makes ½ ΔθᵀFΔθ = δ
//     θ = θₖ + αβx for α = 1, 0.8, 0.64, … until ΔL > 0 and D ≤ δ;  none passes: θ = θₖ
//     V_φ: Adam epochs of minibatches on (V_φ(s) − R̂)²             the value network, separately
//     (a non-finite surrogate, gradient, xᵀFx, value loss or parameter: throw TrainingDiverged)
//
// References: Schulman, Levine, Moritz, Jordan, Abbeel 2015, "Trust Region Policy Optimization"
// (arXiv:1502.05477), §6 and Appendix C; Shi et al. 2019, "Virtual-Taobao", eq. 1; Achiam,
// Spinning Up, "Trust Region Policy Optimization"; Raffin et al., sb3-contrib `TRPO` (the defaults,
// `TRPOConfig`). The Fisher-vector product is in FisherVectorProduct.swift, the line search in
// TrustRegionLineSearch.swift, conjugate gradient in Optim/ConjugateGradient.swift; the loop
// collect → GAE → update in TRPO+Train.swift, the logs in TRPOLog.swift.

/// TRPO over any stochastic policy whose distribution has a closed-form Fisher (the Gaussian engine,
/// a categorical customer), with a separate value network V_φ fitted by Adam.
///
///     var rng = RNG(seed: 0)
///     let trpo = TRPO(config: .taobaoWorld, observationSize: 91, actionSize: 27, rng: &rng)
///     var collector = RolloutCollector(environments: Array(repeating: TaobaoWorld(), count: 8), seed: 1)
///     let logs = try trpo.train(collector: &collector, iterations: 10, rng: &rng)
public final class TRPO<Policy: StochasticPolicy> where Policy.ActionDistribution: FisherInformationDistribution {
    public let config: TRPOConfig
    /// π_θ.
    public let policy: Policy
    /// V_φ (an MLP with one output).
    public let value: MLP
    /// Adam over V_φ only: the policy moves by the trust-region step alone.
    public let valueOptimizer: Adam
    /// Update phases (iterations) begun so far: 1 during the first.
    public private(set) var iterations = 0

    public init(config: TRPOConfig, policy: Policy, value: MLP) {
        precondition(value.sizes.last == 1, "TRPO: the value network must have one output, got \(value.sizes)")
        self.config = config
        self.policy = policy
        self.value = value
        valueOptimizer = Adam(
            parameters: value.parameters, learningRate: config.valueLearningRate, epsilon: config.adamEpsilon)
    }

    /// One trust-region step of π_θ on a rollout, given its GAE advantages Â and value targets R̂,
    /// then the value fit. V_φ reads the rollout's observations, or `valueObservations` (one row
    /// per rollout row) when the policy's input holds more than the state — MAIL's joint policy
    /// reads s^c = ⟨s, a, n⟩, its value V(s) only s. Throws `TrainingDiverged` at the first
    /// non-finite quantity.
    public func update(
        rollout: Rollout, advantages: [Double], returns: [Double], valueObservations: Tensor? = nil, rng: inout RNG
    ) throws(TrainingDiverged) -> TRPOUpdateStats {
        iterations += 1
        let check = DivergenceCheck(algorithm: "TRPO", iteration: iterations)
        var stats = try policyStep(rollout: rollout, advantages: advantages, check: check)
        let states = valueObservations ?? rollout.observations
        precondition(
            states.rows == rollout.count, "TRPO.update: \(states.rows) value observations for \(rollout.count) rows")
        stats.lossV = try fitValue(observations: states, returns: returns, check: check, rng: &rng)
        return stats
    }

    /// g, x = F⁻¹g, β, and the line search (the comment at the top, lines 2–5).
    func policyStep(rollout: Rollout, advantages: [Double], check: DivergenceCheck) throws(TrainingDiverged)
        -> TRPOUpdateStats
    {
        let n = rollout.count
        let observations = rollout.observations
        let scaled = config.normalizeAdvantages ? normalizedAdvantages(advantages) : advantages
        let advantageTensor = Tensor(rows: n, cols: 1, data: scaled)
        let oldLogProbs = Tensor(rows: n, cols: 1, data: rollout.logProbs)
        let old = Tensor.withoutGradients { policy.distribution(observations).detached() }  // π_θₖ, a snapshot
        let actions = old.value(of: rollout.actions)
        let theta = FlatParameters(policy.parameters.filter(\.requiresGrad))
        /// L(θ) = mean(π_θ/π_θₖ · Â), at the policy's current parameters.
        func surrogate(_ distribution: Policy.ActionDistribution) -> Tensor {
            ((distribution.logProb(actions) - oldLogProbs).exp() * advantageTensor).mean()
        }

        // g = ∇L(θₖ).
        theta.zeroGrad()
        let current = policy.distribution(observations)
        let l0 = surrogate(current)
        try check.finite(l0.scalar, "the surrogate")
        l0.backward()
        let g = theta.gradients
        if let bad = g.first(where: { !$0.isFinite }) { try check.finite(bad, "the policy gradient") }

        // x ≈ (F + λI)⁻¹ g and β = √(2δ / xᵀ(F + λI)x).
        let fisherRows = Array(stride(from: 0, to: n, by: config.fisherSubsampling))
        let fisher = FisherVectorProduct(
            policy: policy,
            observations: config.fisherSubsampling == 1 ? observations : observations.gatherRows(fisherRows),
            damping: config.cgDamping,
            differenceStep: config.fisherDifferenceStep)
        let cg = conjugateGradient(b: g, iterations: config.cgIterations, residualTolerance: config.cgResidualTolerance)
        {
            fisher($0)
        }
        let x = cg.solution
        let xFx = dotProduct(x, fisher(x))
        try check.finite(xFx, "xᵀFx")
        let beta = xFx > 0 ? (2 * config.maxKL / xFx).squareRoot() : 0

        // θ = θₖ + αβx, α = 1, shrink, shrink², … until ΔL > 0 and D ≤ δ; otherwise back to θₖ.
        let thetaK = theta.values
        let search = config.lineSearch.run { alpha in
            theta.values = zip(thetaK, x).map { $0 + alpha * beta * $1 }
            return Tensor.withoutGradients {
                let candidate = policy.distribution(observations)
                return (surrogate(candidate).scalar - l0.scalar, old.kl(to: candidate).mean().scalar)
            }
        }
        if !search.succeeded { theta.values = thetaK }
        try check.finiteParameters(policy.namedParameters)

        let entropy = Tensor.withoutGradients { policy.distribution(observations).entropy().mean().scalar }
        return TRPOUpdateStats(
            surrogate: l0.scalar + (search.accepted?.improvement ?? 0), improvement: search.accepted?.improvement ?? 0,
            kl: search.accepted?.kl ?? 0, lineSearchSucceeded: search.succeeded, backtracks: search.backtracks,
            stepSize: beta, cgIterations: cg.iterations, cgResidual: cg.residualNorm,
            gradientNorm: dotProduct(g, g).squareRoot(), entropy: entropy, lossV: 0)
    }

    /// `config.valueEpochs` passes of Adam over shuffled minibatches of (V_φ(s) − R̂)²; returns the
    /// mean loss over the minibatches (sb3-contrib's `value_loss`).
    func fitValue(observations: Tensor, returns: [Double], check: DivergenceCheck, rng: inout RNG)
        throws(TrainingDiverged) -> Double
    {
        let n = observations.rows
        let batch = min(config.valueMinibatchSize, n)
        let named = value.namedParameters(prefixedBy: "value")
        var order = Array(0..<n)
        var total = 0.0
        var count = 0
        for _ in 0..<config.valueEpochs {
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, rng.int(below: i + 1)) }
            for start in stride(from: 0, to: n, by: batch) {
                let rows = Array(order[start..<min(start + batch, n)])
                value.zeroGrad()
                let predicted = value(observations.gatherRows(rows))
                let loss = (predicted - Tensor(rows: rows.count, cols: 1, data: rows.map { returns[$0] })).square()
                    .mean()
                try check.finite(loss.scalar, "the value loss")
                loss.backward()
                try check.finiteGradients(of: named)
                valueOptimizer.step()
                total += loss.scalar
                count += 1
            }
        }
        try check.finiteParameters(named)
        return total / Double(max(count, 1))
    }
}
