/// The port of the published VirtualTB-v0 simulator (eyounx/VirtualTaobao v0.0.5,
/// `virtualTB/envs/virtualTB.py`; Shi et al., "Virtual-Taobao", AAAI 2019): the course's
/// `SimulatorEnvironment` over the three published networks (`VirtualTBModels`).
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
/// `terminated` is true when the customer leaves; there is no truncation in this simulator
/// (`truncated` is always false): the leave model alone ends a session (L ≤ 100 pages). The
/// original's quirks (a customer drawn by the constructor and inside a done `step`, counters reset
/// only by `reset()`) are `SimulatorEnvironment`'s.
public typealias VirtualTB = SimulatorEnvironment<GroupedSoftmaxGenerator, VirtualTBClickModel, VirtualTBLeaveModel>

extension SimulatorEnvironment
where Generator == GroupedSoftmaxGenerator, Clicks == VirtualTBClickModel, Leave == VirtualTBLeaveModel {
    /// The published simulator drawing from `draws`. Like the original's constructor, it starts a
    /// session at once (consuming one customer's draws).
    public init(models: VirtualTBModels, draws: any SimulatorDraws) {
        self.init(
            generator: models.generator, clickModel: models.clickModel, leaveModel: models.leaveModel, draws: draws)
    }

    /// The published simulator drawing from `RNG(seed: seed)`.
    public init(models: VirtualTBModels, seed: UInt64) {
        self.init(models: models, draws: RNG(seed: seed))
    }

    /// Loads the networks from a converted folder (see `VirtualTBModels.init(directory:)`).
    public init(directory: String, seed: UInt64) throws(VirtualTBError) {
        self.init(models: try VirtualTBModels(directory: directory), seed: seed)
    }

    /// The page count at which the current customer leaves (0…100).
    public var leavePage: Int { leaveModel.leavePage(session) }
}
