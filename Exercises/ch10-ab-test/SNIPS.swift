import Foundation
import RecRL

/// Exercise 10.2 — the self-normalised importance-sampling (SNIPS) estimate of a target policy's
/// mean reward from a logged bandit.
///
/// Record i has the log importance weight log wᵢ = log π(aᵢ|sᵢ) − log μ(aᵢ|sᵢ) (in 27 dimensions the
/// densities themselves underflow) and the reward rᵢ. Return
///
///     SNIPS = Σ wᵢ rᵢ / Σ wᵢ
///
/// and keep it finite when every log weight is large (try log w = 800 for all records: subtract the
/// largest log weight before you exponentiate — the ratio does not change).
///
/// Worked example: log w = 0, ln 2, ln 1 (w = 1, 2, 1), r = 1, 0, 1 → (1 + 0 + 1)/(1 + 2 + 1) = 0.5.
///
/// Check with: `swift test --filter "Exercise 10.2"`.
public func snips(logWeights: [Double], rewards: [Double]) throws -> Double {
    // Replace this line with your answer.
    throw NotAttempted("exponentiate the weights (after subtracting the largest), then one weighted mean")
}
