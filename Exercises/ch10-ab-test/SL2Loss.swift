import Foundation
import RecRL

/// Exercise 10.1 — SL2's loss (the paper's eq. 5) on one minibatch of log pages.
///
/// `predictions[i]` is the engine's π(sᵢ), `actions[i]` the weights the historical engine played on
/// page i, `purchased[i]` whether the customer bought on it (S₁) or not (S₂, read as S₀). Return
///
///     (1/n₁) Σ_{S₁} |π(sᵢ) − aᵢ|² − (λ₁/n₂) Σ_{S₂} |π(sᵢ) − aᵢ|² + (λ₂/n) Σ_all |π(sᵢ)|²
///
/// with n₁, n₂ the sizes of S₁ and S₂ in the minibatch and n = n₁ + n₂; a term over an empty set is 0.
///
/// Worked example: π = (1, 0), (0, 2), (1, 1); a = 0, 0, (1, 0); purchased = yes, no, yes;
/// λ₁ = 0.3, λ₂ = 0.001 → S₁ distances 1 and 1 (mean 1), S₂ distance 4 (× 0.3 = 1.2),
/// norms 1 + 4 + 2 = 7 (× 0.001/3) → 1 − 1.2 + 0.002333… = −0.197667.
///
/// Check with: `swift test --filter "Exercise 10.1"`.
public func sl2Loss(
    predictions: [[Double]], actions: [[Double]], purchased: [Bool], lambda1: Double, lambda2: Double
) throws -> Double {
    // Replace this line with your answer.
    throw NotAttempted("three means: over the purchase pages, over the others, and of |π(s)|² over all")
}
