import Foundation
import Testing

@testable import RecRL

@Suite("NN layers")
struct NNLayerTests {
    @Test("Linear computes x·W + b row by row (a worked 2×2 example)")
    func linearWorkedExample() {
        var rng = RNG(seed: 0)
        let layer = Linear(2, 2, rng: &rng)
        layer.weight.data = [1, 2, 3, 4]  // W = [[1, 2], [3, 4]]
        layer.bias.data = [0.5, -1]
        let y = layer(Tensor([[1, 0], [1, 1]]))
        // (1, 0)·W + b = (1, 2) + (0.5, −1) = (1.5, 1);  (1, 1)·W + b = (4, 6) + b = (4.5, 5).
        #expect(y.data == [1.5, 1, 4.5, 5])
        #expect(layer.weight.shape == [2, 2] && layer.bias.shape == [1, 2])
        #expect(layer.parameterNames == ["weight", "bias"])
    }

    @Test("Linear passes the gradient check w.r.t. input, weight and bias")
    func linearGradients() {
        var rng = RNG(seed: 1)
        let layer = Linear(5, 3, rng: &rng)
        layer.bias.data = (0..<3).map { _ in rng.normal() }
        let x = Tensor.normal(4, 5, rng: &rng, requiresGrad: true)
        #expect(GradientCheck.maxError(of: { layer(x) }, wrt: [x, layer.weight, layer.bias]) < 1e-6)
    }

    @Test("LayerNorm passes the gradient check w.r.t. input, scale and shift")
    func layerNormGradients() {
        var rng = RNG(seed: 2)
        let norm = LayerNorm(6)
        norm.scale.data = (0..<6).map { _ in rng.uniform(0.5, 1.5) }
        norm.shift.data = (0..<6).map { _ in rng.normal() }
        let x = Tensor.normal(3, 6, std: 2, rng: &rng, requiresGrad: true)
        #expect(GradientCheck.maxError(of: { norm(x) }, wrt: [x, norm.scale, norm.shift]) < 1e-6)
    }

    @Test("LayerNorm scales and shifts the normalised row: (1, 3) → (−1, 1)·scale + shift")
    func layerNormWorkedExample() {
        let norm = LayerNorm(2, epsilon: 0)
        norm.scale.data = [2, 3]
        norm.shift.data = [10, 20]
        // μ = 2, σ² = 1, normalised (−1, 1) → (−2 + 10, 3 + 20) = (8, 23).
        #expect(norm(Tensor([[1, 3]])).data == [8, 23])
    }

    @Test("Glorot uniform weights lie in ±√(6/(in+out)) with variance about 2/(in+out)")
    func glorotRange() {
        var rng = RNG(seed: 3)
        let layer = Linear(100, 50, rng: &rng)
        let a = (6.0 / 150).squareRoot()  // 0.2
        #expect(layer.weight.data.allSatisfy { abs($0) <= a })
        let variance = layer.weight.data.reduce(0) { $0 + $1 * $1 } / Double(layer.weight.count)
        #expect(abs(variance - 2.0 / 150) < 0.001)  // U(−a, a) has variance a²/3 = 2/150
        #expect(layer.bias.data.allSatisfy { $0 == 0 })
    }

    @Test("orthogonal init: the smaller Gram matrix is gain²·I (square, wide and tall layers)")
    func orthogonalInit() {
        var rng = RNG(seed: 4)
        for (inSize, outSize, gain) in [(64, 64, 1.0), (128, 27, 0.01), (91, 128, 2.0.squareRoot())] {
            let w = Linear(inSize, outSize, initialization: .orthogonal(gain: gain), rng: &rng).weight
            // WᵀW when in ≥ out (orthonormal columns), W·Wᵀ otherwise (orthonormal rows).
            let gram = inSize >= outSize ? w.transposed().matmul(w) : w.matmul(w.transposed())
            var worst = 0.0
            for i in 0..<gram.rows {
                for j in 0..<gram.cols { worst = max(worst, abs(gram[i, j] - (i == j ? gain * gain : 0))) }
            }
            #expect(worst < 1e-12 * max(1, gain * gain), "\(inSize)→\(outSize), gain \(gain)")
        }
    }
}

@Suite("NN MLP")
struct NNMLPTests {
    @Test("MLP [91, 128, 128, 27] has PyTorch-style names, shapes and output size")
    func structure() {
        var rng = RNG(seed: 5)
        let net = MLP(sizes: [91, 128, 128, 27], activation: .tanh, rng: &rng)
        #expect(net.parameterNames == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
        #expect(net.parameters.map(\.shape) == [[91, 128], [1, 128], [128, 128], [1, 128], [128, 27], [1, 27]])
        #expect(net.parameterCount == 91 * 128 + 128 + 128 * 128 + 128 + 128 * 27 + 27)
        #expect(net(Tensor.zeros(3, 91)).shape == [3, 27])
        let normed = MLP(sizes: [4, 8, 2], activation: .relu, layerNorm: true, rng: &rng)
        #expect(normed.parameterNames == ["0.weight", "0.bias", "1.scale", "1.shift", "3.weight", "3.bias"])
    }

    @Test("two MLPs built from one seed are identical; another seed differs")
    func determinism() {
        var a = RNG(seed: 42), b = RNG(seed: 42), c = RNG(seed: 43)
        let one = MLP(
            sizes: [3, 16, 2], initialization: .orthogonal(gain: 2.0.squareRoot()), outputGain: 0.01, rng: &a)
        let two = MLP(
            sizes: [3, 16, 2], initialization: .orthogonal(gain: 2.0.squareRoot()), outputGain: 0.01, rng: &b)
        let three = MLP(
            sizes: [3, 16, 2], initialization: .orthogonal(gain: 2.0.squareRoot()), outputGain: 0.01, rng: &c)
        #expect(one.parameters.map(\.data) == two.parameters.map(\.data))
        #expect(one.parameters.map(\.data) != three.parameters.map(\.data))
    }

    @Test("the output gain makes the last layer orthogonal with that gain (a policy head)")
    func outputGain() {
        var rng = RNG(seed: 6)
        let net = MLP(sizes: [5, 32, 4], outputGain: 0.01, rng: &rng)
        let w = net.linears[1].weight
        let gram = w.transposed().matmul(w)  // 32 ≥ 4, so WᵀW = 0.01² I
        #expect(abs(gram[0, 0] - 1e-4) < 1e-15 && abs(gram[0, 1]) < 1e-15)
    }

    @Test("each activation gives the MLP its nonlinearity", arguments: Activation.allCases)
    func activations(_ activation: Activation) {
        var rng = RNG(seed: 7)
        let net = MLP(sizes: [1, 1, 1], activation: activation, rng: &rng)
        net.linears[0].weight.data = [1]
        net.linears[1].weight.data = [1]
        let y = net(Tensor([[-2], [3]]))
        let expected: [Double] =
            switch activation {
            case .tanh: [Foundation.tanh(-2), Foundation.tanh(3)]
            case .relu: [0, 3]
            case .leakyRelu: [-0.02, 3]
            case .none: [-2, 3]
            }
        // Within 1e-15: the library's tanh is computed with one exp, not the C library's tanh.
        #expect(zip(y.data, expected).allSatisfy { Swift.abs($0 - $1) <= 1e-15 }, "expected \(expected), got \(y.data)")
    }

    @Test("an MLP with LayerNorm passes the gradient check w.r.t. input and all parameters")
    func mlpGradients() {
        var rng = RNG(seed: 8)
        let net = MLP(sizes: [3, 5, 4, 2], activation: .tanh, layerNorm: true, rng: &rng)
        let x = Tensor.normal(4, 3, rng: &rng, requiresGrad: true)
        #expect(GradientCheck.maxError(of: { net(x) }, wrt: [x] + net.parameters) < 1e-6)
    }

    @Test("an MLP learns y = sin(x) on 64 points with Adam to MSE < 0.01")
    func learnsSine() {
        var rng = RNG(seed: 9)
        let xs = (0..<64).map { -Double.pi + 2 * Double.pi * Double($0) / 63 }
        let x = Tensor(rows: 64, cols: 1, data: xs)
        let y = Tensor(rows: 64, cols: 1, data: xs.map { Foundation.sin($0) })
        let net = MLP(sizes: [1, 32, 32, 1], activation: .tanh, rng: &rng)
        let adam = Adam(parameters: net.parameters, learningRate: 0.01)
        func mse() -> Tensor { (net(x) - y).square().mean() }
        let before = Tensor.withoutGradients { mse().scalar }
        for _ in 0..<500 {
            adam.zeroGrad()
            mse().backward()
            adam.step()
        }
        let after = Tensor.withoutGradients { mse().scalar }
        #expect(before > 0.1)
        #expect(after < 0.01, "MSE went from \(before) to \(after)")
    }
}

@Suite("NN modules")
struct NNModuleTests {
    @Test("Polyak update with ρ = 0.9: θ_targ ← 0.9 θ_targ + 0.1 θ")
    func polyak() {
        var rng = RNG(seed: 10)
        let target = Linear(1, 1, rng: &rng), online = Linear(1, 1, rng: &rng)
        target.weight.data = [1]
        target.bias.data = [2]
        online.weight.data = [3]
        online.bias.data = [-2]
        // weight: 0.9·1 + 0.1·3 = 1.2;  bias: 0.9·2 + 0.1·(−2) = 1.6.
        target.softUpdate(from: online, rho: 0.9)
        #expect(abs(target.weight.data[0] - 1.2) < 1e-15 && abs(target.bias.data[0] - 1.6) < 1e-15)
        #expect(online.weight.data == [3] && online.bias.data == [-2])
        // Again: 0.9·1.2 + 0.3 = 1.38;  0.9·1.6 − 0.2 = 1.24.
        target.softUpdate(from: online, rho: 0.9)
        #expect(abs(target.weight.data[0] - 1.38) < 1e-15 && abs(target.bias.data[0] - 1.24) < 1e-15)
    }

    @Test("hard copy makes a target equal to the network, and later changes do not leak across")
    func hardCopy() {
        var rng = RNG(seed: 11)
        let online = MLP(sizes: [3, 4, 2], rng: &rng), target = MLP(sizes: [3, 4, 2], rng: &rng)
        #expect(online.parameters.map(\.data) != target.parameters.map(\.data))
        target.copyParameters(from: online)
        #expect(online.parameters.map(\.data) == target.parameters.map(\.data))
        online.parameters[0].data[0] += 1
        #expect(online.parameters[0].data[0] != target.parameters[0].data[0])
    }

    @Test("freezing stops gradients into the parameters; unfreezing restores them")
    func freezing() {
        var rng = RNG(seed: 12)
        let critic = MLP(sizes: [2, 3, 1], rng: &rng)
        let action = Tensor([[0.5, -0.5]], requiresGrad: true)
        critic.freeze()
        #expect(critic.isFrozen)
        critic(action).sum().backward()  // the actor's gradient flows through the frozen critic
        #expect(action.grad.contains { $0 != 0 })
        #expect(critic.parameters.allSatisfy { $0.grad.allSatisfy { $0 == 0 } })
        critic.unfreeze()
        #expect(!critic.isFrozen)
        critic(action).sum().backward()
        #expect(critic.parameters[0].grad.contains { $0 != 0 })
        critic.zeroGrad()
        #expect(critic.parameters.allSatisfy { $0.grad.allSatisfy { $0 == 0 } })
    }
}
