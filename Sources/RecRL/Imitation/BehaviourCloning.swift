/// How `BehaviourCloning.fit` trains.
public struct BehaviourCloningConfig: Sendable {
    /// How a^c is factorised (`CustomerActionFactorisation`; joint fits the log better, measured).
    public var factorisation = CustomerActionFactorisation.joint
    /// The customer network's hidden layers.
    public var hiddenSizes = [64, 64]
    /// Passes over the training pages.
    public var epochs = 20
    /// Pages per Adam step.
    public var minibatchSize = 256
    /// Adam's step size (PyTorch's default).
    public var learningRate = 1e-3
    /// Seeds the network's weights and the minibatch order.
    public var seed: UInt64 = 0

    public init() {}
}

/// One epoch of behaviour cloning.
public struct BehaviourCloningEpoch: Sendable, Equatable {
    public var epoch: Int
    /// The mean training loss over the epoch's minibatches (nats per page).
    public var trainLoss: Double
    /// The mean log-likelihood per held-out page after the epoch (nats; higher is better).
    public var heldOutLogLikelihood: Double
}

/// Behaviour cloning (BC, the paper's "Generalization Capability of MAIL" baseline): the customer
/// policy fitted by maximum likelihood on the log's (s^c, a^c) pairs, treating pages as i.i.d.:
///
///     L(κ) = −(1/B) Σᵢ log π_κ(a^c_i | s^c_i)
///
/// minimised with Adam over shuffled minibatches. The same network MAIL trains, so BC is also its
/// warm start.
public enum BehaviourCloning {
    /// L(κ) on one batch, [1×1], differentiable in κ.
    public static func loss(policy: CustomerPolicy, features: Tensor, actions: [CustomerAction]) -> Tensor {
        -policy.logLikelihood(features: features, actions: actions).mean()
    }

    /// The mean of log π_κ(a^c | s^c) over `dataset`'s pages (nats per page), in chunks, no gradients.
    public static func meanLogLikelihood(policy: CustomerPolicy, dataset: CustomerDataset) -> Double {
        precondition(dataset.count > 0, "meanLogLikelihood needs at least one page")
        return Tensor.withoutGradients {
            var total = 0.0
            var start = 0
            while start < dataset.count {
                let end = min(start + 4096, dataset.count)
                let (x, a) = dataset.batch(start..<end)
                total += policy.logLikelihood(features: x, actions: a).sum().data[0]
                start = end
            }
            return total / Double(dataset.count)
        }
    }

    /// Fits a new `CustomerPolicy` to `train` and measures it on `heldOut` after every epoch.
    /// Throws `TrainingDiverged` at the first non-finite loss, gradient or parameter.
    public static func fit(train: CustomerDataset, heldOut: CustomerDataset, config: BehaviourCloningConfig = .init())
        throws(TrainingDiverged) -> (policy: CustomerPolicy, epochs: [BehaviourCloningEpoch])
    {
        precondition(train.count > 0 && heldOut.count > 0, "behaviour cloning needs training and held-out pages")
        precondition(config.epochs > 0 && config.minibatchSize > 0, "behaviour cloning needs epochs and a batch size")
        var rng = RNG(seed: config.seed)
        let policy = CustomerPolicy(factorisation: config.factorisation, hiddenSizes: config.hiddenSizes, rng: &rng)
        let optimizer = Adam(parameters: policy.parameters, learningRate: config.learningRate)
        var order = Array(0..<train.count)
        var epochs: [BehaviourCloningEpoch] = []
        var step = 0
        for epoch in 1...config.epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.int(below: i + 1)) }
            var lossSum = 0.0
            var batches = 0
            var start = 0
            while start < order.count {
                let end = min(start + config.minibatchSize, order.count)
                step += 1
                let check = DivergenceCheck(algorithm: "behaviour cloning", iteration: step)
                let (x, a) = train.batch(order[start..<end])
                policy.zeroGrad()
                let l = loss(policy: policy, features: x, actions: a)
                try check.finite(l.data[0], "the loss")
                l.backward()
                try check.finiteGradients(of: policy.namedParameters)
                optimizer.step()
                try check.finiteParameters(policy.namedParameters)
                lossSum += l.data[0]
                batches += 1
                start = end
            }
            epochs.append(
                BehaviourCloningEpoch(
                    epoch: epoch, trainLoss: lossSum / Double(batches),
                    heldOutLogLikelihood: meanLogLikelihood(policy: policy, dataset: heldOut)))
        }
        return (policy, epochs)
    }
}
