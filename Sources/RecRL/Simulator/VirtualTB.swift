/// The port of the published VirtualTB-v0 simulator (eyounx/VirtualTaobao v0.0.5,
/// `virtualTB/envs/virtualTB.py`; Shi et al., "Virtual-Taobao", AAAI 2019), on the course's
/// `Environment` interface.
///
/// A session, as in the original:
/// - new customer: z ~ U[0,1)¹²⁸ → generator → one categorical draw per feature group → the
///   one-hot user (88); then the leave page L ~ leave model(user) ∈ 0…100;
/// - each step with a 27-d action: logits = action model(user, c, action) with c the pages shown
///   so far; clicks a ~ softmax(logits[0..<11]) is the reward, b ~ softmax(logits[11..<21]) only
///   enters the observation; then c += 1, and the session is over when c ≥ L (so L = 0 behaves
///   like L = 1);
/// - observation = user (88) + [last a, last b, c] (91); CTR = total clicks / c / 10.
///
/// Quirks of the original, kept so the port replays its recorded trajectories:
/// - the constructor already draws a customer (the original's `__init__` calls `reset()`), and
///   `reset()` draws another;
/// - when a session ends, `step` itself draws the next customer and returns *its* observation,
///   with [a, b] set to [0, 0] but c still counting: the click and page counters (and so `ctr`)
///   are reset only by `reset()`. Learners should call `reset` after `done`.
///
/// `terminated` is true when the customer leaves; there is no truncation in this simulator
/// (`truncated` is always false): the leave model alone ends a session (L ≤ 100 pages).
///
/// Random numbers come from a `VirtualTBDrawSource`: the course's `RNG`, or numbers recorded
/// from the original (`RecordedDraws`). Every categorical draw is `VirtualTBDraws.categorical`.
public struct VirtualTB: Environment {
    /// The three networks.
    public let models: VirtualTBModels
    /// Where the random numbers come from; `reset(seed:)` replaces it with `RNG(seed:)`.
    public var draws: any VirtualTBDrawSource
    /// The current customer's one-hot features (88).
    public private(set) var user: [Double] = []
    /// The page count at which the current customer leaves (0…100).
    public var leavePage: Int {
        if let pendingLeaveDraws { return Self.leavePage(models: models, user: user, exponentials: pendingLeaveDraws) }
        return knownLeavePage
    }
    private var knownLeavePage = 0
    /// For a customer drawn inside a done `step`: the Exp(1) numbers of its leave-page draw,
    /// already drawn (in the original's order) but not yet used. Learners call `reset()` after
    /// `done`, which draws yet another customer, so the leave model — the costliest of the three
    /// networks — is run for this one only if a step comes first. Same numbers, same result.
    private var pendingLeaveDraws: [Double]? = nil
    /// Clicks since the last `reset()`.
    public private(set) var totalClicks = 0
    /// Pages shown since the last `reset()` (the original's `total_c`).
    public private(set) var pageCount = 0
    /// The last page's clicks a and second output b, as in the observation.
    public private(set) var lastClicks = 0
    public private(set) var lastB = 0
    /// b₁ + W₁[:, user columns]·user of the action model, computed once per customer.
    private var actionUserPart: [Double] = []

    public var observationSize: Int { VirtualTBModels.userSize + 3 }
    public var actionSize: Int { VirtualTBModels.actionSize }

    /// The original's info["CTR"]: total clicks / pages / 10 since the last `reset()` (0 before any page).
    public var ctr: Double { pageCount == 0 ? 0 : Double(totalClicks) / Double(pageCount) / 10 }

    /// user (88) + [last clicks, last b, page count].
    public var observation: [Double] { user + [Double(lastClicks), Double(lastB), Double(pageCount)] }

    /// A simulator drawing from `draws`. Like the original's constructor, it starts a session
    /// at once (consuming one customer's draws).
    public init(models: VirtualTBModels, draws: any VirtualTBDrawSource) {
        self.models = models
        self.draws = draws
        reset(seed: nil)
    }

    /// A simulator drawing from `RNG(seed: seed)`.
    public init(models: VirtualTBModels, seed: UInt64) {
        self.init(models: models, draws: RNG(seed: seed))
    }

    /// Loads the networks from a converted folder (see `VirtualTBModels.init(directory:)`).
    public init(directory: String, seed: UInt64) throws(VirtualTBError) {
        self.init(models: try VirtualTBModels(directory: directory), seed: seed)
    }

    /// Clears the click and page counters and draws a new customer. A seed restarts the random
    /// stream as `RNG(seed:)`; without one the current source continues.
    @discardableResult
    public mutating func reset(seed: UInt64? = nil) -> [Double] {
        if let seed { draws = RNG(seed: seed) }
        totalClicks = 0
        pageCount = 0
        drawCustomer(deferringLeavePage: false)
        return observation
    }

    /// Shows the page ranked by `action` (27 weights, nominally in [-1, 1]) to the customer.
    /// reward = clicks (0…10); `terminated` when the page count reaches the leave page.
    public mutating func step(_ action: [Double]) -> StepResult {
        precondition(action.count == actionSize, "VirtualTB.step needs an action of \(actionSize), got \(action.count)")
        if pendingLeaveDraws != nil {
            knownLeavePage = leavePage
            pendingLeaveDraws = nil
        }
        let logits = models.actionLogits(userPart: actionUserPart, page: Double(pageCount), action: action)
        let outputs = VirtualTBActionOutputs(logits: logits)
        let clicks = VirtualTBDraws.categorical(outputs.clickProbabilities[...], draws: &draws)
        let b = VirtualTBDraws.categorical(outputs.bProbabilities[...], draws: &draws)
        totalClicks += clicks
        pageCount += 1
        lastClicks = clicks
        lastB = b
        let done = pageCount >= leavePage
        if done { drawCustomer(deferringLeavePage: true) }
        return StepResult(
            observation: observation, reward: Double(clicks), terminated: done, truncated: false,
            info: StepInfo(clicks: clicks, purchase: false, page: pageCount))
    }

    /// A new customer: z ~ U[0,1)¹²⁸, one categorical draw per feature group, then the leave
    /// page (its Exp(1) numbers are drawn now; with `deferringLeavePage` they are kept and the
    /// leave model runs only when the page is needed). The last [a, b] become [0, 0]; the page and
    /// click counters are left alone.
    private mutating func drawCustomer(deferringLeavePage: Bool) {
        var z = [Double](repeating: 0, count: VirtualTBModels.noiseSize)
        for i in z.indices { z[i] = draws.uniform() }
        let p = models.generatorProbabilities(z: z)
        var user = [Double](repeating: 0, count: VirtualTBModels.userSize)
        for group in VirtualTBModels.userGroups {
            let k = VirtualTBDraws.categorical(p[group], draws: &draws)
            user[group.lowerBound + k] = 1
        }
        var exponentials = [Double](repeating: 0, count: VirtualTBModels.leavePages)
        for i in exponentials.indices { exponentials[i] = draws.exponential() }
        self.user = user
        if deferringLeavePage {
            pendingLeaveDraws = exponentials
        } else {
            knownLeavePage = Self.leavePage(models: models, user: user, exponentials: exponentials)
            pendingLeaveDraws = nil
        }
        actionUserPart = models.actionUserPart(user: user)
        lastClicks = 0
        lastB = 0
    }

    /// The leave page: the categorical draw over the leave model's probabilities with the given
    /// Exp(1) numbers (one per page 0…100).
    private static func leavePage(models: VirtualTBModels, user: [Double], exponentials: [Double]) -> Int {
        var replay = RecordedDraws(exponentials.map { (kind: .exponential, value: $0) })
        return VirtualTBDraws.categorical(models.leaveProbabilities(user: user)[...], draws: &replay)
    }
}
