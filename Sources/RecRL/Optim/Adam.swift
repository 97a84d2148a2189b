import Foundation

/// Adam (Kingma & Ba 2015, Algorithm 1), exactly as `torch.optim.Adam` with its defaults:
///
///     t ← t + 1
///     m ← β₁ m + (1 − β₁) g              first moment (a running mean of gradients)
///     v ← β₂ v + (1 − β₂) g²             second moment (a running mean of squared gradients)
///     m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)   bias corrections (m and v start at 0)
///     θ ← θ − lr · m̂ / (√v̂ + ε)
///
/// PyTorch computes the last line as θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε), which is
/// the same expression; this code follows PyTorch's order of operations. Each parameter counts
/// its own steps t (a frozen parameter's t does not advance).
public final class Adam: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Double
    /// β₁, the decay of the first moment.
    public let beta1: Double
    /// β₂, the decay of the second moment.
    public let beta2: Double
    /// ε, which keeps the step finite where v̂ is tiny.
    public let epsilon: Double
    /// m, v and t for each parameter.
    private var firstMoments: [[Double]]
    private var secondMoments: [[Double]]
    private var steps: [Int]

    /// Adam with PyTorch's defaults: lr 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8.
    public init(
        parameters: [Tensor], learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-8
    ) {
        precondition(learningRate >= 0, "Adam: learning rate must be non-negative, got \(learningRate)")
        precondition(
            (0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam: betas must be in [0, 1), got \(beta1), \(beta2)")
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoments = parameters.map { [Double](repeating: 0, count: $0.count) }
        secondMoments = parameters.map { [Double](repeating: 0, count: $0.count) }
        steps = parameters.map { _ in 0 }
    }

    public func step() {
        for (k, p) in parameters.enumerated() where isTrainable(p) {
            steps[k] += 1
            let t = Double(steps[k])
            let stepSize = learningRate / (1 - Foundation.pow(beta1, t))
            let biasCorrection2Sqrt = (1 - Foundation.pow(beta2, t)).squareRoot()
            let (b1, b2, eps) = (beta1, beta2, epsilon)
            // The hot loop: one pass over the parameter with unchecked pointers.
            p.grad.withUnsafeBufferPointer { g in
                p.data.withUnsafeMutableBufferPointer { theta in
                    firstMoments[k].withUnsafeMutableBufferPointer { m in
                        secondMoments[k].withUnsafeMutableBufferPointer { v in
                            // The same loop 8 or 4 parameters at a time where VectorMath's kernels run.
                            if let kernels = VectorMath.kernels, let t = theta.baseAddress, let m = m.baseAddress,
                                let v = v.baseAddress, let g = g.baseAddress
                            {
                                kernels.adam(t, m, v, g, theta.count, b1, b2, stepSize, biasCorrection2Sqrt, eps)
                                return
                            }
                            for i in 0..<theta.count {
                                m[i] = b1 * m[i] + (1 - b1) * g[i]
                                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                                theta[i] -= stepSize * m[i] / (v[i].squareRoot() / biasCorrection2Sqrt + eps)
                            }
                        }
                    }
                }
            }
        }
    }
}
