extension Tensor {
    /// The matrix product A·B: [m×k]·[k×n] → [m×n].
    ///
    /// Backward: for L depending on C = A·B, ∂L/∂A = ∂L/∂C · Bᵀ and ∂L/∂B = Aᵀ · ∂L/∂C.
    public func matmul(_ other: Tensor) -> Tensor {
        precondition(
            cols == other.rows,
            "matmul: inner sizes differ: \(shapeText) · \(other.shapeText) (left cols must equal right rows)")
        let (m, k, n) = (rows, cols, other.cols)
        let a = self, b = other
        var out = [Double](repeating: 0, count: m * n)
        MatrixKernel.product(a.data, b.data, m: m, k: k, n: n, into: &out)
        return Tensor(rows: m, cols: n, data: out, parents: [a, b]) { result in
            // Accumulate straight into the gradients (no temporary buffer to zero and add).
            if a.requiresGrad {
                MatrixKernel.product(
                    result.grad, b.data, m: m, k: n, n: k, transposeB: true, into: &a.grad, accumulate: true)
            }
            if b.requiresGrad {
                MatrixKernel.product(
                    a.data, result.grad, m: k, k: m, n: n, transposeA: true, into: &b.grad, accumulate: true)
            }
        }
    }
}
