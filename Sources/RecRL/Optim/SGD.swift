/// Stochastic gradient descent with momentum, as `torch.optim.SGD` (no dampening, no Nesterov):
///
///     b ← g                 on the first step
///     b ← μ b + g           afterwards
///     θ ← θ − lr · b
///
/// With momentum μ = 0 this is plain gradient descent, θ ← θ − lr · g. (Sutskever et al. 2013
/// write the same method with the learning rate inside the velocity; PyTorch's form is used here.)
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Double
    /// μ, the fraction of the previous step kept.
    public let momentum: Double
    /// The momentum buffers b, one per parameter; empty until the first step.
    private var buffers: [[Double]]

    public init(parameters: [Tensor], learningRate: Double, momentum: Double = 0) {
        precondition(learningRate >= 0, "SGD: learning rate must be non-negative, got \(learningRate)")
        precondition(momentum >= 0, "SGD: momentum must be non-negative, got \(momentum)")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.buffers = parameters.map { _ in [] }
    }

    public func step() {
        for (k, p) in parameters.enumerated() where isTrainable(p) {
            if momentum == 0 {
                for i in 0..<p.count { p.data[i] -= learningRate * p.grad[i] }
                continue
            }
            if buffers[k].isEmpty {
                buffers[k] = p.grad
            } else {
                for i in 0..<p.count { buffers[k][i] = momentum * buffers[k][i] + p.grad[i] }
            }
            for i in 0..<p.count { p.data[i] -= learningRate * buffers[k][i] }
        }
    }
}
