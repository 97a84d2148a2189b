import Foundation

/// softmax over `range` of `x`, in place: xᵢ ← exp(xᵢ − log Σ_{j ∈ range} exp xⱼ), so the entries in
/// `range` become probabilities summing to 1 (computed through log-sum-exp, so logits of
/// |x| ≈ 1e5, as the VirtualTB-v0 action model gives, never overflow).
func softmaxInPlace(_ x: inout [Double], over range: Range<Int>) {
    let lse = Tensor.logSumExp(x[range])
    for i in range { x[i] = Foundation.exp(x[i] - lse) }
}
