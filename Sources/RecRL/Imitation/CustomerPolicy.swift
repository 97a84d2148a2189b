import Foundation

/// How the customer's action a^c = (clicks c, decision d) is factorised given s^c.
///
/// Measured on the historical log (`BehaviourCloning`, the same [64, 64] network, 20 epochs,
/// held-out log-likelihood per page, 20% of the sessions held out): the joint head fits it
/// better, as the world's dynamics predict — a purchase needs a click, and the leave probability
/// falls with the page's clicks (σ(λ₀ + λₙ(n − 1) − λ_c·c)), so c and d are not independent
/// given s^c. With 20,000 logged sessions: joint −1.565, independent −1.590, the marginal
/// baseline −1.675 nats per page; with 50,000: −1.561, −1.579, −1.684. `joint` is the default.
public enum CustomerActionFactorisation: String, Sendable, CaseIterable {
    /// π(c, d | s^c) = π(c | s^c) · π(d | s^c): two softmax heads (11 + 3 logits), conditionally
    /// independent given s^c.
    case independent
    /// π(c, d | s^c) = π(c | s^c) · π(d | s^c, c) with a full table of π(d | s^c, c), which is one
    /// softmax over the 33 pairs (logit 3·c + d, as `CustomerAction.index`).
    case joint

    /// The logits the network outputs: 14 or 33.
    public var logitCount: Int {
        switch self {
        case .independent: CustomerAction.clickChoices + CustomerAction.decisionChoices
        case .joint: CustomerAction.count
        }
    }
}

/// The customer policy π^c_κ(a^c | s^c) of Virtual-Taobao (Shi et al. 2019, "MAIL"): an MLP from
/// the customer's view s^c (`CustomerView`, 118 numbers) to the logits of a^c
/// (`CustomerAction`), factorised as `factorisation` says. Behaviour cloning fits it by maximum
/// likelihood on the log; MAIL trains it against a discriminator; `VirtualTaobao` samples from it.
///
/// Initialised as `MLPCategoricalPolicy` (CleanRL's): orthogonal weights, gain √2 in the hidden
/// layers and 0.01 at the output (the first policy is ≈ uniform), tanh, zero biases.
public final class CustomerPolicy: Module {
    public let factorisation: CustomerActionFactorisation
    /// s^c ↦ logits.
    public let network: MLP

    /// A new policy with hidden layers `hiddenSizes`.
    public init(factorisation: CustomerActionFactorisation = .joint, hiddenSizes: [Int] = [64, 64], rng: inout RNG) {
        precondition(
            hiddenSizes.allSatisfy { $0 > 0 }, "CustomerPolicy: hidden sizes must be positive, got \(hiddenSizes)")
        self.factorisation = factorisation
        network = MLP(
            sizes: [CustomerView.featureSize] + hiddenSizes + [factorisation.logitCount], activation: .tanh,
            initialization: .orthogonal(gain: 2.0.squareRoot()), outputGain: 0.01, rng: &rng)
    }

    /// A policy over a given network (118 inputs, `factorisation.logitCount` outputs).
    public init(factorisation: CustomerActionFactorisation, network: MLP) {
        precondition(
            network.sizes.first == CustomerView.featureSize && network.sizes.last == factorisation.logitCount,
            "CustomerPolicy (\(factorisation.rawValue)): the network must map \(CustomerView.featureSize) → "
                + "\(factorisation.logitCount), got \(network.sizes)")
        self.factorisation = factorisation
        self.network = network
    }

    public var namedParameters: [(name: String, tensor: Tensor)] { network.namedParameters(prefixedBy: "customer") }

    /// log π_κ(a^c_i | s^c_i) of each row, [B×1], differentiable in κ:
    /// - joint: log softmax(ℓ)[3c + d];
    /// - independent: log softmax(ℓ_clicks)[c] + log softmax(ℓ_decision)[d].
    public func logLikelihood(features: Tensor, actions: [CustomerAction]) -> Tensor {
        precondition(features.rows == actions.count, "logLikelihood: \(features.rows) rows, \(actions.count) actions")
        let logits = network(features)
        switch factorisation {
        case .joint:
            return Categorical(logits: logits).logProb(actions.map(\.index))
        case .independent:
            let clicks = CustomerAction.clickChoices
            let hot = actions.flatMap { [$0.clicks, clicks + $0.decision.rawValue] }
            var values = [Double](repeating: 0, count: actions.count * factorisation.logitCount)
            for (i, pair) in hot.enumerated() { values[(i / 2) * factorisation.logitCount + pair] = 1 }
            let x = Tensor(rows: actions.count, cols: factorisation.logitCount, data: values)
            return GroupedOneHotCategorical(logits: logits, groupSizes: [clicks, CustomerAction.decisionChoices])
                .logProb(x)
        }
    }

    /// π_κ(a^c | s^c) of one s^c as 33 probabilities, index 3·c + d (for `independent`, the outer
    /// product of the two heads). No gradients.
    public func probabilities(features: [Double]) -> [Double] {
        let logits = Tensor.withoutGradients { network(.row(features)).data }
        switch factorisation {
        case .joint:
            var p = logits
            softmaxInPlace(&p, over: 0..<p.count)
            return p
        case .independent:
            var p = logits
            let clicks = CustomerAction.clickChoices
            softmaxInPlace(&p, over: 0..<clicks)
            softmaxInPlace(&p, over: clicks..<p.count)
            return (0..<CustomerAction.count).map { p[$0 / 3] * p[clicks + $0 % 3] }
        }
    }

    /// The logits of `rows` views s^c at once: `features` is [rows × 118] row-major, the result
    /// [rows × `factorisation.logitCount`] row-major, with no gradients. One forward pass (one
    /// [rows × 118] product per layer); row i's logits are bit for bit those of row i alone, since a
    /// row of a product does not depend on the other rows (`MatrixKernel`).
    public func logits(features: [Double], rows: Int) -> [Double] {
        precondition(
            rows >= 1 && features.count == rows * CustomerView.featureSize,
            "CustomerPolicy.logits: \(features.count) numbers are not \(rows) rows of \(CustomerView.featureSize)")
        return Tensor.withoutGradients {
            network(Tensor(rows: rows, cols: CustomerView.featureSize, data: features)).data
        }
    }

    /// P(d = buy | s^c) of each of `rows` rows of s^c ([rows × 118] row-major), no gradients: the
    /// learned customer's probability that the page ends in a purchase — joint, Σ_c π(c, buy);
    /// independent, the decision head's buy probability. A reward model for R2P (the doubly robust
    /// estimator of chapter 10).
    public func purchaseProbabilities(features: [Double], rows: Int) -> [Double] {
        let l = logits(features: features, rows: rows)
        let k = factorisation.logitCount
        return (0..<rows).map { r in
            var p = Array(l[(r * k)..<((r + 1) * k)])
            switch factorisation {
            case .joint:
                softmaxInPlace(&p, over: 0..<k)
                return stride(from: 2, to: k, by: 3).reduce(0) { $0 + p[$1] }
            case .independent:
                let clicks = CustomerAction.clickChoices
                softmaxInPlace(&p, over: clicks..<k)
                return p[clicks + TaobaoWorld.Decision.buy.rawValue]
            }
        }
    }

    /// a^c ~ π_κ(· | s^c) for one s^c, drawn with `draws` (each categorical draw as
    /// `SimulatorDraws.categorical`: joint, one draw over the 33 pairs; independent, the clicks then
    /// the decision).
    public func sample<Draws: SimulatorDraws>(features: [Double], draws: inout Draws) -> CustomerAction {
        sample(logits: logits(features: features, rows: 1)[...], draws: &draws)
    }

    /// a^c ~ π_κ(· | s^c) from the `factorisation.logitCount` logits of one s^c (a row of
    /// `logits(features:rows:)`), drawn as `sample(features:draws:)` draws.
    public func sample<Draws: SimulatorDraws>(logits: ArraySlice<Double>, draws: inout Draws) -> CustomerAction {
        precondition(
            logits.count == factorisation.logitCount,
            "CustomerPolicy.sample: \(logits.count) logits, expected \(factorisation.logitCount)")
        var p = Array(logits)
        switch factorisation {
        case .joint:
            softmaxInPlace(&p, over: 0..<p.count)
            return CustomerAction(index: draws.categorical(p[...]))
        case .independent:
            let clicks = CustomerAction.clickChoices
            softmaxInPlace(&p, over: 0..<clicks)
            softmaxInPlace(&p, over: clicks..<p.count)
            let c = draws.categorical(p[0..<clicks])
            let d = draws.categorical(p[clicks..<p.count])
            return CustomerAction(clicks: c, decision: TaobaoWorld.Decision(rawValue: d)!)
        }
    }
}

/// A joint customer policy is a stochastic policy over the 33 answers: π_κ(· | s^c) =
/// softmax(logits_κ(s^c)), so TRPO and the Fisher-vector product take it as they take any.
extension CustomerPolicy: StochasticPolicy {
    public func distribution(_ features: Tensor) -> Categorical {
        precondition(
            factorisation == .joint, "CustomerPolicy.distribution needs the joint factorisation (one softmax over 33)")
        return Categorical(logits: network(features))
    }
}
