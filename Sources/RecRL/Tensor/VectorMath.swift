import Foundation
import MatrixKernelC

/// e^x and tanh x over whole arrays, and Adam's update: eight numbers at a time on AVX-512
/// machines and four on AVX2+FMA ones, with the same results bit for bit as the
/// one-number-at-a-time Swift references (`Foundation.exp`, `Tensor.tanh`, and the loop in
/// `Adam.step`).
///
/// The kernels are in `Sources/MatrixKernelC/VectorMath.c`. The exp kernel uses the C library's
/// own method, constants and order of fused multiply-adds (glibc ≥ 2.28), so it reproduces
/// `Foundation.exp` exactly where that is glibc's exp; the tanh kernel is the library's tanh formula
/// around it. Because another C library may compute exp differently, the kernels are used only
/// after they matched the references on `checkInputs` (once, at first use). They follow the matrix
/// kernel's path (`MatrixKernel.path`): `RECRL_NO_AVX512=1` gives the AVX2 ones, and
/// `RECRL_PORTABLE_KERNEL=1` (or a CPU without AVX2) the references. Adam's kernel has only +, −,
/// ×, ÷ and √, which IEEE 754 rounds the same in a vector lane as in a scalar register.
///
/// Measured: tanh and exp were 33 % and Adam 16 % of the PPO update phase's time before these
/// kernels (perf). With them the phase (`swift run bench --only ppo-update`, debug build, quiet
/// machine, interleaved runs) went from 58–60k to 87–109k sample-epochs/s at minibatch 64 and
/// from 82–86k to 137–145k at minibatch 256; every chapter's default results are unchanged.
enum VectorMath {
    typealias ArrayKernel = @convention(c) (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void
    typealias AdamKernel =
        @convention(c) (
            UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
            UnsafePointer<Double>?, Int, Double, Double, Double, Double, Double
        ) -> Void

    /// One instruction set's exp, tanh and Adam kernels.
    struct Kernels: Sendable {
        let name: String
        let exp: ArrayKernel
        let tanh: ArrayKernel
        let adam: AdamKernel
    }

    static let avx512 = Kernels(name: "avx512", exp: recrl_exp_avx512, tanh: recrl_tanh_avx512, adam: recrl_adam_avx512)
    static let avx2FMA = Kernels(name: "avx2+fma", exp: recrl_exp_avx2, tanh: recrl_tanh_avx2, adam: recrl_adam_avx2)

    /// The kernels that run here, or nil where the references do (see the type's comment).
    static let kernels: Kernels? = {
        let candidate: Kernels? =
            switch MatrixKernel.path {
            case .avx512: avx512
            case .avx2FMA: avx2FMA
            case .portable: nil
            }
        guard let candidate, kernelsMatchReferences(candidate, on: checkInputs) else { return nil }
        return candidate
    }()

    /// Whether kernels run here rather than the references.
    static var usesKernels: Bool { kernels != nil }

    /// y[i] = e^x[i].
    static func exp(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        apply(kernels?.exp, or: Foundation.exp, x, into: y)
    }

    /// y[i] = tanh x[i], by the library's formula (`Tensor.tanh`).
    static func tanh(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        apply(kernels?.tanh, or: Tensor.tanh, x, into: y)
    }

    /// y[i] = reference(x[i]) for every i: by `kernel` when there is one, else one at a time.
    @inline(__always)
    private static func apply(
        _ kernel: ArrayKernel?, or reference: (Double) -> Double, _ x: UnsafeBufferPointer<Double>,
        into y: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(y.count >= x.count, "VectorMath: output shorter than input")
        if let kernel, let xs = x.baseAddress, let ys = y.baseAddress {
            kernel(xs, ys, x.count)
        } else {
            for i in 0..<x.count { y[i] = reference(x[i]) }
        }
    }

    /// Numbers the kernels must reproduce before they are used: zeros, tiny, huge and non-finite
    /// numbers (which the kernels hand to the C library), both sides of tanh's |x| = 0.01 switch
    /// and of exp's ranges, and 4,000 numbers spread over −40 … 40 — 4,096 in all, a multiple of
    /// the vector widths so every one goes through the vector code.
    static let checkInputs: [Double] = {
        let edges: [Double] = [
            0, -0.0, 1e-300, -1e-300, 0x1p-54, -0x1p-54, 0x1.fffffffffffffp-55, 0.0099999, -0.0099999, 0.01, -0.01,
            511.9, -511.9, 512, -512, 745.2, -745.2, 709.8, 1000, -1000, .infinity, -.infinity, .nan,
            .leastNormalMagnitude,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.5, -0.5, 1, -1, 20, -20,
        ]
        var rng = RNG(seed: 20_261_202)
        let spread = (0..<(4096 - edges.count - 64)).map { _ in rng.uniform(-40, 40) }
        let small = (0..<64).map { _ in rng.uniform(-0.05, 0.05) }
        return edges + spread + small
    }()

    /// Whether `kernels`' exp and tanh give the references' bits on `inputs`.
    static func kernelsMatchReferences(_ kernels: Kernels, on inputs: [Double]) -> Bool {
        var exps = [Double](repeating: 0, count: inputs.count)
        var tanhs = exps
        inputs.withUnsafeBufferPointer { x in
            exps.withUnsafeMutableBufferPointer { kernels.exp(x.baseAddress!, $0.baseAddress!, x.count) }
            tanhs.withUnsafeMutableBufferPointer { kernels.tanh(x.baseAddress!, $0.baseAddress!, x.count) }
        }
        return inputs.indices.allSatisfy { i in
            exps[i].bitPattern == Foundation.exp(inputs[i]).bitPattern
                && tanhs[i].bitPattern == Tensor.tanh(inputs[i]).bitPattern
        }
    }
}
