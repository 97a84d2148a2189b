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

/// The facts of one page, shared by every Taobao-like environment.
public struct StepInfo: Sendable, Equatable {
    /// Items clicked on the page (0...10).
    public var clicks: Int
    /// Whether the customer bought something on this page.
    public var purchase: Bool
    /// Pages shown so far in this session, including this one.
    public var page: Int

    public init(clicks: Int, purchase: Bool, page: Int) {
        self.clicks = clicks
        self.purchase = purchase
        self.page = page
    }
}

/// The one environment interface of the course (Gymnasium's reset/step, with `terminated` and
/// `truncated` kept apart). The ground truth `TaobaoWorld`, the port of the published VirtualTB-v0
/// and the learned Virtual Taobao all conform, so every learner runs on any of them.
public protocol Environment {
    /// Length of an observation (91 for the Taobao environments: 88 + 3).
    var observationSize: Int { get }
    /// Length of an action (27: the engine's ranking weights).
    var actionSize: Int { get }
    /// Starts a new session with a new customer and returns its first observation. A seed
    /// restarts the environment's random stream, so the same seed gives the same session.
    mutating func reset(seed: UInt64?) -> [Double]
    /// Shows the page ranked by `action` and returns what the customer did.
    mutating func step(_ action: [Double]) -> StepResult
}
