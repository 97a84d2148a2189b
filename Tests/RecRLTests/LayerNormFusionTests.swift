import Testing

@testable import RecRL

/// The fused LayerNorm op (`layerNormalized(epsilon:scale:shift:)`, what the `LayerNorm` layer
/// calls) against the three ops it replaces, `layerNormalized(epsilon:) * scale + shift`: the same
/// forward values and the same gradients, bit for bit.
@Suite("LayerNorm: the fused op equals normalise · scale + shift bit for bit")
struct LayerNormFusionTests {
    /// out, ∂L/∂x, ∂L/∂scale, ∂L/∂shift for L = Σ out ⊙ w, by the fused op or by the three ops.
    static func run(
        fused: Bool, x: [Double], rows: Int, cols: Int, scale: [Double], shift: [Double], weights: [Double],
        xRequiresGrad: Bool, scaleRequiresGrad: Bool
    ) -> [[UInt64]] {
        let input = Tensor(rows: rows, cols: cols, data: x, requiresGrad: xRequiresGrad)
        let gain = Tensor(rows: 1, cols: cols, data: scale, requiresGrad: scaleRequiresGrad)
        let bias = Tensor(rows: 1, cols: cols, data: shift, requiresGrad: true)
        let out =
            fused
            ? input.layerNormalized(epsilon: 1e-5, scale: gain, shift: bias)
            : input.layerNormalized(epsilon: 1e-5) * gain + bias
        (out * Tensor(rows: rows, cols: cols, data: weights)).sum().backward()
        return [out.data, input.grad, gain.grad, bias.grad].map { $0.map(\.bitPattern) }
    }

    @Test("random rows and parameters, exact zeros and −0 in the incoming gradient, frozen inputs and scales")
    func fusedEqualsSeparate() {
        var rng = RNG(seed: 50)
        for (rows, cols) in [(1, 1), (1, 7), (5, 3), (256, 128), (100, 128), (3, 27)] {
            let x = (0..<(rows * cols)).map { _ in rng.normal(mean: 0.3, std: 2) }
            let scale = (0..<cols).map { _ in rng.normal(mean: 1, std: 0.5) }
            let shift = (0..<cols).map { _ in rng.normal() }
            // Every seventh weight 0 and every eleventh −0: zeros in ∂L/∂out of both signs.
            let weights = (0..<(rows * cols)).map { i in i % 7 == 0 ? 0 : (i % 11 == 0 ? -0.0 : rng.normal()) }
            for (xGrad, scaleGrad) in [(true, true), (false, true), (true, false)] {
                let fused = Self.run(
                    fused: true, x: x, rows: rows, cols: cols, scale: scale, shift: shift, weights: weights,
                    xRequiresGrad: xGrad, scaleRequiresGrad: scaleGrad)
                let separate = Self.run(
                    fused: false, x: x, rows: rows, cols: cols, scale: scale, shift: shift, weights: weights,
                    xRequiresGrad: xGrad, scaleRequiresGrad: scaleGrad)
                for (name, index) in [("out", 0), ("∂x", 1), ("∂scale", 2), ("∂shift", 3)] {
                    #expect(
                        fused[index] == separate[index],
                        "[\(rows)×\(cols)] x grad \(xGrad), scale grad \(scaleGrad): \(name) differs")
                }
            }
        }
    }

    @Test("the LayerNorm layer uses the fused op: its output equals the three ops bit for bit")
    func layerUsesIt() {
        var rng = RNG(seed: 51)
        let layer = LayerNorm(9)
        for j in 0..<9 {
            layer.scale.data[j] = rng.normal(mean: 1, std: 0.3)
            layer.shift.data[j] = rng.normal()
        }
        let x = Tensor.normal(4, 9, rng: &rng)
        let expected = x.layerNormalized(epsilon: layer.epsilon) * layer.scale + layer.shift
        #expect(layer(x).data.map(\.bitPattern) == expected.data.map(\.bitPattern))
    }

    /// LayerNorm's sums one row at a time, from 0 in the order j = 0, 1, … — the definition.
    static func rowByRow(_ x: [Double], _ g: [Double], rows: Int, cols: Int) -> ([Double], [Double]) {
        let n = Double(cols)
        var y = x, gx = g
        for i in 0..<rows {
            let row = Array(x[(i * cols)..<((i + 1) * cols)])
            let mu = row.reduce(0, +) / n
            let inverse = 1 / (row.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / n + 1e-5).squareRoot()
            for j in 0..<cols { y[i * cols + j] = (row[j] - mu) * inverse }
            var meanG = 0.0, meanGY = 0.0
            for j in 0..<cols {
                meanG += g[i * cols + j]
                meanGY += g[i * cols + j] * y[i * cols + j]
            }
            (meanG, meanGY) = (meanG / n, meanGY / n)
            for j in 0..<cols {
                gx[i * cols + j] = (g[i * cols + j] - meanG - y[i * cols + j] * meanGY) * inverse
            }
        }
        return (y, gx)
    }

    @Test("rows four at a time give each row's own sums: the numbers of one row at a time, bit for bit")
    func fourRowsAtOnceEqualRowByRow() {
        var rng = RNG(seed: 11)
        for rows in 1...9 {
            let cols = 13
            let x = (0..<(rows * cols)).map { _ in rng.normal(mean: 3, std: 2) }
            let g = (0..<(rows * cols)).map { _ in rng.normal() }
            let (y, inverseStd) = Tensor.normalizeRows(x, rows: rows, cols: cols, epsilon: 1e-5)
            let gx = Tensor.normalizeRowsBackward(g, normalized: y, inverseStd: inverseStd, rows: rows, cols: cols)
            let (expectedY, expectedGX) = Self.rowByRow(x, g, rows: rows, cols: cols)
            #expect(y.map(\.bitPattern) == expectedY.map(\.bitPattern), "forward, \(rows) rows")
            #expect(gx.map(\.bitPattern) == expectedGX.map(\.bitPattern), "backward, \(rows) rows")
        }
    }
}
