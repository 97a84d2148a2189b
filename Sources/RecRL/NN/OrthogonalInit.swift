extension Linear {
    /// A rows×cols matrix (row-major) whose rows or columns, whichever are fewer, are orthonormal,
    /// times `gain`: the orthogonal initialisation of Saxe, McClelland & Ganguli (2014).
    ///
    /// As PyTorch's `orthogonal_`: draw a Gaussian matrix G, tall (more rows than columns), and
    /// take Q of its QR decomposition G = QR with the signs fixed so that R has a positive
    /// diagonal (this makes Q uniformly distributed over orthogonal matrices). Gram–Schmidt on the
    /// columns of G gives exactly that Q: r_jj is a norm, so it is positive. A wide result is the
    /// transpose of a tall one.
    static func orthogonal(rows: Int, cols: Int, gain: Double, rng: inout RNG) -> [Double] {
        let tall = max(rows, cols), narrow = min(rows, cols)
        // The columns of G, each a vector of `tall` Gaussian numbers.
        var columns = (0..<narrow).map { _ in (0..<tall).map { _ in rng.normal() } }
        // Modified Gram–Schmidt: make each column orthogonal to the ones before it, then unit length.
        // Done twice ("twice is enough", Giraud et al. 2005) so the result is orthogonal to round-off.
        for _ in 0..<2 {
            for j in 0..<narrow {
                for earlier in 0..<j {
                    let projection = dot(columns[earlier], columns[j])
                    for r in 0..<tall { columns[j][r] -= projection * columns[earlier][r] }
                }
                let norm = dot(columns[j], columns[j]).squareRoot()
                precondition(norm > 0, "orthogonal init: a Gaussian column was dependent on the others")
                for r in 0..<tall { columns[j][r] /= norm }
            }
        }
        // Q is tall×narrow with Q[r][j] = columns[j][r]; the result is Q (rows ≥ cols) or Qᵀ.
        var out = [Double](repeating: 0, count: rows * cols)
        for j in 0..<narrow {
            for r in 0..<tall {
                if rows >= cols {
                    out[r * cols + j] = gain * columns[j][r]
                } else {
                    out[j * cols + r] = gain * columns[j][r]
                }
            }
        }
        return out
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }
}
