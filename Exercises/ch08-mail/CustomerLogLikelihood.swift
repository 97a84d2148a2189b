import Foundation
import RecRL

/// Exercise 8.2 — behaviour cloning's log-likelihood of one logged page. The customer policy
/// outputs 33 logits ℓ₀ … ℓ₃₂, one per answer a^c = (c clicks, decision d), numbered 3·c + d
/// (d: 0 turn the page, 1 leave, 2 buy). Return log π(a^c | s^c), the log-softmax at 3c + d:
///
///     log π(c, d) = ℓ_{3c+d} − log Σⱼ e^{ℓⱼ}
///
/// computed so that logits of ±1,000 give a finite answer (subtract the largest logit first).
/// Behaviour cloning maximises the mean of this over the log's pages.
///
/// Worked example: all 33 logits 0 → −ln 33 = −3.4965; ℓ₇ = ln 32, the rest 0 → for c = 2,
/// d = 1 (index 7): ln 32 − ln 64 = −ln 2.
///
/// Check with: `swift test --filter "Exercise 8.2"`.
public func customerLogLikelihood(logits: [Double], clicks: Int, decision: Int) throws -> Double {
    // Replace this line with your answer.
    throw NotAttempted("index 3·clicks + decision; log Σ e^ℓ = m + log Σ e^(ℓ − m) with m the largest logit")
}
