import Foundation
import RecRL

/// Exercise 5.3 — advantage normalisation per minibatch, as Stable-Baselines3 and CleanRL:
///
///     Â ← (Â − mean) / (std + 1e-8),     std = √( Σ (Â − mean)² / (n − 1) )
///
/// The std is PyTorch's default `Tensor.std()`, which divides by n − 1 (Bessel's correction),
/// not n. Example: [1, 2, 3] has mean 2 and std 1, so it becomes ≈ [−1, 0, 1].
///
/// Check with: `swift test --filter "Exercise 5.3"`.
public func standardizedAdvantages(_ advantages: [Double]) throws -> [Double] {
    // Replace this line with your answer.
    throw NotAttempted("subtract the mean, then divide by (the n − 1 standard deviation + 1e-8)")
}
