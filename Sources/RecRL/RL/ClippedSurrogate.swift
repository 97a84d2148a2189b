/// PPO-clip's surrogate objective (Schulman et al. 2017; the report's §3.2), per sample:
///
///     L(s, a, θₖ, θ) = min( r(θ) A,  clip(r(θ), 1 − ε, 1 + ε) A ),    r(θ) = π_θ(a|s) / π_θₖ(a|s)
///
/// PPO maximises the mean of L, so the loss to minimise is −mean(L). Where the ratio has moved
/// past the clip in the direction the advantage favours (r > 1 + ε with A > 0, or r < 1 − ε with
/// A < 0), the clipped term is the minimum and is constant in θ: the gradient is zero and the
/// update stops pushing. Where the ratio moved the wrong way, the unclipped term is the minimum and
/// the gradient A·∂r/∂θ pulls it back.
///
/// - Parameters:
///   - ratio: r(θ) = exp(log π_θ(a|s) − log π_θₖ(a|s)), [B×1], differentiable.
///   - advantages: Â, [B×1], constants.
/// - Returns: L per sample, [B×1].
public func clippedSurrogate(ratio: Tensor, advantages: Tensor, epsilon: Double) -> Tensor {
    precondition(
        ratio.rows == advantages.rows && ratio.cols == advantages.cols,
        "clippedSurrogate: ratio \(ratio.shapeText) and advantages \(advantages.shapeText) must have one shape")
    let unclipped = ratio * advantages
    let clipped = ratio.clamped(1 - epsilon, 1 + epsilon) * advantages
    return unclipped.minimum(clipped)
}

/// The same objective in Spinning Up's simplified form (the report's second formula):
///
///     L = min( r(θ) A,  g(ε, A) ),    g(ε, A) = (1 + ε) A if A ≥ 0, (1 − ε) A if A < 0.
///
/// It equals `clippedSurrogate` for every r and A (check: for A ≥ 0, min(rA, clip(r)A) =
/// A·min(r, clip(r)) = A·min(r, 1 + ε); for A < 0 the min picks the larger ratio, max(r, 1 − ε)).
public func clippedSurrogateSimplified(ratio: Tensor, advantages: Tensor, epsilon: Double) -> Tensor {
    precondition(
        ratio.rows == advantages.rows && ratio.cols == advantages.cols,
        "clippedSurrogateSimplified: ratio \(ratio.shapeText) and advantages \(advantages.shapeText) must have one shape"
    )
    let g = Tensor(
        rows: advantages.rows, cols: advantages.cols,
        data: advantages.data.map { $0 >= 0 ? (1 + epsilon) * $0 : (1 - epsilon) * $0 })
    return (ratio * advantages).minimum(g)
}

/// Which of the report's two (equal) forms of PPO's per-sample objective L to use.
public struct PPOSurrogate: Sendable {
    /// A short name for tables and logs.
    public let name: String
    /// L per sample from (ratio [B×1] differentiable, advantages [B×1] constants, ε) → [B×1].
    public let function: @Sendable (_ ratio: Tensor, _ advantages: Tensor, _ epsilon: Double) -> Tensor

    public init(name: String, function: @escaping @Sendable (Tensor, Tensor, Double) -> Tensor) {
        self.name = name
        self.function = function
    }

    /// min(r A, clip(r, 1 − ε, 1 + ε) A) — `clippedSurrogate`, the paper's eq. 7.
    public static let minClip = PPOSurrogate(name: "min/clip") {
        clippedSurrogate(ratio: $0, advantages: $1, epsilon: $2)
    }
    /// min(r A, g(ε, A)) — `clippedSurrogateSimplified`, Spinning Up's form.
    public static let simplified = PPOSurrogate(name: "g(ε, A)") {
        clippedSurrogateSimplified(ratio: $0, advantages: $1, epsilon: $2)
    }
}
