import Foundation
import RecRL

/// Exercise 9.2 — TRPO's step size from its KL bound. TRPO (eq. 1) steps along the search
/// direction s ≈ F⁻¹g (conjugate gradient), and makes the step θ = θₖ + β·s as long as the
/// quadratic model of the KL allows: ½ (βs)ᵀF(βs) = δ, so
///
///     β = √(2δ / sᵀFs)
///
/// You are given δ, s and the Fisher-vector product F·s (`fisherTimesDirection`, the same length
/// as s). If sᵀFs ≤ 0 (no curvature along s, e.g. s = 0) return 0: there is no step to take.
///
/// Worked examples: δ = 0.01, s = (1, 2), F·s = (2, 1) → sᵀFs = 4, β = √(0.02 / 4) = 0.070711;
/// δ = 0.5, s = (3), F·s = (3) (F = 1) → β = √(1/9) = 1/3; s = (0, 0), F·s = (0, 0) → 0.
///
/// Check with: `swift test --filter "Exercise 9.2"`.
public func trpoStepSize(maxKL: Double, direction: [Double], fisherTimesDirection: [Double]) throws -> Double {
    // Replace this line with your answer.
    throw NotAttempted("sᵀFs is the dot product of direction and fisherTimesDirection; β = (2δ / sᵀFs).squareRoot()")
}
