// Operations that move values around without arithmetic: their backward steps route each
// gradient back to where the value came from.

extension Tensor {
    /// The same values, read as newRows × newCols (row-major order is kept).
    public func reshaped(_ newRows: Int, _ newCols: Int) -> Tensor {
        precondition(
            newRows * newCols == count,
            "reshaped: cannot view \(shapeText) (\(count) values) as [\(newRows), \(newCols)]")
        let a = self
        return Tensor(rows: newRows, cols: newCols, data: a.data, parents: [a]) { result in
            a.accumulateGrad(result.grad)
        }
    }

    /// Aᵀ: [m×n] → [n×m].
    public func transposed() -> Tensor {
        let a = self
        let out = MatrixKernel.transposed(a.data, rows: rows, cols: cols)
        return Tensor(rows: cols, cols: rows, data: out, parents: [a]) { result in
            a.accumulateGrad(MatrixKernel.transposed(result.grad, rows: a.cols, cols: a.rows))
        }
    }

    /// The block of rows `rowRange` and columns `colRange` (e.g. the 88 static features of a
    /// 91-feature observation: `x.slice(cols: 0..<88)`).
    public func slice(rows rowRange: Range<Int>? = nil, cols colRange: Range<Int>? = nil) -> Tensor {
        let r = rowRange ?? 0..<rows, c = colRange ?? 0..<cols
        precondition(
            r.lowerBound >= 0 && r.upperBound <= rows && c.lowerBound >= 0 && c.upperBound <= cols,
            "slice: rows \(r) and cols \(c) are not inside \(shapeText)")
        let a = self
        var out: [Double] = []
        out.reserveCapacity(r.count * c.count)
        for i in r { out.append(contentsOf: a.data[(i * cols + c.lowerBound)..<(i * cols + c.upperBound)]) }
        return Tensor(rows: r.count, cols: c.count, data: out, parents: [a]) { result in
            var g = [Double](repeating: 0, count: a.count)
            for (oi, i) in r.enumerated() {
                for (oj, j) in c.enumerated() { g[i * a.cols + j] = result.grad[oi * c.count + oj] }
            }
            a.accumulateGrad(g)
        }
    }

    /// The rows at `indices`, in that order (repeats allowed): a minibatch. Backward adds each
    /// row's gradient back into the row it came from.
    public func gatherRows(_ indices: [Int]) -> Tensor {
        let a = self
        var out: [Double] = []
        out.reserveCapacity(indices.count * cols)
        for i in indices {
            precondition(i >= 0 && i < rows, "gatherRows: row \(i) is outside 0..<\(rows)")
            out.append(contentsOf: a.data[(i * cols)..<((i + 1) * cols)])
        }
        return Tensor(rows: indices.count, cols: cols, data: out, parents: [a]) { result in
            var g = [Double](repeating: 0, count: a.count)
            for (oi, i) in indices.enumerated() {
                for j in 0..<a.cols { g[i * a.cols + j] += result.grad[oi * a.cols + j] }
            }
            a.accumulateGrad(g)
        }
    }

    /// Joins tensors side by side (axis 1, features: [B×p] and [B×q] → [B×(p+q)], e.g. a critic's
    /// state and action) or one above the other (axis 0, rows).
    public static func concat(_ parts: [Tensor], axis: Int = 1) -> Tensor {
        precondition(!parts.isEmpty, "concat needs at least one tensor")
        precondition(axis == 0 || axis == 1, "concat(axis:) takes 0 (rows) or 1 (features), got \(axis)")
        if axis == 0 {
            let cols = parts[0].cols
            precondition(
                parts.allSatisfy { $0.cols == cols },
                "concat(axis: 0): all parts need \(cols) columns, got \(parts.map(\.shapeText))")
            let rows = parts.reduce(0) { $0 + $1.rows }
            return Tensor(rows: rows, cols: cols, data: parts.flatMap(\.data), parents: parts) { result in
                var offset = 0
                for p in parts {
                    p.accumulateGrad(Array(result.grad[offset..<(offset + p.count)]))
                    offset += p.count
                }
            }
        }
        let rows = parts[0].rows
        precondition(
            parts.allSatisfy { $0.rows == rows },
            "concat(axis: 1): all parts need \(rows) rows, got \(parts.map(\.shapeText))")
        let cols = parts.reduce(0) { $0 + $1.cols }
        var out: [Double] = []
        out.reserveCapacity(rows * cols)
        for i in 0..<rows {
            for p in parts { out.append(contentsOf: p.data[(i * p.cols)..<((i + 1) * p.cols)]) }
        }
        return Tensor(rows: rows, cols: cols, data: out, parents: parts) { result in
            var start = 0
            for p in parts {
                var g = [Double](repeating: 0, count: p.count)
                for i in 0..<rows {
                    for j in 0..<p.cols { g[i * p.cols + j] = result.grad[i * cols + start + j] }
                }
                p.accumulateGrad(g)
                start += p.cols
            }
        }
    }
}
