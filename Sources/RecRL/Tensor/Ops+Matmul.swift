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
            if a.requiresGrad {
                var dA = [Double](repeating: 0, count: m * k)
                MatrixKernel.product(result.grad, b.data, m: m, k: n, n: k, transposeB: true, into: &dA)
                a.accumulateGrad(dA)
            }
            if b.requiresGrad {
                var dB = [Double](repeating: 0, count: k * n)
                MatrixKernel.product(a.data, result.grad, m: k, k: m, n: n, transposeA: true, into: &dB)
                b.accumulateGrad(dB)
            }
        }
    }
}
