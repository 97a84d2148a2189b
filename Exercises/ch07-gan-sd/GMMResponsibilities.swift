import Foundation
import RecRL

/// Exercise 7.3 — one E-step of a Gaussian mixture with diagonal covariances, for one point x (the
/// GMM baseline of the paper's Table 1). Component k has weight πₖ, mean μₖ and variances σ²ₖ
/// (one per dimension); the responsibility of k for x is its share of x's density:
///
///     rₖ = πₖ N(x; μₖ, σ²ₖ) / Σⱼ πⱼ N(x; μⱼ, σ²ⱼ),
///     log N(x; μ, σ²) = −½ Σ_d [ log(2π σ²_d) + (x_d − μ_d)² / σ²_d ]
///
/// Return r (one number per component, summing to 1). In 88 dimensions the densities underflow a
/// Double, so work with logarithms and subtract the largest before exponentiating.
///
/// Worked example (1-D): π = (0.5, 0.5), μ = (0, 2), σ² = (1, 1), x = 1: both densities are equal,
/// r = (0.5, 0.5); with x = 0: r₀ = 1 / (1 + e^(−2)) = 0.8808.
///
/// Check with: `swift test --filter "Exercise 7.3"`.
public func gmmResponsibilities(
    x: [Double], weights: [Double], means: [[Double]], variances: [[Double]]
) throws -> [Double] {
    // Replace this line with your answer.
    throw NotAttempted("compute log πₖ + log N(x; μₖ, σ²ₖ) for each k, then a softmax over k")
}
