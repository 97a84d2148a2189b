import Foundation
import RecRL

/// Exercise 3.2 — generalised advantage estimation (reference solution).
///
/// Backwards over t: δₜ = rₜ + γ (1 − terminatedₜ) V(sₜ₊₁) − V(sₜ), Âₜ = δₜ + γλ (1 − endₜ) Âₜ₊₁.
public func gaeAdvantages(
    rewards: [Double], values: [Double], nextValues: [Double], terminated: [Bool], truncated: [Bool],
    gamma: Double, lambda: Double
) throws -> [Double] {
    let n = rewards.count
    precondition(
        [values.count, nextValues.count, terminated.count, truncated.count].allSatisfy { $0 == n },
        "gaeAdvantages: every list needs \(n) entries")
    var advantages = [Double](repeating: 0, count: n)
    var running = 0.0
    for t in (0..<n).reversed() {
        let delta = rewards[t] + (terminated[t] ? 0 : gamma * nextValues[t]) - values[t]
        let episodeEnds = terminated[t] || truncated[t]
        running = delta + (episodeEnds ? 0 : gamma * lambda * running)
        advantages[t] = running
    }
    return advantages
}
