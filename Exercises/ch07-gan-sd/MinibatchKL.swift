import Foundation
import RecRL

/// Exercise 7.2 — GAN-SD's divergence term KL(V(x) ‖ V(G(z))) over a minibatch. `realFrequencies`
/// q are the proportions of V's values among the real minibatch (fixed numbers); the generated
/// distribution p̄ is the batch mean of the rows of `probabilities` ([B×k]), as in Exercise 7.1:
///
///     KL(q ‖ p̄) = Σⱼ qⱼ log(qⱼ / p̄ⱼ)              a cell with qⱼ = 0 adds 0 (0 · log 0 = 0)
///
/// Return it as a 1×1 Tensor that back-propagates into `probabilities` (the qⱼ log qⱼ part is a
/// constant: a plain number added to the tensor is fine).
///
/// Worked example: q = (0.5, 0.5, 0), rows (0.5, 0.3, 0.2) and (0.1, 0.5, 0.4) → p̄ = (0.3, 0.4, 0.3)
/// → KL = 0.5 ln(0.5/0.3) + 0.5 ln(0.5/0.4) = 0.3670.
///
/// Check with: `swift test --filter "Exercise 7.2"`.
public func minibatchKL(realFrequencies: [Double], probabilities: Tensor) throws -> Tensor {
    // Replace this line with your answer.
    throw NotAttempted("split log(q/p̄) into log q − log p̄: only −Σ qⱼ log p̄ⱼ depends on the generator")
}
