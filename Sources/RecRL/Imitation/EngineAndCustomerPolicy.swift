/// MAIL's joint policy π_κ,σ (Shi et al. 2019, "MAIL"): the engine policy π_σ(a | s), which
/// imitates the unknown historical engine, and the customer policy π_κ(a^c | s^c), which answers
/// the page, seen as one policy from the customer's state to the pair (a, a^c):
///
///     π_κ,σ(a, a^c | s) = π_σ(a | s) · π_κ(a^c | ⟨s, a, n⟩)
///
/// It is what TRPO optimises in MAIL, as one policy with one trust region. A row of its input is
/// the customer's view s^c (`CustomerView`, 118 numbers), which already holds the engine's state s
/// — its first 91 numbers: the 88 attributes and the 3 scaled counts — and the engine's action a,
/// so the update can compute both factors from the rows of a rollout. The engine reads only s.
///
/// The customer policy must be `joint` (one softmax over the 33 pairs), so that π_κ is a
/// `Categorical` with a closed-form Fisher.
public final class EngineAndCustomerPolicy: StochasticPolicy {
    /// π_σ(a | s): a Gaussian over the 27 weights with a state-independent log σ.
    public let engine: MLPGaussianPolicy
    /// π_κ(a^c | s^c).
    public let customer: CustomerPolicy

    /// s: the first 91 numbers of s^c.
    public static let engineStateSize = TaobaoLayout.staticSize + TaobaoLayout.dynamicSize

    public init(engine: MLPGaussianPolicy, customer: CustomerPolicy) {
        precondition(
            customer.factorisation == .joint,
            "EngineAndCustomerPolicy needs the joint customer policy (33 logits), got \(customer.factorisation)")
        precondition(
            engine.meanNetwork.sizes.first == Self.engineStateSize
                && engine.meanNetwork.sizes.last == TaobaoLayout.actionSize,
            "EngineAndCustomerPolicy: the engine must map \(Self.engineStateSize) → \(TaobaoLayout.actionSize), "
                + "got \(engine.meanNetwork.sizes)")
        self.engine = engine
        self.customer = customer
    }

    public var namedParameters: [(name: String, tensor: Tensor)] {
        engine.namedParameters(prefixedBy: "engine") + customer.namedParameters
    }

    /// The engine's state s of each row of s^c.
    public static func engineStates(_ customerViews: Tensor) -> Tensor {
        customerViews.slice(cols: 0..<engineStateSize)
    }

    public func distribution(_ customerViews: Tensor) -> EngineAndCustomer {
        precondition(
            customerViews.cols == CustomerView.featureSize,
            "EngineAndCustomerPolicy reads s^c (\(CustomerView.featureSize) numbers), got \(customerViews.shapeText)")
        return EngineAndCustomer(
            engine: engine.distribution(Self.engineStates(customerViews)),
            customer: customer.distribution(customerViews))
    }
}

/// The joint distribution of (a, a^c) on a batch of rows of s^c: a diagonal Gaussian over the
/// engine's 27 weights times a categorical over the customer's 33 answers, the two factors given
/// the same row. A value is a [B × 60] row: a ‖ one-hot(a^c).
///
/// The factors have disjoint parameters, so everything TRPO needs adds up:
///
///     log π(a, a^c) = log π_σ(a | s) + log π_κ(a^c | s^c)
///     KL(π_old ‖ π)  = KL_σ(s) + KL_κ(s^c)        (per row; the row's a is the one that was played)
///     F              = diag(F_σ, F_κ)               (the cross terms have mean 0)
///
/// The per-row KL is a one-sample estimate of the joint's KL at s, E_a∼π_σ,old[KL_κ(⟨s, a, n⟩)]
/// plus KL_σ(s), since the row's a was drawn from the old engine policy.
///
/// `sample` draws the engine's weights and the customer's answer *to the page already in the row*
/// (the row fixes a). A rollout draws them in order instead — a from s, then a^c from ⟨s, a, n⟩
/// (`MAIL.generateSessions`); TRPO's update reads only log-probabilities, KLs and the Fisher.
public struct EngineAndCustomer: FisherInformationDistribution {
    public let engine: DiagonalGaussian
    public let customer: Categorical

    public init(engine: DiagonalGaussian, customer: Categorical) {
        precondition(
            engine.batchSize == customer.batchSize,
            "EngineAndCustomer: \(engine.batchSize) engine rows, \(customer.batchSize) customer rows")
        self.engine = engine
        self.customer = customer
    }

    /// 27 + 33 = 60 numbers per value.
    public static let valueWidth = TaobaoLayout.actionSize + CustomerAction.count

    public var batchSize: Int { engine.batchSize }

    /// The value rows of weights `a` ([B×27]) and answers `answers`.
    public static func values(engineActions a: Tensor, answers: [Int]) -> Tensor {
        Tensor.concat([a, Categorical.oneHot(answers, choices: CustomerAction.count)])
    }

    /// The weights and the answers of a [B×60] value.
    public func parts(_ value: Tensor) -> (engineActions: Tensor, answers: [Int]) {
        precondition(
            value.rows == batchSize && value.cols == Self.valueWidth,
            "EngineAndCustomer: a value is [\(batchSize)×\(Self.valueWidth)], got \(value.shapeText)")
        let d = TaobaoLayout.actionSize
        return (value.slice(cols: 0..<d), customer.value(of: value.slice(cols: d..<Self.valueWidth)))
    }

    public func sample(rng: inout RNG) -> Tensor {
        Self.values(engineActions: engine.sample(rng: &rng), answers: customer.sample(rng: &rng))
    }

    public var mode: Tensor { Self.values(engineActions: engine.mode, answers: customer.mode) }

    public func logProb(_ value: Tensor) -> Tensor {
        let (a, answers) = parts(value)
        return engine.logProb(a) + customer.logProb(answers)
    }

    public func entropy() -> Tensor { engine.entropy() + customer.entropy() }

    public func kl(to other: EngineAndCustomer) -> Tensor {
        engine.kl(to: other.engine) + customer.kl(to: other.customer)
    }

    public func tensor(of value: Tensor) -> Tensor { value }

    public func value(of tensor: Tensor) -> Tensor { tensor }

    /// The engine's μ and log σ, then the customer's logits.
    public var parameterTensors: [Tensor] { engine.parameterTensors + customer.parameterTensors }

    /// Block-diagonal: each factor's own M on its own directions.
    public func meanKLHessianProduct(_ directions: [[Double]]) -> [[Double]] {
        precondition(directions.count == 3, "EngineAndCustomer: expected directions for μ, log σ and the logits")
        return engine.meanKLHessianProduct(Array(directions[0..<2]))
            + customer.meanKLHessianProduct([directions[2]])
    }

    public func detached() -> EngineAndCustomer {
        EngineAndCustomer(engine: engine.detached(), customer: customer.detached())
    }
}
