extension Tensor {
    /// Layer normalisation of each row (Ba, Kiros & Hinton 2016), without the learned scale and
    /// shift (the `LayerNorm` layer adds those):
    ///
    ///     μ = mean(x),  σ² = mean((x − μ)²)  (divides by n, as PyTorch),  y = (x − μ) / √(σ² + ε)
    ///
    /// Backward, with g = ∂L/∂y and n features: ∂L/∂x = (g − mean(g) − y · mean(g ⊙ y)) / √(σ² + ε).
    public func layerNormalized(epsilon: Double = 1e-5) -> Tensor {
        let a = self
        let n = Double(cols)
        var out = [Double](repeating: 0, count: count)
        var inverseStd = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            let row = (i * cols)..<((i + 1) * cols)
            let mu = a.data[row].reduce(0, +) / n
            let variance = a.data[row].reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / n
            inverseStd[i] = 1 / (variance + epsilon).squareRoot()
            for k in row { out[k] = (a.data[k] - mu) * inverseStd[i] }
        }
        return Tensor(rows: rows, cols: cols, data: out, parents: [a]) { result in
            var g = [Double](repeating: 0, count: a.count)
            for i in 0..<a.rows {
                let row = (i * a.cols)..<((i + 1) * a.cols)
                var meanG = 0.0, meanGY = 0.0
                for k in row {
                    meanG += result.grad[k]
                    meanGY += result.grad[k] * result.data[k]
                }
                meanG /= n
                meanGY /= n
                for k in row { g[k] = (result.grad[k] - meanG - result.data[k] * meanGY) * inverseStd[i] }
            }
            a.accumulateGrad(g)
        }
    }
}
