/// Conjugate gradient (Hestenes & Stiefel 1952; Nocedal & Wright, *Numerical Optimization*,
/// Algorithm 5.2): solves A x = b for a symmetric positive-definite A that is known only through
/// the products v ↦ A v — TRPO's Fisher matrix, which is never formed.
///
///     x₀ = 0,  r₀ = b,  p₀ = r₀
///     for k = 0, 1, …:
///         αₖ = rₖᵀrₖ / pₖᵀA pₖ
///         xₖ₊₁ = xₖ + αₖ pₖ
///         rₖ₊₁ = rₖ − αₖ A pₖ                      (the residual b − A xₖ₊₁)
///         stop once rₖ₊₁ᵀrₖ₊₁ < tolerance
///         pₖ₊₁ = rₖ₊₁ + (rₖ₊₁ᵀrₖ₊₁ / rₖᵀrₖ) pₖ
///
/// In exact arithmetic it reaches the solution of an n×n system in at most n iterations; TRPO stops
/// it after a few (Spinning Up `cg_iters` = 10, sb3-contrib `cg_max_steps` = 15), which already
/// gives a good direction. The stop on the squared residual norm is sb3-contrib's
/// (`residual_tol` = 1e-10).
///
///     let result = conjugateGradient(b: [1, 2], iterations: 10) { v in [4 * v[0] + v[1], v[0] + 3 * v[1]] }
///     result.solution    // [1/11, 7/11]
public func conjugateGradient(
    b: [Double], iterations: Int, residualTolerance: Double = 1e-10, apply: ([Double]) -> [Double]
) -> ConjugateGradientResult {
    precondition(iterations > 0, "conjugateGradient needs iterations > 0, got \(iterations)")
    var x = [Double](repeating: 0, count: b.count)
    var r = b
    var p = b
    var rr = dotProduct(r, r)
    var done = 0
    while done < iterations && rr >= residualTolerance {
        let ap = apply(p)
        precondition(ap.count == b.count, "conjugateGradient: A·p has \(ap.count) entries, b has \(b.count)")
        let pap = dotProduct(p, ap)
        // pᵀAp ≤ 0 means A is not positive definite along p (or p = 0): no further progress.
        guard pap > 0 else { break }
        let alpha = rr / pap
        for i in x.indices {
            x[i] += alpha * p[i]
            r[i] -= alpha * ap[i]
        }
        let next = dotProduct(r, r)
        done += 1
        let beta = next / rr
        rr = next
        for i in p.indices { p[i] = r[i] + beta * p[i] }
    }
    return ConjugateGradientResult(solution: x, iterations: done, residualNorm: rr.squareRoot())
}

/// What `conjugateGradient` returns.
public struct ConjugateGradientResult: Sendable {
    /// x ≈ A⁻¹ b.
    public var solution: [Double]
    /// Products A·p computed (iterations run).
    public var iterations: Int
    /// ‖b − A x‖ of the recursively updated residual at the end.
    public var residualNorm: Double
}

/// Σᵢ aᵢ bᵢ.
func dotProduct(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}
