import Foundation
import RecRL

/// Exercise 5.2 — the approximate KL divergence PPO logs (CleanRL's `approx_kl`, the "k3"
/// estimator of J. Schulman's note "Approximating KL Divergence"):
///
///     KL(π_θₖ ‖ π_θ) ≈ mean over samples of (r − 1) − log r,     r = π_θ(a|s) / π_θₖ(a|s)
///
/// with the actions a drawn from the old policy π_θₖ. Each term is ≥ 0 (since log r ≤ r − 1) and
/// 0 only where r = 1, so the estimate never goes negative, unlike mean(−log r).
///
/// Given the ratios of a minibatch, return the estimate. Example: ratios [1, e] →
/// ((0 − 0) + (e − 1 − 1)) / 2 = (e − 2) / 2 ≈ 0.359.
///
/// Check with: `swift test --filter "Exercise 5.2"`.
public func approximateKL(ratios: [Double]) throws -> Double {
    // Replace this line with your answer.
    throw NotAttempted("average (r − 1) − log(r) over the ratios")
}
