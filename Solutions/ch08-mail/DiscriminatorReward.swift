import Foundation
import RecRL

/// Exercise 8.1 — MAIL's reward from the discriminator's logit (reference solution):
/// log σ(ℓ) − log(1 − σ(ℓ)) = log(e^ℓ) = ℓ.
public func discriminatorReward(logit: Double) throws -> Double { logit }
