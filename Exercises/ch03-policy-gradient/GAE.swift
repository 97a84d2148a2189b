import Foundation
import RecRL

/// Exercise 3.2 — generalised advantage estimation, GAE(γ, λ) (Schulman et al. 2016, eq. 16).
///
/// The lists are one environment's steps t = 0…T−1 in order (several episodes may follow each
/// other). `values[t]` is V(sₜ), `nextValues[t]` is V(sₜ₊₁). Return Âₜ for every t:
///
///     δₜ = rₜ + γ V(sₜ₊₁) − V(sₜ)         but with no γ V(sₜ₊₁) term where `terminated[t]`
///     Âₜ = δₜ + γλ Âₜ₊₁                   but with no Âₜ₊₁ term where the episode ended at t
///                                         (`terminated[t]` or `truncated[t]`), and none after
///                                         the last step
///
/// A terminated episode (the customer left or bought) has nothing after it, so nothing is
/// bootstrapped. A truncated one (cut by the page cap) still had a future: keep γ V(sₜ₊₁) in δ,
/// but do not carry advantages across into the next customer's episode.
///
/// Check with: `swift test --filter "Exercise 3.2"`. With `swift run ch03-policy-gradient --mine`
/// the chapter trains with your function in place of the library's.
public func gaeAdvantages(
    rewards: [Double], values: [Double], nextValues: [Double], terminated: [Bool], truncated: [Bool],
    gamma: Double, lambda: Double
) throws -> [Double] {
    // Replace this line with your answer.
    throw NotAttempted("walk backwards from the last step: running = δₜ + γλ · running, reset where an episode ends")
}
