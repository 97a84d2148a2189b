import RecRL

/// Exercise 2.2 — the backward step of the matrix product.
///
/// Forward: C = A·B with A [m×k] and B [k×n]. Given the upstream gradient G = ∂L/∂C [m×n], return
/// ∂L/∂A [m×k] and ∂L/∂B [k×n]. You may use `matmul` and `transposed()` on constant tensors.
///
/// Check with: `swift test --filter "Exercise 2.2"`.
public func matmulBackward(a: Tensor, b: Tensor, upstream: Tensor) throws -> (dA: Tensor, dB: Tensor) {
    // Replace this line with your answer.
    throw NotAttempted("write Cᵢⱼ = Σₚ AᵢₚBₚⱼ and differentiate: ∂L/∂A needs G and Bᵀ; ∂L/∂B needs Aᵀ and G")
}
