import Foundation

/// RMSProp (Tieleman & Hinton 2012), as `torch.optim.RMSprop` with its defaults (no momentum, not
/// centred) — the optimiser WGAN's authors recommend, since momentum made their critic unstable
/// (Arjovsky, Chintala & Bottou 2017, §3):
///
///     v ← ρ v + (1 − ρ) g²           a running mean of squared gradients (v starts at 0)
///     θ ← θ − lr · g / (√v + ε)
public final class RMSProp: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Double
    /// ρ, the decay of the running mean (PyTorch's `alpha`, 0.99).
    public let decay: Double
    /// ε, which keeps the step finite where v is tiny.
    public let epsilon: Double
    private var squares: [[Double]]

    public init(parameters: [Tensor], learningRate: Double = 1e-2, decay: Double = 0.99, epsilon: Double = 1e-8) {
        precondition(learningRate >= 0, "RMSProp: learning rate must be non-negative, got \(learningRate)")
        precondition((0..<1).contains(decay), "RMSProp: decay must be in [0, 1), got \(decay)")
        self.parameters = parameters
        self.learningRate = learningRate
        self.decay = decay
        self.epsilon = epsilon
        squares = parameters.map { [Double](repeating: 0, count: $0.count) }
    }

    public func step() {
        for (k, p) in parameters.enumerated() where isTrainable(p) {
            for i in 0..<p.count {
                let g = p.grad[i]
                squares[k][i] = decay * squares[k][i] + (1 - decay) * g * g
                p.data[i] -= learningRate * g / (squares[k][i].squareRoot() + epsilon)
            }
        }
    }
}
