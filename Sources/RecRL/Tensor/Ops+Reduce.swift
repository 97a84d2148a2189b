import Foundation

// Reductions: sums and means over everything, over rows (axis 0) or over columns (axis 1);
// and the per-row softmax family used by policies and classifiers.

extension Tensor {
    /// The sum of all elements, as 1×1. Backward: every element receives ∂L/∂sum.
    public func sum() -> Tensor {
        let a = self
        return Tensor(rows: 1, cols: 1, data: [a.data.reduce(0, +)], parents: [a]) { result in
            a.accumulateGrad([Double](repeating: result.grad[0], count: a.count))
        }
    }

    /// The mean of all elements, as 1×1.
    public func mean() -> Tensor { sum() / Double(count) }

    /// Sums along an axis, keeping two dimensions: axis 0 adds the rows together (→ 1×cols, e.g.
    /// a bias gradient); axis 1 adds across each row (→ rows×1, e.g. a log-probability over action
    /// dimensions).
    public func sum(axis: Int) -> Tensor {
        precondition(axis == 0 || axis == 1, "sum(axis:) takes 0 (over rows) or 1 (over columns), got \(axis)")
        let a = self
        let (outRows, outCols) = axis == 0 ? (1, cols) : (rows, 1)
        var out = [Double](repeating: 0, count: outRows * outCols)
        for i in 0..<rows {
            for j in 0..<cols { out[axis == 0 ? j : i] += a.data[i * cols + j] }
        }
        return Tensor(rows: outRows, cols: outCols, data: out, parents: [a]) { result in
            var g = [Double](repeating: 0, count: a.count)
            for i in 0..<a.rows {
                for j in 0..<a.cols { g[i * a.cols + j] = result.grad[axis == 0 ? j : i] }
            }
            a.accumulateGrad(g)
        }
    }

    /// The mean along an axis (see `sum(axis:)`).
    public func mean(axis: Int) -> Tensor { sum(axis: axis) / Double(axis == 0 ? rows : cols) }
}

extension Tensor {
    /// log Σⱼ exp(xᵢⱼ) for each row i, as rows×1, computed as m + log Σ exp(x − m) with m the row
    /// maximum so it never overflows. Backward: ∂/∂xᵢⱼ = softmax(xᵢ)ⱼ.
    public func logSumExp() -> Tensor {
        let a = self
        let out = (0..<rows).map { Tensor.logSumExp(a.data[($0 * cols)..<(($0 + 1) * cols)]) }
        return Tensor(rows: rows, cols: 1, data: out, parents: [a]) { result in
            var g = [Double](repeating: 0, count: a.count)
            for i in 0..<a.rows {
                for j in 0..<a.cols {
                    let k = i * a.cols + j
                    g[k] = result.grad[i] * Foundation.exp(a.data[k] - result.data[i])
                }
            }
            a.accumulateGrad(g)
        }
    }

    /// log softmax per row: yᵢⱼ = xᵢⱼ − logsumexp(xᵢ). Backward: ∂L/∂xᵢⱼ = gᵢⱼ − softmaxᵢⱼ Σₖ gᵢₖ.
    public func logSoftmax() -> Tensor {
        let a = self
        var out = a.data
        for i in 0..<rows {
            let lse = Tensor.logSumExp(a.data[(i * cols)..<((i + 1) * cols)])
            for j in 0..<cols { out[i * cols + j] -= lse }
        }
        return Tensor(rows: rows, cols: cols, data: out, parents: [a]) { result in
            var g = [Double](repeating: 0, count: a.count)
            for i in 0..<a.rows {
                let row = (i * a.cols)..<((i + 1) * a.cols)
                let total = result.grad[row].reduce(0, +)
                for k in row { g[k] = result.grad[k] - Foundation.exp(result.data[k]) * total }
            }
            a.accumulateGrad(g)
        }
    }

    /// softmax per row: yᵢⱼ = exp(xᵢⱼ) / Σₖ exp(xᵢₖ). Backward: ∂L/∂xᵢⱼ = yᵢⱼ (gᵢⱼ − Σₖ gᵢₖ yᵢₖ).
    public func softmax() -> Tensor {
        let a = self
        var out = a.data
        for i in 0..<rows {
            let row = (i * cols)..<((i + 1) * cols)
            let lse = Tensor.logSumExp(a.data[row])
            for k in row { out[k] = Foundation.exp(a.data[k] - lse) }
        }
        return Tensor(rows: rows, cols: cols, data: out, parents: [a]) { result in
            var g = [Double](repeating: 0, count: a.count)
            for i in 0..<a.rows {
                let row = (i * a.cols)..<((i + 1) * a.cols)
                var dot = 0.0
                for k in row { dot += result.grad[k] * result.data[k] }
                for k in row { g[k] = result.data[k] * (result.grad[k] - dot) }
            }
            a.accumulateGrad(g)
        }
    }

    /// log Σ exp(x) of some numbers, shifted by their maximum so it never overflows.
    static func logSumExp(_ xs: ArraySlice<Double>) -> Double {
        guard let m = xs.max(), m.isFinite else { return xs.max() ?? -Double.infinity }
        return m + Foundation.log(xs.reduce(0) { $0 + Foundation.exp($1 - m) })
    }
}
