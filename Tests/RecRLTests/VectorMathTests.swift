import Foundation
import Testing

@testable import RecRL

/// The vector exp, tanh and Adam kernels (AVX-512 and AVX2+FMA) stand in for one-number-at-a-time
/// Swift code, so they must give its numbers bit for bit: otherwise a chapter's results would
/// depend on the machine. Each kernel set this CPU can run is checked against the references on
/// many numbers, and the tensor ops and Adam that use them on sizes that are not multiples of the
/// vector widths (8 and 4).
@Suite("VectorMath: the vector kernels give the references' numbers bit for bit")
struct VectorMathTests {
    /// The kernel sets that must reproduce the references here: those the CPU runs, with glibc's
    /// exp (Linux). Elsewhere VectorMath may find at start that they do not, and runs the references.
    #if os(Linux) && arch(x86_64)
        static let mustMatch: [VectorMath.Kernels] =
            (MatrixKernel.cpuHasAVX512 ? [VectorMath.avx512] : [])
            + (MatrixKernel.cpuHasAVX2FMA ? [VectorMath.avx2FMA] : [])
    #else
        static let mustMatch: [VectorMath.Kernels] = []
    #endif

    static func firstMismatch(_ inputs: [Double], kernel: VectorMath.ArrayKernel, reference: (Double) -> Double)
        -> String?
    {
        var got = [Double](repeating: 0, count: inputs.count)
        inputs.withUnsafeBufferPointer { x in
            got.withUnsafeMutableBufferPointer { kernel(x.baseAddress!, $0.baseAddress!, x.count) }
        }
        for (i, x) in inputs.enumerated() where got[i].bitPattern != reference(x).bitPattern {
            return "x = \(x) (\(x.bitPattern)): expected \(reference(x)), got \(got[i])"
        }
        return nil
    }

    @Test("With glibc the kernels of the matrix kernel's path pass their start-up check and run")
    func kernelsRunWhereTheyCan() {
        let expected: String? =
            switch MatrixKernel.path {
            case .avx512: Self.mustMatch.isEmpty ? nil : "avx512"
            case .avx2FMA: Self.mustMatch.isEmpty ? nil : "avx2+fma"
            case .portable: nil
            }
        if let expected {
            #expect(
                VectorMath.kernels?.name == expected,
                "the start-up check found a difference from the C library's exp or tanh")
        }
        if MatrixKernel.path == .portable { #expect(!VectorMath.usesKernels) }
    }

    @Test(
        "exp: each kernel's bits are the C library's on a million numbers over its whole range",
        .enabled(if: !VectorMathTests.mustMatch.isEmpty), arguments: VectorMathTests.mustMatch.map(\.name))
    func expMatchesTheCLibrary(kernels name: String) {
        let kernels = Self.mustMatch.first { $0.name == name }!
        var rng = RNG(seed: 1)
        let wide = (0..<400_000).map { _ in rng.uniform(-760, 720) }
        let narrow = (0..<400_000).map { _ in rng.uniform(-3, 3) }
        let anyBits = (0..<200_000).map { _ in Double(bitPattern: rng.next()) }
        let inputs = VectorMath.checkInputs + wide + narrow + anyBits
        let mismatch = Self.firstMismatch(inputs, kernel: kernels.exp, reference: Foundation.exp)
        #expect(mismatch == nil, "\(name): \(mismatch ?? "")")
    }

    @Test(
        "tanh: each kernel's bits are Tensor.tanh's, also around the |x| = 0.01 switch",
        .enabled(if: !VectorMathTests.mustMatch.isEmpty), arguments: VectorMathTests.mustMatch.map(\.name))
    func tanhMatchesTheReference(kernels name: String) {
        let kernels = Self.mustMatch.first { $0.name == name }!
        var rng = RNG(seed: 2)
        let wide = (0..<400_000).map { _ in rng.uniform(-30, 30) }
        let nearZero = (0..<200_000).map { _ in rng.uniform(-0.03, 0.03) }
        let anyBits = (0..<100_000).map { _ in Double(bitPattern: rng.next()) }
        let inputs = VectorMath.checkInputs + wide + nearZero + anyBits
        let mismatch = Self.firstMismatch(inputs, kernel: kernels.tanh, reference: Tensor.tanh)
        #expect(mismatch == nil, "\(name): \(mismatch ?? "")")
    }

    @Test("Tensor exp and tanh equal the scalar references at every size, whatever the vector tail")
    func tensorOpsAtOddSizes() {
        var rng = RNG(seed: 3)
        for count in [1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 129] {
            let x = Tensor(rows: 1, cols: count, data: (0..<count).map { _ in rng.uniform(-4, 4) })
            #expect(x.exp().data.map(\.bitPattern) == x.data.map { Foundation.exp($0).bitPattern }, "size \(count)")
            #expect(x.tanh().data.map(\.bitPattern) == x.data.map { Tensor.tanh($0).bitPattern }, "size \(count)")
        }
    }

    /// Adam's steps written out by hand (Adam.swift's formula; lr 3e-4, ε 1e-5, PyTorch's betas)
    /// from `start`, one per gradient.
    static func adamByHand(start: [Double], gradients: [[Double]]) -> [Double] {
        var (theta, m, v) = (
            start, [Double](repeating: 0, count: start.count), [Double](repeating: 0, count: start.count)
        )
        for (t, g) in zip(1..., gradients) {
            let stepSize = 3e-4 / (1 - Foundation.pow(0.9, Double(t)))
            let correction = (1 - Foundation.pow(0.999, Double(t))).squareRoot()
            for i in theta.indices {
                m[i] = 0.9 * m[i] + (1 - 0.9) * g[i]
                v[i] = 0.999 * v[i] + (1 - 0.999) * g[i] * g[i]
                theta[i] -= stepSize * m[i] / (v[i].squareRoot() / correction + 1e-5)
            }
        }
        return theta
    }

    static func adamProblem(count: Int, rng: inout RNG) -> (start: [Double], gradients: [[Double]]) {
        ((0..<count).map { _ in rng.normal() }, (0..<3).map { _ in (0..<count).map { _ in rng.normal() } })
    }

    @Test("Adam.step equals the update written out by hand, bit for bit, at every parameter size")
    func adamMatchesTheFormula() {
        var rng = RNG(seed: 4)
        for count in [1, 3, 4, 5, 8, 11, 64, 131] {
            let (start, gradients) = Self.adamProblem(count: count, rng: &rng)
            let p = Tensor(rows: 1, cols: count, data: start, requiresGrad: true)
            let adam = Adam(parameters: [p], learningRate: 3e-4, epsilon: 1e-5)
            for g in gradients {
                p.grad = g
                adam.step()
            }
            let expected = Self.adamByHand(start: start, gradients: gradients)
            #expect(p.data.map(\.bitPattern) == expected.map(\.bitPattern), "size \(count)")
        }
    }

    @Test(
        "Adam: each kernel equals the update written out by hand, bit for bit",
        .enabled(if: !VectorMathTests.mustMatch.isEmpty), arguments: VectorMathTests.mustMatch.map(\.name))
    func adamKernels(kernels name: String) {
        let kernels = Self.mustMatch.first { $0.name == name }!
        var rng = RNG(seed: 5)
        for count in [1, 3, 4, 5, 8, 11, 131] {
            let (start, gradients) = Self.adamProblem(count: count, rng: &rng)
            var (theta, m, v) = (start, [Double](repeating: 0, count: count), [Double](repeating: 0, count: count))
            for (t, g) in zip(1..., gradients) {
                let stepSize = 3e-4 / (1 - Foundation.pow(0.9, Double(t)))
                let correction = (1 - Foundation.pow(0.999, Double(t))).squareRoot()
                kernels.adam(&theta, &m, &v, g, count, 0.9, 0.999, stepSize, correction, 1e-5)
            }
            let expected = Self.adamByHand(start: start, gradients: gradients)
            #expect(theta.map(\.bitPattern) == expected.map(\.bitPattern), "\(name), size \(count)")
        }
    }
}
