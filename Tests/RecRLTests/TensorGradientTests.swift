import Testing

@testable import RecRL

/// Finite-difference checks: for every differentiable op, the gradient from `backward()` must match
/// the central difference (L(x + h) − L(x − h)) / 2h to a relative error below 1e-6, on random
/// inputs of several shapes.
@Suite("Autodiff: every op against central differences")
struct TensorGradientTests {
    static let shapes: [(Int, Int)] = [(1, 1), (1, 5), (4, 1), (3, 7)]
    static let tolerance = 1e-6

    /// A random input of the given shape that takes gradients; `low`/`high` keep it in the op's domain.
    func input(_ r: Int, _ c: Int, seed: UInt64, low: Double = -2, high: Double = 2) -> Tensor {
        var rng = RNG(seed: seed)
        return Tensor.uniform(r, c, low: low, high: high, rng: &rng, requiresGrad: true)
    }

    func expectUnary(_ name: String, low: Double = -2, high: Double = 2, _ op: (Tensor) -> Tensor) {
        for (k, (r, c)) in Self.shapes.enumerated() {
            let x = input(r, c, seed: UInt64(k), low: low, high: high)
            let error = GradientCheck.maxError(of: { op(x) }, wrt: [x])
            #expect(error < Self.tolerance, "\(name) on [\(r), \(c)]: max relative error \(error)")
        }
    }

    @Test("unary functions: exp, log, tanh, sigmoid, relu, leaky relu, softplus, square, sqrt, abs, neg, clamp")
    func unary() {
        expectUnary("exp") { $0.exp() }
        expectUnary("log", low: 0.1, high: 3) { $0.log() }
        expectUnary("tanh") { $0.tanh() }
        expectUnary("sigmoid") { $0.sigmoid() }
        expectUnary("relu") { $0.relu() }
        expectUnary("leakyRelu") { $0.leakyRelu(slope: 0.1) }
        expectUnary("softplus") { $0.softplus() }
        expectUnary("square") { $0.square() }
        expectUnary("sqrt", low: 0.1, high: 3) { $0.sqrt() }
        expectUnary("abs") { $0.abs() }
        expectUnary("negated") { -$0 }
        expectUnary("clamped") { $0.clamped(-0.5, 0.7) }
    }

    @Test("binary ops with broadcasting: same shape, row, column and scalar operands")
    func binary() {
        let ops: [(String, (Tensor, Tensor) -> Tensor)] = [
            ("add", { $0 + $1 }), ("sub", { $0 - $1 }), ("mul", { $0 * $1 }), ("div", { $0 / $1 }),
            ("minimum", { $0.minimum($1) }), ("maximum", { $0.maximum($1) }),
        ]
        let pairs: [((Int, Int), (Int, Int))] = [
            ((3, 4), (3, 4)), ((3, 4), (1, 4)), ((3, 4), (3, 1)), ((3, 4), (1, 1)),
        ]
        for (name, op) in ops {
            for (k, (sa, sb)) in pairs.enumerated() {
                let a = input(sa.0, sa.1, seed: 10 + UInt64(k))
                // Keep divisors away from zero.
                let b = input(sb.0, sb.1, seed: 20 + UInt64(k), low: 0.5, high: 2)
                let e1 = GradientCheck.maxError(of: { op(a, b) }, wrt: [a, b])
                let e2 = GradientCheck.maxError(of: { op(b, a) }, wrt: [a, b])
                #expect(e1 < Self.tolerance, "\(name)(\(a.shapeText), \(b.shapeText)): error \(e1)")
                #expect(e2 < Self.tolerance, "\(name)(\(b.shapeText), \(a.shapeText)): error \(e2)")
            }
        }
    }

    @Test("matmul: ∂/∂A = G·Bᵀ and ∂/∂B = Aᵀ·G, including odd sizes that hit the kernel's edges")
    func matmul() {
        for (k, (m, inner, n)) in [(1, 1, 1), (2, 3, 4), (5, 7, 6), (9, 4, 13)].enumerated() {
            let a = input(m, inner, seed: 30 + UInt64(k))
            let b = input(inner, n, seed: 40 + UInt64(k))
            let error = GradientCheck.maxError(of: { a.matmul(b) }, wrt: [a, b])
            #expect(error < Self.tolerance, "matmul [\(m),\(inner)]·[\(inner),\(n)]: error \(error)")
        }
    }

    @Test("reductions: sum and mean over all, over rows (axis 0) and over columns (axis 1)")
    func reductions() {
        expectUnary("sum") { $0.sum() }
        expectUnary("mean") { $0.mean() }
        expectUnary("sum(axis: 0)") { $0.sum(axis: 0) }
        expectUnary("sum(axis: 1)") { $0.sum(axis: 1) }
        expectUnary("mean(axis: 0)") { $0.mean(axis: 0) }
        expectUnary("mean(axis: 1)") { $0.mean(axis: 1) }
    }

    @Test("per-row log-softmax, softmax, logsumexp and layer normalisation")
    func rowwise() {
        expectUnary("logSoftmax") { $0.logSoftmax() }
        expectUnary("softmax") { $0.softmax() }
        expectUnary("logSumExp") { $0.logSumExp() }
        // Layer norm of a single feature is constant 0; check widths ≥ 2.
        for (k, (r, c)) in [(1, 5), (3, 7), (2, 2)].enumerated() {
            let x = input(r, c, seed: 50 + UInt64(k))
            let error = GradientCheck.maxError(of: { x.layerNormalized() }, wrt: [x])
            #expect(error < Self.tolerance, "layerNormalized on [\(r), \(c)]: error \(error)")
        }
    }

    @Test("shape ops: reshape, transpose, slice, gather rows (with repeats), concat on both axes")
    func shapeOps() {
        let x = input(4, 6, seed: 60)
        let y = input(4, 3, seed: 61)
        let z = input(2, 6, seed: 62)
        let cases: [(String, () -> Tensor)] = [
            ("reshaped", { x.reshaped(3, 8) }),
            ("transposed", { x.transposed() }),
            ("slice", { x.slice(rows: 1..<3, cols: 2..<5) }),
            ("gatherRows", { x.gatherRows([3, 0, 3, 1]) }),
            ("concat axis 1", { Tensor.concat([x, y], axis: 1) }),
            ("concat axis 0", { Tensor.concat([x, z], axis: 0) }),
        ]
        for (name, f) in cases {
            let error = GradientCheck.maxError(of: f, wrt: [x, y, z].filter { _ in true })
            #expect(error < Self.tolerance, "\(name): error \(error)")
        }
    }

    @Test("a composite: a 2-layer network's loss, through matmul, broadcasting, tanh and mean")
    func composite() {
        let x = input(5, 3, seed: 70)
        let w1 = input(3, 4, seed: 71), b1 = input(1, 4, seed: 72)
        let w2 = input(4, 2, seed: 73)
        let error = GradientCheck.maxError(
            of: { ((x.matmul(w1) + b1).tanh().matmul(w2) - 0.5).square().mean() }, wrt: [x, w1, b1, w2])
        #expect(error < Self.tolerance, "composite: error \(error)")
    }
}
