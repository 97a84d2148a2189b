import Foundation
import MatrixKernelC
import Testing

@testable import RecRL

/// The AVX-512 exp, tanh and Adam kernels stand in for one-number-at-a-time Swift code, so they
/// must give its numbers bit for bit: otherwise a chapter's results would depend on the machine.
/// Each kernel is checked against its reference on many numbers, and the tensor ops that use them
/// on sizes that are not multiples of the vector width (8).
@Suite("VectorMath: the AVX-512 kernels give the references' numbers bit for bit")
struct VectorMathTests {
    /// Where the kernels must reproduce the references: an AVX-512 CPU with glibc's exp (Linux).
    /// Elsewhere VectorMath may find at start that they do not, and runs the references instead.
    #if os(Linux) && arch(x86_64)
        static let kernelsMustMatch = MatrixKernel.cpuHasAVX512
    #else
        static let kernelsMustMatch = false
    #endif

    static func firstMismatch(_ inputs: [Double], kernel: ([Double]) -> [Double], reference: (Double) -> Double)
        -> String?
    {
        let got = kernel(inputs)
        for (i, x) in inputs.enumerated() where got[i].bitPattern != reference(x).bitPattern {
            return "x = \(x) (\(x.bitPattern)): expected \(reference(x)), got \(got[i])"
        }
        return nil
    }

    static func exps(_ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { recrl_exp_avx512(x.baseAddress!, $0.baseAddress!, x.count) }
        }
        return y
    }

    static func tanhs(_ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { recrl_tanh_avx512(x.baseAddress!, $0.baseAddress!, x.count) }
        }
        return y
    }

    @Test("On an AVX-512 CPU with glibc the kernels pass their start-up check and run")
    func kernelsRunWhereTheyCan() {
        if Self.kernelsMustMatch && MatrixKernel.path == .avx512 {
            #expect(VectorMath.usesKernels, "the start-up check found a difference from the C library's exp or tanh")
        }
        #expect(!VectorMath.usesKernels || MatrixKernel.path == .avx512)
    }

    @Test(
        "exp: the kernel's bits are the C library's on a million numbers over its whole range",
        .enabled(if: VectorMathTests.kernelsMustMatch))
    func expMatchesTheCLibrary() {
        var rng = RNG(seed: 1)
        let wide = (0..<400_000).map { _ in rng.uniform(-760, 720) }
        let narrow = (0..<400_000).map { _ in rng.uniform(-3, 3) }
        let anyBits = (0..<200_000).map { _ in Double(bitPattern: rng.next()) }
        let inputs = VectorMath.checkInputs + wide + narrow + anyBits
        let mismatch = Self.firstMismatch(inputs, kernel: Self.exps, reference: Foundation.exp)
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test(
        "tanh: the kernel's bits are Tensor.tanh's, also around the |x| = 0.01 switch",
        .enabled(if: VectorMathTests.kernelsMustMatch))
    func tanhMatchesTheReference() {
        var rng = RNG(seed: 2)
        let wide = (0..<400_000).map { _ in rng.uniform(-30, 30) }
        let nearZero = (0..<200_000).map { _ in rng.uniform(-0.03, 0.03) }
        let anyBits = (0..<100_000).map { _ in Double(bitPattern: rng.next()) }
        let inputs = VectorMath.checkInputs + wide + nearZero + anyBits
        let mismatch = Self.firstMismatch(inputs, kernel: Self.tanhs, reference: Tensor.tanh)
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test("Tensor exp and tanh equal the scalar references at every size, whatever the vector tail")
    func tensorOpsAtOddSizes() {
        var rng = RNG(seed: 3)
        for count in [1, 7, 8, 9, 15, 16, 17, 129] {
            let x = Tensor(rows: 1, cols: count, data: (0..<count).map { _ in rng.uniform(-4, 4) })
            #expect(x.exp().data.map(\.bitPattern) == x.data.map { Foundation.exp($0).bitPattern }, "size \(count)")
            #expect(x.tanh().data.map(\.bitPattern) == x.data.map { Tensor.tanh($0).bitPattern }, "size \(count)")
        }
    }

    @Test("Adam.step equals the update written out by hand, bit for bit, at every parameter size")
    func adamMatchesTheFormula() {
        var rng = RNG(seed: 4)
        for count in [1, 5, 8, 11, 64, 131] {
            let p = Tensor(rows: 1, cols: count, data: (0..<count).map { _ in rng.normal() }, requiresGrad: true)
            let adam = Adam(parameters: [p], learningRate: 3e-4, epsilon: 1e-5)
            var (theta, m, v) = (p.data, [Double](repeating: 0, count: count), [Double](repeating: 0, count: count))
            for t in 1...3 {
                let g = (0..<count).map { _ in rng.normal() }
                p.grad = g
                adam.step()
                let stepSize = 3e-4 / (1 - Foundation.pow(0.9, Double(t)))
                let correction = (1 - Foundation.pow(0.999, Double(t))).squareRoot()
                for i in 0..<count {
                    m[i] = 0.9 * m[i] + (1 - 0.9) * g[i]
                    v[i] = 0.999 * v[i] + (1 - 0.999) * g[i] * g[i]
                    theta[i] -= stepSize * m[i] / (v[i].squareRoot() / correction + 1e-5)
                }
                #expect(p.data.map(\.bitPattern) == theta.map(\.bitPattern), "size \(count), step \(t)")
            }
        }
    }
}
