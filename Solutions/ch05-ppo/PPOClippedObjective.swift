import Foundation
import RecRL

/// Exercise 5.1 — PPO-clip's per-sample objective (reference solution):
/// L = min(r·A, clip(r, 1 − ε, 1 + ε)·A).
public func ppoClippedObjective(ratio: Tensor, advantages: Tensor, epsilon: Double) throws -> Tensor {
    let unclipped = ratio * advantages
    let clipped = ratio.clamped(1 - epsilon, 1 + epsilon) * advantages
    return unclipped.minimum(clipped)
}
