import Foundation
import Testing

@testable import RecRL

/// A·v for a dense row-major n×n matrix.
func matrixVector(_ a: [[Double]], _ v: [Double]) -> [Double] {
    a.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } }
}

@Suite("Conjugate gradient")
struct ConjugateGradientTests {
    @Test("a 2×2 system by hand: [[4, 1], [1, 3]] x = [1, 2] has x = [1/11, 7/11], reached in 2 iterations")
    func workedExample() {
        // det = 11; x = (1/11) [[3, −1], [−1, 4]] [1, 2] = [1/11, 7/11].
        let a: [[Double]] = [[4, 1], [1, 3]]
        let result = conjugateGradient(b: [1, 2], iterations: 10) { matrixVector(a, $0) }
        #expect(result.iterations == 2)
        #expect(abs(result.solution[0] - 1.0 / 11) < 1e-12)
        #expect(abs(result.solution[1] - 7.0 / 11) < 1e-12)
        // One iteration is the steepest-descent step along r₀ = b: α = bᵀb / bᵀAb = 5 / 20.
        let one = conjugateGradient(b: [1, 2], iterations: 1) { matrixVector(a, $0) }
        #expect(one.iterations == 1)
        #expect(abs(one.solution[0] - 0.25) < 1e-15 && abs(one.solution[1] - 0.5) < 1e-15)
    }

    @Test("a random 8×8 SPD system AᵀA + I is solved to 1e-10 within n iterations")
    func randomSPD() {
        var rng = RNG(seed: 7)
        let n = 8
        let m = (0..<n).map { _ in (0..<n).map { _ in rng.normal() } }
        // A = MᵀM + I is symmetric positive definite.
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n {
                var sum: Double = i == j ? 1 : 0
                for k in 0..<n { sum += m[k][i] * m[k][j] }
                a[i][j] = sum
            }
        }
        let b = (0..<n).map { _ in rng.normal() }
        let result = conjugateGradient(b: b, iterations: 50, residualTolerance: 1e-24) { matrixVector(a, $0) }
        #expect(result.iterations <= n + 2, "CG took \(result.iterations) iterations for n = \(n)")
        let product = matrixVector(a, result.solution)
        let residual: [Double] = zip(product, b).map { $0 - $1 }
        let relative: Double = dotProduct(residual, residual).squareRoot() / dotProduct(b, b).squareRoot()
        #expect(relative < 1e-10, "‖Ax − b‖/‖b‖ = \(relative)")
    }

    @Test("b = 0 gives x = 0 without a product; the tolerance on ‖r‖² stops it early")
    func stopsEarly() {
        var products = 0
        let zero = conjugateGradient(b: [0, 0, 0], iterations: 5) { v in
            products += 1
            return v
        }
        #expect(zero.solution == [0, 0, 0] && zero.iterations == 0 && products == 0)
        // A = I: one iteration solves it exactly, the residual is 0 and it stops.
        let identity = conjugateGradient(b: [3, -1, 2], iterations: 5) { $0 }
        #expect(identity.iterations == 1 && identity.solution == [3, -1, 2] && identity.residualNorm == 0)
    }
}
