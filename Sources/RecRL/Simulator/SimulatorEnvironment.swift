/// A simulator of customers made of three learned parts, on the course's `Environment`
/// interface: the dynamics of `virtualTB/envs/virtualTB.py` (eyounx/VirtualTaobao v0.0.5), the
/// environment of Shi et al., "Virtual-Taobao", AAAI 2019.
///
/// - a customer generator (`CustomerGenerator`) draws who arrives;
/// - a click model (`ClickModel`) answers each page the engine ranks with its action;
/// - a leave model (`LeaveModel`) says when the session ends.
///
/// A session:
///
///     customer u ~ generator;  session s = leave.startSession(u)        (a new customer)
///     step(action):  r = clicks.respond(u, c, action);  c ← c + 1
///                    reward = r.clicks;  status = leave.afterPage(r, c, s)
///     observation = u ‖ [last clicks, last signal, c]
///
/// with c the pages shown since the last `reset()`. The published VirtualTB-v0 is one instance
/// (`VirtualTB`, its three networks loaded as `MLP`s); chapter 8's learned Virtual Taobao is
/// another (a GAN-SD `GroupedSoftmaxGenerator`, a learned customer policy as the `ClickModel`,
/// `DecisionLeaveModel`).
///
/// Kept from the original, so the published instance replays its recorded trajectories:
/// - the constructor already draws a customer (the original's `__init__` calls `reset()`), and
///   `reset()` draws another;
/// - when a session ends, `step` itself draws the next customer and returns *its* observation,
///   with the last clicks and signal set to 0 but c still counting: the click and page counters
///   (and so `ctr`) are reset only by `reset()`. Learners call `reset` after `done`.
///
/// Random numbers come from `draws` (the course's `RNG`, or numbers recorded from the original),
/// in the original's order: a customer's generator draws, then its leave model's; each page's
/// click-model draws, then the leave model's, then, if the session ended, the next customer's.
public struct SimulatorEnvironment<Generator: CustomerGenerator, Clicks: ClickModel, Leave: LeaveModel>: Environment {
    public let generator: Generator
    public let clickModel: Clicks
    public let leaveModel: Leave
    /// Where the random numbers come from; `reset(seed:)` replaces it with `RNG(seed:)`.
    public var draws: any SimulatorDraws
    /// The current customer's features.
    public private(set) var customer: [Double] = []
    /// What the leave model keeps about the current customer.
    public private(set) var session: Leave.Session
    /// Clicks since the last `reset()`.
    public private(set) var totalClicks = 0
    /// Pages shown since the last `reset()` (the original's `total_c`).
    public private(set) var pageCount = 0
    /// The last page's clicks and signal, as in the observation.
    public private(set) var lastClicks = 0
    public private(set) var lastSignal = 0

    public var observationSize: Int { generator.customerSize + 3 }
    public var actionSize: Int { clickModel.actionSize }

    /// The original's info["CTR"]: total clicks / pages / 10 since the last `reset()` (0 before any page).
    public var ctr: Double { pageCount == 0 ? 0 : Double(totalClicks) / Double(pageCount) / 10 }

    /// customer ‖ [last clicks, last signal, page count].
    public var observation: [Double] { customer + [Double(lastClicks), Double(lastSignal), Double(pageCount)] }

    /// A simulator of the three parts drawing from `draws`. Like the original's constructor, it
    /// starts a session at once (consuming one customer's draws).
    public init(generator: Generator, clickModel: Clicks, leaveModel: Leave, draws: any SimulatorDraws) {
        self.generator = generator
        self.clickModel = clickModel
        self.leaveModel = leaveModel
        var draws = draws
        let customer = generator.nextCustomer(draws: &draws)
        session = leaveModel.startSession(customer: customer, draws: &draws)
        self.customer = customer
        self.draws = draws
    }

    /// Clears the click and page counters and draws a new customer. A seed restarts the random
    /// stream as `RNG(seed:)`; without one the current source continues.
    @discardableResult
    public mutating func reset(seed: UInt64? = nil) -> [Double] {
        if let seed { draws = RNG(seed: seed) }
        totalClicks = 0
        pageCount = 0
        startSession()
        return observation
    }

    /// Shows the page ranked by `action` to the customer: reward = clicks; `terminated` when the
    /// leave model ends the session, `truncated` when it cuts it off.
    public mutating func step(_ action: [Double]) -> StepResult {
        precondition(action.count == actionSize, "the simulator needs an action of \(actionSize), got \(action.count)")
        let response = clickModel.respond(customer: customer, pagesShown: pageCount, action: action, draws: &draws)
        totalClicks += response.clicks
        pageCount += 1
        lastClicks = response.clicks
        lastSignal = response.signal
        let status = leaveModel.afterPage(response, pagesShown: pageCount, session: &session, draws: &draws)
        if status != .continues { startSession() }
        return StepResult(
            observation: observation, reward: Double(response.clicks), terminated: status == .ended,
            truncated: status == .cutOff,
            info: StepInfo(clicks: response.clicks, purchase: response.purchase, page: pageCount))
    }

    /// A new customer and its leave-model session; the last clicks and signal become 0, the page
    /// and click counters are left alone.
    private mutating func startSession() {
        customer = generator.nextCustomer(draws: &draws)
        session = leaveModel.startSession(customer: customer, draws: &draws)
        lastClicks = 0
        lastSignal = 0
    }
}

extension SimulatorEnvironment: Sendable
where Generator: Sendable, Clicks: Sendable, Leave: Sendable, Leave.Session: Sendable {}
