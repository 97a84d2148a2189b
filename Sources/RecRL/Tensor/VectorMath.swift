import Foundation
import MatrixKernelC

/// e^x and tanh x over whole arrays, and Adam's update: eight numbers at a time on AVX-512
/// machines, with the same results bit for bit as the one-number-at-a-time Swift references
/// (`Foundation.exp`, `Tensor.tanh`, and the loop in `Adam.step`).
///
/// The kernels are in `Sources/MatrixKernelC/VectorMath.c`. The exp kernel uses the C library's
/// own method, constants and order of fused multiply-adds (glibc ≥ 2.28), so it reproduces
/// `Foundation.exp` exactly where that is glibc's exp; the tanh kernel is the library's tanh formula
/// around it. Because another C library may compute exp differently, the kernels are used only
/// after they matched the references on `checkInputs` (once, at first use), and only on the
/// `.avx512` matrix-kernel path (so `RECRL_PORTABLE_KERNEL=1` and `RECRL_NO_AVX512=1` switch them
/// off too). Elsewhere the references run. Adam's kernel has only +, −, ×, ÷ and √, which IEEE
/// 754 rounds the same in a vector lane as in a scalar register.
///
/// Measured: tanh and exp were 33 % and Adam 16 % of the PPO update phase's time before these
/// kernels (perf). With them the phase (`swift run bench --only ppo-update`, debug build, quiet
/// machine, interleaved runs) went from 58–60k to 87–109k sample-epochs/s at minibatch 64 and
/// from 82–86k to 137–145k at minibatch 256; every chapter's default results are unchanged.
enum VectorMath {
    /// Whether the AVX-512 kernels run here (see the type's comment).
    static let usesKernels: Bool = MatrixKernel.path == .avx512 && kernelsMatchReferences(on: checkInputs)

    /// y[i] = e^x[i].
    static func exp(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        precondition(y.count >= x.count, "VectorMath.exp: output shorter than input")
        if usesKernels, let xs = x.baseAddress, let ys = y.baseAddress {
            recrl_exp_avx512(xs, ys, x.count)
        } else {
            for i in 0..<x.count { y[i] = Foundation.exp(x[i]) }
        }
    }

    /// y[i] = tanh x[i], by the library's formula (`Tensor.tanh`).
    static func tanh(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        precondition(y.count >= x.count, "VectorMath.tanh: output shorter than input")
        if usesKernels, let xs = x.baseAddress, let ys = y.baseAddress {
            recrl_tanh_avx512(xs, ys, x.count)
        } else {
            for i in 0..<x.count { y[i] = Tensor.tanh(x[i]) }
        }
    }

    /// Numbers the kernels must reproduce before they are used: zeros, tiny, huge and non-finite
    /// numbers (which the kernels hand to the C library), both sides of tanh's |x| = 0.01 switch
    /// and of exp's ranges, and 4,000 numbers spread over −40 … 40 — 4,096 in all, a multiple of
    /// the vector width so every one goes through the vector code.
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

    /// Whether the exp and tanh kernels give the references' bits on `inputs`.
    static func kernelsMatchReferences(on inputs: [Double]) -> Bool {
        var exps = [Double](repeating: 0, count: inputs.count)
        var tanhs = exps
        inputs.withUnsafeBufferPointer { x in
            exps.withUnsafeMutableBufferPointer { recrl_exp_avx512(x.baseAddress!, $0.baseAddress!, x.count) }
            tanhs.withUnsafeMutableBufferPointer { recrl_tanh_avx512(x.baseAddress!, $0.baseAddress!, x.count) }
        }
        return inputs.indices.allSatisfy { i in
            exps[i].bitPattern == Foundation.exp(inputs[i]).bitPattern
                && tanhs[i].bitPattern == Tensor.tanh(inputs[i]).bitPattern
        }
    }
}
