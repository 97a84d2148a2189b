/// The published VirtualTB-v0's action model as the simulator's click model
/// (`virtualTB.py`'s `ActionModel.predict`):
///
///     ℓ = A([customer (88), c (1), action (27)]) ∈ ℝ²¹     (c: pages shown so far, a raw count)
///     clicks a ~ softmax(ℓ[0..<11]) ∈ 0…10,   b ~ softmax(ℓ[11..<21]) ∈ 0…9
///
/// drawing a, then b (`SimulatorDraws.categorical`). a is the reward; b only enters the
/// observation (the response's `signal`). The decision is always `.turnPage`: in VirtualTB-v0
/// the leave page, drawn when the customer arrives, ends the session (`VirtualTBLeaveModel`).
///
/// Sendable because the network is only read once handed over (a forward pass writes new tensors
/// only), so simulators on several threads can share it; do not train it while they run.
public struct VirtualTBClickModel: ClickModel, @unchecked Sendable {
    /// A: 116 → 128 → LeakyReLU → 256 → LeakyReLU → 21.
    public let network: MLP

    /// The action model's two output heads in its 21 logits: clicks (0…10) and b (0…9).
    public static let clickHead = 0..<11
    public static let bHead = 11..<21

    public init(network: MLP) {
        precondition(network.sizes.last == Self.bHead.upperBound, "the action model has 21 logits")
        self.network = network
    }

    /// The customer's part of the input (its first `network.sizes[0] − actionSize − 1` numbers).
    public var customerSize: Int { network.sizes[0] - actionSize - 1 }
    public var actionSize: Int { VirtualTBModels.actionSize }

    /// The 21 logits and the two heads' probabilities for one page.
    public func outputs(customer: [Double], pagesShown: Double, action: [Double]) -> VirtualTBActionOutputs {
        precondition(
            customer.count == customerSize,
            "the action model needs a customer of \(customerSize), got \(customer.count)")
        precondition(
            action.count == actionSize, "the action model needs an action of \(actionSize), got \(action.count)")
        return VirtualTBActionOutputs(logits: network(Tensor.row(customer + [pagesShown] + action)).data)
    }

    public func respond<Draws: SimulatorDraws>(
        customer: [Double], pagesShown: Int, action: [Double], draws: inout Draws
    ) -> PageResponse {
        let outputs = outputs(customer: customer, pagesShown: Double(pagesShown), action: action)
        let clicks = draws.categorical(outputs.clickProbabilities[...])
        let b = draws.categorical(outputs.bProbabilities[...])
        return PageResponse(clicks: clicks, signal: b)
    }
}

/// What the action model says about one page.
public struct VirtualTBActionOutputs: Sendable, Equatable {
    /// The 21 logits (they reach |x| ≈ 1e5, so the heads are nearly one-hot).
    public let logits: [Double]
    /// P(clicks = 0…10) = softmax(logits[0..<11]).
    public let clickProbabilities: [Double]
    /// P(b = 0…9) = softmax(logits[11..<21]).
    public let bProbabilities: [Double]

    public init(logits: [Double]) {
        precondition(logits.count == 21, "the action model has 21 logits, got \(logits.count)")
        var p = logits
        softmaxInPlace(&p, over: VirtualTBClickModel.clickHead)
        softmaxInPlace(&p, over: VirtualTBClickModel.bHead)
        self.logits = logits
        clickProbabilities = Array(p[VirtualTBClickModel.clickHead])
        bProbabilities = Array(p[VirtualTBClickModel.bHead])
    }
}
