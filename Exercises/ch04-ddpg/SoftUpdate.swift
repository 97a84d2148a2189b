import Foundation
import RecRL

/// Exercise 4.2 — the soft (Polyak) update of a target network (the report's Algorithm 1,
/// line 15), on one parameter array.
///
/// Return the new target parameters, entry by entry,
///
///     θ_targ ← ρ θ_targ + (1 − ρ) θ,
///
/// where `target` is θ_targ, `source` is the network being learned θ, and ρ (close to 1, e.g.
/// 0.995) is how much of the old target is kept.
///
/// Check with: `swift test --filter "Exercise 4.2"`.
public func polyakAverage(target: [Double], source: [Double], rho: Double) throws -> [Double] {
    // Replace this line with your answer.
    throw NotAttempted("keep ρ of the target and take 1 − ρ of the source: ρ·target[i] + (1 − ρ)·source[i]")
}
