/// What one step of an environment reports back to the agent.
public struct StepResult: Sendable {
    /// The next observation (for the Taobao environments: 88 static + 3 dynamic features).
    public var observation: [Double]
    /// The reward of this step (clicks on the page, or 1 for a purchase — see the environment).
    public var reward: Double
    /// The episode ended by the environment's own dynamics (the customer left or bought): the
    /// value of the next state is 0.
    public var terminated: Bool
    /// The episode was cut off by a time limit (the page cap): the next state still has value, so
    /// learners bootstrap from it.
    public var truncated: Bool
    /// What happened on the page, for metrics.
    public var info: StepInfo

    public init(observation: [Double], reward: Double, terminated: Bool, truncated: Bool, info: StepInfo) {
        self.observation = observation
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
        self.info = info
    }

    /// The episode is over either way.
    public var done: Bool { terminated || truncated }
}

/// The facts of one page, shared by every Taobao-like environment — whichever side is the agent.
/// When the engine acts (chapters 1–6), they are what the customer did on the page it ranked;
/// when the customer acts (MAIL's customer MDP, chapter 8), they are what the customer's chosen
/// action did on the page it was shown (`purchase` when it chose to buy). Either way
/// `EngineMetrics` pools them into the same CTR and R2P.
public struct StepInfo: Sendable, Equatable {
    /// Items clicked on the page (0...10).
    public var clicks: Int
    /// Whether the customer bought something on this page.
    public var purchase: Bool
    /// Pages shown so far in this session, including this one.
    public var page: Int
    /// Items bought on the page (the paper's total volume, TV, counts them); 0 where an
    /// environment does not say which items were bought.
    public var itemsBought: Int
    /// The money spent on the page (the paper's total turnover, TT): the sum of the bought items'
    /// prices (`ItemCatalogue.price(of:)`, yuan); 0 where an environment has no prices.
    public var turnover: Double

    public init(clicks: Int, purchase: Bool, page: Int, itemsBought: Int = 0, turnover: Double = 0) {
        self.clicks = clicks
        self.purchase = purchase
        self.page = page
        self.itemsBought = itemsBought
        self.turnover = turnover
    }
}

/// The one environment interface of the course (Gymnasium's reset/step, with `terminated` and
/// `truncated` kept apart). The ground truth `TaobaoWorld`, the port of the published VirtualTB-v0
/// and the learned Virtual Taobao all conform, so every learner runs on any of them.
///
/// Actions are always a row of `actionSize` numbers, and the agent may be either side:
/// - **The engine acts** (chapters 1–6): the action is the 27 ranking weights, continuous, as a
///   `DiagonalGaussian` policy samples them.
/// - **The customer acts** (MAIL's customer MDP, Shi et al. 2019, "Virtual-Taobao", chapter 8):
///   the observation is the customer's features with the page the engine showed, and the action
///   is one of k discrete choices (buy, turn the page, leave) written **one-hot**: `actionSize`
///   is k and the action has a single 1 at the chosen index (`oneHotIndex(_:)` reads it back).
///   A `Categorical` policy (`MLPCategoricalPolicy`) produces exactly these rows
///   (`Categorical.tensor(of:)`), so `RolloutCollector`, GAE and PPO run unchanged, and a
///   discriminator that scores state–action pairs (MAIL, GAIL) reads one vector either way.
///
/// One action type for both keeps `Environment` free of an associated type, so wrappers
/// (`ObservationNormalized`, `ActionClipped`) and `any Environment` work for both sides.
public protocol Environment {
    /// Length of an observation (91 for the Taobao environments: 88 + 3).
    var observationSize: Int { get }
    /// Length of an action: 27 for the engine's ranking weights; k for k discrete choices, one-hot.
    var actionSize: Int { get }
    /// Starts a new session with a new customer and returns its first observation. A seed
    /// restarts the environment's random stream, so the same seed gives the same session.
    mutating func reset(seed: UInt64?) -> [Double]
    /// Takes `action` (the engine: shows the page it ranks; the customer: acts on the page it was
    /// shown) and returns what happened.
    mutating func step(_ action: [Double]) -> StepResult
    /// Steps N environments at once: `environments[e]` takes row e of `actions` (N × `actionSize`
    /// row-major), and the N results come back in order. Sessions that end are not reset (the
    /// caller does that). `RolloutCollector` steps its environments through this.
    ///
    /// The default steps each environment in turn. An environment with a network inside its step
    /// (`VirtualTaobao`'s customer policy) may answer all N pages in one forward pass instead,
    /// provided the results are exactly those of stepping each in turn.
    static func step(_ environments: inout [Self], actions: [Double]) -> [StepResult]
}

extension Environment {
    /// Steps each environment in turn with its row of `actions` (the requirement's default).
    public static func step(_ environments: inout [Self], actions: [Double]) -> [StepResult] {
        precondition(
            !environments.isEmpty && actions.count % environments.count == 0,
            "step(_:actions:): \(actions.count) numbers are not one row per each of \(environments.count) environments")
        let d = actions.count / environments.count
        var results: [StepResult] = []
        results.reserveCapacity(environments.count)
        for e in environments.indices { results.append(environments[e].step(Array(actions[(e * d)..<((e + 1) * d)]))) }
        return results
    }
}

/// The chosen index of a discrete action written one-hot (the `Environment` convention for k
/// choices): the position of its single 1. Precondition: `action` is one-hot.
public func oneHotIndex(_ action: [Double]) -> Int {
    let ones = action.indices.filter { action[$0] == 1 }
    precondition(
        ones.count == 1 && action.allSatisfy { $0 == 0 || $0 == 1 },
        "oneHotIndex: a discrete action must be one-hot, got \(action)")
    return ones[0]
}
