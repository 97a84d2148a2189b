import Foundation
import RecRL

/// An engine's deterministic action π(s) → its stochastic version for importance sampling:
/// N(κσ · π(s)/|π(s)|, σ² I). Ranking ignores the norm, so only the direction of π(s) matters to
/// the world; the shift κσ keeps the importance weights against the historical N(0, σ² I) tame
/// (their variance is e^{κ²} − 1).
func stochasticMean(_ action: [Double], shift: Double, sigma: Double) -> [Double] {
    let norm = action.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard norm > 0 else { return action.map { _ in 0 } }
    return action.map { shift * sigma * $0 / norm }
}
