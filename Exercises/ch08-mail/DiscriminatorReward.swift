import Foundation
import RecRL

/// Exercise 8.1 — MAIL's reward of one generated page from the discriminator's logit ℓ, where
/// D = σ(ℓ) = 1 / (1 + e^−ℓ) is the discriminator's probability that the page came from the log.
///
/// Sessions end when the customer leaves or buys, so a reward that is always positive pays a
/// customer policy for long sessions and one that is always negative for short ones. Return the
/// reward that is 0 where the discriminator cannot tell (D = ½), positive where the page looks
/// real and negative where it looks generated, and that stays finite for any ℓ (try ℓ = ±40):
///
///     r = log D − log(1 − D)
///
/// Worked examples: ℓ = 0 (D = ½) → 0; D = ¾ (ℓ = ln 3) → ln 3 = 1.0986; D = ¼ → −ln 3.
///
/// Check with: `swift test --filter "Exercise 8.1"`; `swift run ch08-mail --mine` trains with it.
public func discriminatorReward(logit: Double) throws -> Double {
    // Replace this line with your answer.
    throw NotAttempted("write log D and log(1 − D) with D = σ(ℓ), and simplify before you compute")
}
