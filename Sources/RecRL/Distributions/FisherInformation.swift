import Foundation

/// A distribution whose Fisher information in its own parameters η — the tensors it is built from,
/// i.e. what a policy network outputs — is known in closed form. TRPO's Fisher-vector product is
/// built from it in the Gauss–Newton form F v = Jᵀ M J v (`FisherVectorProduct`).
///
/// For a batch of B rows, M is the Hessian of the mean KL  K(η′) = (1/B) Σᵢ KL(pᵢ(η) ‖ pᵢ(η′))  in
/// η′ at η′ = η — the Fisher of row i divided by B (the KL's gradient is 0 there, so its Hessian is
/// exactly the Fisher; Amari 1998; Martens 2020, "New insights and perspectives on the natural
/// gradient method", §9):
///
/// - a diagonal Gaussian in (μ, log σ): Mᵢ = diag(1/σ², 2) / B (no cross terms);
/// - a categorical in its logits z: Mᵢ = (diag(p) − p pᵀ) / B.
public protocol FisherInformationDistribution: Distribution {
    /// η, the tensors the batch is built from, in a fixed order (`[mean, logStd]`, `[logits]`).
    var parameterTensors: [Tensor] { get }

    /// M δη: given a change δη of every tensor of `parameterTensors` (row-major, the same shapes),
    /// the product with the Hessian of the mean KL above, in the same layout. It is the cotangent
    /// that one backward pass turns into Jᵀ M δη.
    func meanKLHessianProduct(_ directions: [[Double]]) -> [[Double]]

    /// The same distributions built from copies of `parameterTensors` with no history: a snapshot
    /// of π_θₖ that stays put while θ moves. (A shared log σ is the policy's parameter tensor
    /// itself, so a distribution computed under `withoutGradients` would still change with θ.)
    func detached() -> Self
}

extension DiagonalGaussian: FisherInformationDistribution {
    public var parameterTensors: [Tensor] { [mean, logStd] }

    public func detached() -> DiagonalGaussian { DiagonalGaussian(mean: mean.detached(), logStd: logStd.detached()) }

    /// For each row and dimension, KL(N(μ, σ²) ‖ N(μ′, σ′²)) = log σ′ − log σ + (σ² + (μ − μ′)²)/(2σ′²) − ½
    /// has second derivatives ∂²/∂μ′² = 1/σ², ∂²/∂(log σ′)² = 2 and no cross term at (μ′, σ′) = (μ, σ).
    /// A log σ shared by all rows ([1×d]) collects the B rows' 2 δ(log σ)/B, i.e. 2 δ(log σ).
    public func meanKLHessianProduct(_ directions: [[Double]]) -> [[Double]] {
        precondition(
            directions.count == 2 && directions[0].count == mean.count && directions[1].count == logStd.count,
            "DiagonalGaussian.meanKLHessianProduct: expected directions for mean \(mean.shapeText) and logStd "
                + "\(logStd.shapeText)")
        let b = Double(batchSize)
        let d = dimension
        var meanPart = [Double](repeating: 0, count: mean.count)
        for i in 0..<mean.rows {
            for j in 0..<d {
                let logSigma = logStd.data[(logStd.rows == 1 ? 0 : i) * d + j]
                meanPart[i * d + j] = directions[0][i * d + j] / exp(2 * logSigma) / b
            }
        }
        let rowsSharing = logStd.rows == 1 ? b : 1
        let logStdPart = directions[1].map { 2 * $0 * rowsSharing / b }
        return [meanPart, logStdPart]
    }
}

extension Categorical: FisherInformationDistribution {
    public var parameterTensors: [Tensor] { [logits] }

    public func detached() -> Categorical { Categorical(logits: logits.detached()) }

    /// Per row, (diag(p) − p pᵀ) δz / B = (p ⊙ δz − p (pᵀ δz)) / B, the Hessian of
    /// Σⱼ pⱼ (log pⱼ − log p′ⱼ) in the logits z′ at z′ = z (that of logsumexp).
    public func meanKLHessianProduct(_ directions: [[Double]]) -> [[Double]] {
        precondition(
            directions.count == 1 && directions[0].count == logits.count,
            "Categorical.meanKLHessianProduct: expected one direction for logits \(logits.shapeText)")
        let b = Double(batchSize)
        let k = choiceCount
        let p = probabilities.data
        var out = [Double](repeating: 0, count: logits.count)
        for i in 0..<batchSize {
            var pu = 0.0
            for j in 0..<k { pu += p[i * k + j] * directions[0][i * k + j] }
            for j in 0..<k { out[i * k + j] = p[i * k + j] * (directions[0][i * k + j] - pu) / b }
        }
        return [out]
    }
}
