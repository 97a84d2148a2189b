import RecRL

/// Exercise 2.2 — the backward step of the matrix product (reference solution).
///
/// ∂L/∂A = G·Bᵀ and ∂L/∂B = Aᵀ·G.
public func matmulBackward(a: Tensor, b: Tensor, upstream: Tensor) throws -> (dA: Tensor, dB: Tensor) {
    Tensor.withoutGradients {
        (dA: upstream.matmul(b.transposed()), dB: a.transposed().matmul(upstream))
    }
}
