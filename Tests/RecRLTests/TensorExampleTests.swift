import Foundation
import Testing

@testable import RecRL

/// Worked examples with numbers computed by hand: the values, the kinks, the broadcasting rule,
/// gradient accumulation, freezing, recording, and determinism.
@Suite("Tensor: worked examples")
struct TensorExampleTests {
    @Test("micrograd's example by hand: L = (a·b + c)² at a = 2, b = −3, c = 10 gives L = 16, ∂L/∂a = −24")
    func tinyExpression() {
        let a = Tensor.scalar(2), b = Tensor.scalar(-3), c = Tensor.scalar(10)
        for t in [a, b, c] { t.requiresGrad = true; t.zeroGrad() }
        let e = a * b + c  // 4
        let loss = e.square()  // 16
        loss.backward()
        #expect(loss.scalar == 16)
        // ∂L/∂e = 2e = 8;  ∂L/∂a = 8·b = −24;  ∂L/∂b = 8·a = 16;  ∂L/∂c = 8.
        #expect(a.grad == [-24])
        #expect(b.grad == [16])
        #expect(c.grad == [8])
    }

    @Test("matmul values: [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]")
    func matmulValues() {
        let p = Tensor([[1, 2], [3, 4]]).matmul(Tensor([[5, 6], [7, 8]]))
        #expect(p.data == [19, 22, 43, 50])
    }

    @Test("the matrix kernel agrees with a plain triple loop on sizes around its 4×4 blocks")
    func kernelAgreesWithLoop() {
        var rng = RNG(seed: 1)
        for (m, k, n) in [(4, 4, 4), (5, 3, 9), (8, 1, 7), (13, 17, 6), (64, 91, 128)] {
            let a = Tensor.normal(m, k, rng: &rng), b = Tensor.normal(k, n, rng: &rng)
            let fast = a.matmul(b)
            var worst = 0.0
            for i in 0..<m {
                for j in 0..<n {
                    var s = 0.0
                    for p in 0..<k { s += a[i, p] * b[p, j] }
                    worst = max(worst, Swift.abs(s - fast[i, j]))
                }
            }
            #expect(worst < 1e-12, "[\(m),\(k)]·[\(k),\(n)]: max difference \(worst)")
        }
    }

    @Test("relu's kink: at x = 0 the gradient is 0 (PyTorch's choice); leaky relu gives the slope")
    func reluKink() {
        let x = Tensor.row([-1, 0, 2], requiresGrad: true)
        x.relu().sum().backward()
        #expect(x.grad == [0, 0, 1])
        let y = Tensor.row([-1, 0, 2], requiresGrad: true)
        y.leakyRelu(slope: 0.1).sum().backward()
        #expect(y.grad == [0.1, 0.1, 1])
    }

    @Test("clamp's bounds: gradient 1 inside and at the bounds, 0 strictly outside")
    func clampKink() {
        let x = Tensor.row([-2, -1, 0.5, 1, 3], requiresGrad: true)
        let y = x.clamped(-1, 1)
        #expect(y.data == [-1, -1, 0.5, 1, 1])
        y.sum().backward()
        #expect(x.grad == [0, 1, 1, 1, 0])
    }

    @Test("minimum sends the gradient to the smaller operand, to the left one on ties")
    func minimumRouting() {
        let a = Tensor.row([1, 5, 2], requiresGrad: true)
        let b = Tensor.row([3, 4, 2], requiresGrad: true)
        a.minimum(b).sum().backward()
        #expect(a.grad == [1, 0, 1])
        #expect(b.grad == [0, 1, 0])
    }

    @Test("broadcasting: a row is added to every row, and its gradient is the column sums")
    func rowBroadcast() {
        let x = Tensor([[1, 2], [3, 4], [5, 6]], requiresGrad: true)
        let b = Tensor.row([10, 20], requiresGrad: true)
        let y = x + b
        #expect(y.data == [11, 22, 13, 24, 15, 26])
        y.sum().backward()
        #expect(b.grad == [3, 3])
        #expect(x.grad == [1, 1, 1, 1, 1, 1])
    }

    @Test("the [B,1]-vs-[1,B] trap is refused: column + row does not silently become B×B")
    func broadcastTrapRefused() async {
        await #expect(processExitsWith: .failure) {
            let q = Tensor.zeros(3, 1)
            let r = Tensor.zeros(1, 3)
            _ = q + r
        }
    }

    @Test("softmax of [0, ln 2, ln 3] is [1/6, 2/6, 3/6]; logsumexp is ln 6")
    func softmaxValues() {
        let x = Tensor.row([0, Foundation.log(2), Foundation.log(3)])
        let p = x.softmax()
        for (got, want) in zip(p.data, [1.0 / 6, 2.0 / 6, 3.0 / 6]) { #expect(Swift.abs(got - want) < 1e-15) }
        #expect(Swift.abs(x.logSumExp().scalar - Foundation.log(6)) < 1e-15)
        // logsumexp must not overflow for large logits.
        #expect(Swift.abs(Tensor.row([1000, 1000]).logSumExp().scalar - (1000 + Foundation.log(2))) < 1e-12)
    }

    @Test("layer norm of [1, 2, 3]: mean 2, variance 2/3, so y = (x − 2)/√(2/3 + ε)")
    func layerNormValues() {
        let y = Tensor.row([1, 2, 3]).layerNormalized(epsilon: 0)
        let s = (2.0 / 3).squareRoot()
        for (got, want) in zip(y.data, [-1 / s, 0, 1 / s]) { #expect(Swift.abs(got - want) < 1e-15) }
    }

    @Test("gradients accumulate over two backward passes until zeroGrad()")
    func accumulation() {
        let w = Tensor.row([1, 2], requiresGrad: true)
        (w * 3.0).sum().backward()
        (w * 3.0).sum().backward()
        #expect(w.grad == [6, 6])
        w.zeroGrad()
        #expect(w.grad == [0, 0])
    }

    @Test("a frozen parameter receives no gradient, and withoutGradients records nothing")
    func freezingAndNoRecording() {
        let w = Tensor.row([1, 2], requiresGrad: true)
        let frozen = Tensor.row([3, 4], requiresGrad: true)
        frozen.requiresGrad = false
        (w * frozen).sum().backward()
        #expect(w.grad == [3, 4])
        #expect(frozen.grad.allSatisfy { $0 == 0 })
        let y = Tensor.withoutGradients { w * 2.0 }
        #expect(!y.requiresGrad)
        #expect(y.data == [2, 4])
    }

    @Test("a shared input used twice gets both contributions: d(x·x)/dx = 2x")
    func sharedInput() {
        let x = Tensor.row([3], requiresGrad: true)
        (x * x).sum().backward()
        #expect(x.grad == [6])
    }

    @Test("determinism: one seed gives bit-identical tensors; another seed does not")
    func determinism() {
        var r1 = RNG(seed: 7), r2 = RNG(seed: 7), r3 = RNG(seed: 8)
        let a = Tensor.normal(16, 16, rng: &r1), b = Tensor.normal(16, 16, rng: &r2),
            c = Tensor.normal(16, 16, rng: &r3)
        #expect(a.data == b.data)
        #expect(a.data != c.data)
        #expect(a.matmul(a).data == b.matmul(b).data)
    }

    @Test("RNG: uniform in [0,1), normal with mean ≈ 0 and variance ≈ 1 over 100k draws")
    func rngMoments() {
        var rng = RNG(seed: 3)
        var sum = 0.0, sumSq = 0.0
        let n = 100_000
        for _ in 0..<n {
            let u = rng.uniform()
            #expect(u >= 0 && u < 1)
            let z = rng.normal()
            sum += z
            sumSq += z * z
        }
        // Standard error of the mean is 1/√n ≈ 0.003; allow 4 standard errors.
        #expect(Swift.abs(sum / Double(n)) < 0.013)
        #expect(Swift.abs(sumSq / Double(n) - 1) < 0.02)
    }
}

@Suite("Tensor: the fast tanh")
struct FastTanhTests {
    @Test("Tensor's tanh agrees with the C library's to 1e-15, relative near 0, absolute elsewhere")
    func agreesWithLibm() {
        var rng = RNG(seed: 11)
        var xs = (0..<20_000).map { _ in rng.uniform(-20, 20) }
        xs += [0, 1e-300, -1e-12, 0.00999, 0.01, -0.01, 0.5, 700, -700, .infinity, -.infinity]
        for x in xs {
            let got = Tensor.tanh(x), want = Foundation.tanh(x)
            let error =
                Swift.abs(x) < 0.01 ? Swift.abs(got - want) / max(Swift.abs(want), 1e-300) : Swift.abs(got - want)
            #expect(error <= 1e-15, "tanh(\(x)): expected \(want), got \(got)")
        }
    }
}
