import Foundation
import RecRL

/// Exercise 7.1 — GAN-SD's entropy term H(V(G(z))) over a minibatch (Shi et al. 2019, "GAN-SD").
/// The generator has produced B customers; for the attribute V (say the customer category, 3
/// values) each row of `probabilities` ([B×k]) is that customer's softmax over V's values. The
/// generated distribution of V is their mean over the batch, and its entropy is the term:
///
///     p̄ⱼ = (1/B) Σᵢ probabilities[i][j]          H(p̄) = −Σⱼ p̄ⱼ log p̄ⱼ
///
/// Return H(p̄) as a 1×1 Tensor built from Tensor operations (mean, multiplication, log, sum,
/// negation), so that it back-propagates into `probabilities`: with `--mine`, chapter 7's GAN-SD
/// trains with your term.
///
/// Worked example: rows (0.5, 0.3, 0.2) and (0.1, 0.5, 0.4) → p̄ = (0.3, 0.4, 0.3) →
/// H = −(0.3 ln 0.3 + 0.4 ln 0.4 + 0.3 ln 0.3) = 1.0889.
///
/// Check with: `swift test --filter "Exercise 7.1"`.
public func minibatchEntropy(probabilities: Tensor) throws -> Tensor {
    // Replace this line with your answer.
    throw NotAttempted("average the rows first (a [1×k] tensor: Tensor has mean(axis:)), then −Σ p̄ log p̄")
}
