import Foundation
import RecRL

/// Exercise 5.1 — PPO-clip's per-sample objective (the report's §3.2):
///
///     L = min( r·A,  clip(r, 1 − ε, 1 + ε)·A )
///
/// `ratio` is r = π_θ(a|s) / π_θₖ(a|s) as a [B×1] tensor that carries gradients; `advantages` is
/// A, [B×1], constants. Return L per sample, [B×1], built from Tensor ops (`*`, `clamped`,
/// `minimum`, …) so that gradients flow back into the ratio: with `swift run ch05-ppo --mine`,
/// PPO trains with *your* function.
///
/// Worked examples (ε = 0.2): r = 1.3, A = 2 → 2.4;  r = 0.7, A = 2 → 1.4;
///                            r = 0.7, A = −2 → −1.6;  r = 1.3, A = −2 → −2.6.
///
/// Check with: `swift test --filter "Exercise 5.1"`.
public func ppoClippedObjective(ratio: Tensor, advantages: Tensor, epsilon: Double) throws -> Tensor {
    // Replace this line with your answer.
    throw NotAttempted(
        "compute r·A and clamp(r, 1 − ε, 1 + ε)·A with Tensor ops, then take their elementwise minimum")
}
