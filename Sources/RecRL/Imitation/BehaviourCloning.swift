import Foundation

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

extension BehaviourCloning {
    /// The historical engine cloned from the log: an `MLPGaussianPolicy` π_σ(a | s) fitted by
    /// maximum likelihood to the log's (s, a) pairs — s the first 91 numbers of each page's s^c,
    /// a the 27 weights played —
    ///
    ///     L(σ) = −(1/B) Σᵢ log N(aᵢ; μ_σ(sᵢ), diag σ²)
    ///
    /// with Adam over shuffled minibatches (mean and the shared log σ together), log σ starting at
    /// the log of each weight's spread over the log (the maximum-likelihood σ of a Gaussian whose
    /// mean is the network's first output, ≈ 0) — Adam's small steps would take thousands of
    /// steps to walk log σ from 0 to log 0.1. MAIL's warm start for its engine policy. Throws `TrainingDiverged` at the first non-finite quantity.
    public static func fitEngine(
        dataset: CustomerDataset, hiddenSizes: [Int] = [64, 64], epochs: Int = 5, minibatchSize: Int = 256,
        learningRate: Double = 1e-3, seed: UInt64 = 0
    ) throws(TrainingDiverged) -> MLPGaussianPolicy {
        precondition(dataset.count > 0 && epochs > 0 && minibatchSize > 0, "fitEngine needs pages, epochs, a batch")
        var rng = RNG(seed: seed)
        let s = EngineAndCustomerPolicy.engineStateSize
        let policy = MLPGaussianPolicy(sizes: [s] + hiddenSizes + [TaobaoLayout.actionSize], rng: &rng)
        let d = TaobaoLayout.actionSize
        for j in 0..<d {
            var sumSquares = 0.0
            for row in 0..<dataset.count {
                let a = dataset.features[row * CustomerView.featureSize + s + j]
                sumSquares += a * a
            }
            policy.logStd.data[j] = 0.5 * Foundation.log(max(sumSquares / Double(dataset.count), 1e-12))
        }
        let optimizer = Adam(parameters: policy.parameters, learningRate: learningRate)
        var order = Array(0..<dataset.count)
        var step = 0
        for _ in 0..<epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.int(below: i + 1)) }
            for start in stride(from: 0, to: order.count, by: minibatchSize) {
                step += 1
                let check = DivergenceCheck(algorithm: "engine behaviour cloning", iteration: step)
                let (x, _) = dataset.batch(order[start..<min(start + minibatchSize, order.count)])
                let states = x.slice(cols: 0..<s)
                let actions = Tensor.withoutGradients { x.slice(cols: s..<CustomerView.featureSize) }
                policy.zeroGrad()
                let l = -policy.distribution(states).logProb(actions).mean()
                try check.finite(l.data[0], "the loss")
                l.backward()
                try check.finiteGradients(of: policy.namedParameters)
                optimizer.step()
                try check.finiteParameters(policy.namedParameters)
            }
        }
        return policy
    }
}
