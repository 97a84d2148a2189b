import Foundation
import RecRL

/// Exercise 9.1 — the Action Norm Constraint's reward, the Virtual-Taobao paper's eq. 3:
///
///     r′(s, a) = r(s, a) / (1 + ρ · max(‖a‖ − μ, 0))
///
/// with ‖a‖ the Euclidean norm √(Σᵢ aᵢ²) of the action. An action no longer than μ keeps its
/// reward; a longer one has it divided down, more the longer it is. ρ = 0 turns ANC off.
///
/// Worked examples (r = 3, ρ = 1, μ = 0.01): a = (0.003, 0.004), ‖a‖ = 0.005 < μ → 3;
/// a = (0.6, 0.8), ‖a‖ = 1 → 3 / 1.99 = 1.5075; ρ = 2, μ = 0.5, a = (3, 4) → 3 / (1 + 2·4.5) = 0.3.
///
/// Check with: `swift test --filter "Exercise 9.1"`; then `swift run ch09-anc --mine` trains with it.
public func ancReward(_ reward: Double, action: [Double], rho: Double, mu: Double) throws -> Double {
    // Replace this line with your answer.
    throw NotAttempted("‖a‖ = (Σ aᵢ²).squareRoot(); the penalty only starts once ‖a‖ passes μ: Swift.max(‖a‖ − μ, 0)")
}
