import Foundation

// MARK: - The ground-truth world
//
// `TaobaoWorld` plays "real Taobao" for the course: a seeded generative model whose hidden
// parameters a learned simulator (chapters 7–10) tries to recover. The model, top to bottom:
//
// 1. Customers (`CustomerPopulation`). A latent persona p ∈ {student, young professional, parent,
//    thrifty homemaker, tech enthusiast, retiree, luxury shopper} is drawn with weights
//    (0.20, 0.24, 0.20, 0.14, 0.10, 0.07, 0.05). Given p, 11 categorical attributes follow, one-hot
//    in 88 dims with group sizes [8, 8, 11, 11, 11, 11, 2, 2, 3, 18, 3]: history turnover level,
//    purchase power, age band, years on platform, visit frequency, region, gender, device, member
//    tier, query category, customer category (the paper's Table 1 columns are the 1st, 2nd, 10th
//    and 11th). A latent wealth ties turnover, purchase power, member tier and customer category
//    together; age is multi-modal across personas; super VIPs, overseas customers and the luxury
//    persona are rare.
//
// 2. Hidden preference (`PreferenceModel`). Each customer has a 27-dim taste θ over item features,
//
//        θ_c = μ + Σ_g E_g[v_{c,g}] + τ ⊙ ε_c,      ε_c ~ N(0, I),
//
//    the population mean plus one shift per attribute value plus the customer's own noise. Only the
//    oracle engine may read θ (`oracleAction()`); everything else sees the 88 + 3 observation.
//
// 3. Items (`ItemCatalogue`). 18 categories of 160–320 items each (4,603 items with the default
//    truth seed), each a standardised 27-dim vector: price, sales volume, historical CTR, rating,
//    review count, discount, free shipping, brand tier, shop reputation, delivery speed, return
//    rate, newness, image quality, favourites, promotion and 12 style coordinates (`ItemFeature`).
//
// 4. The engine's action is a 27-dim weight vector w, clipped to [−1, 1] per component. The page
//    is the 10 not-yet-shown items i of the customer's query category with the highest w · x_i,
//    best first. Ranking is scale-invariant: w and 2w give the same page.
//
// 5. The customer's response (`CustomerResponse`). With the match m_i = θ·x_i and page number
//    n = 1, 2, …, for the item at position k = 0…9:
//
//        s_i               = σ(α·m_i + β)                       interest,   α = 0.65, β = −4.4
//        P(click i)        = ρ_k · φ_n · s_i,    ρ_k = 1/(1 + 0.1k),  φ_n = e^{−0.06(n−1)}
//        P(buy i | click)  = κ · s_i,            κ = 0.05
//        purchase          = some clicked item is bought  → the session ends (terminated)
//        P(leave)          = σ(λ₀ + λ_n·(n−1) − λ_c·c_n),  λ₀ = −0.9, λ_n = 0.1, λ_c = 0.6
//
//    where c_n is the page's clicks; a customer who neither buys nor leaves turns the page, up to
//    `maxPages` (default 15; reaching it is `truncated`, not `terminated`). A poor page makes
//    leaving likelier and a good one keeps the customer browsing, and the items shown are used up,
//    so this is a real MDP: today's ranking changes tomorrow's state and reward.
//
//    Every page draws exactly 21 uniforms from the session's own stream (10 for clicks, 10 for
//    purchases, 1 for leaving) whatever happens, so two engines run on the same customer see the
//    same luck (common random numbers).
//
// 6. Reward: `.clicks` (the report: c_n per page; CTR = clicks / 10 per page) or `.purchase` (the
//    paper: 1 on the page with a purchase; R2P = pages with a purchase / pages).
//
// 7. Drift. At `day` d ≥ 0 preferences gain δ(d)·(Δμ + Σ_g ΔE_g[v_g]) and items' popularity
//    signals (sales, historical CTR, reviews, favourites) shift by δ(d) times seeded per-item
//    amounts, with δ(d) = ln(1 + d)/ln(31): 0, 0.20, 0.60, 1.00 at days 0, 1, 7, 30. Day 0 is the
//    undrifted world; customers keep their attributes and noise across days. The added shift also
//    makes tastes a little stronger, so every engine's CTR rises slowly with the day (random
//    0.062 → 0.098, oracle 0.231 → 0.353 from day 0 to 30): compare engines at the same day.
//
// 8. Observation (91): the 88 one-hot attributes, then [clicks on the last page (0…10), clicks so
//    far in the session, pages shown so far] as raw counts (the published VirtualTB-v0 also passes
//    raw counts). At reset the dynamic part is [0, 0, 0].
//
// 9. Around the world: `Engine` (random σ = 0.1 "historical", popularity, oracle, fixed weights or
//    any policy), `TaobaoWorld.evaluate` (seeded customers, common random numbers, pooled
//    `EngineMetrics`), `BatchedTaobao` (B customers at once, ended sessions restarted) and
//    `HistoricalLog` (the random engine's sessions, saved to a versioned binary file). Over 1,000
//    customers with seed 0 at day 0: random CTR 0.062 (R2P 0.014, 3.5 pages per session),
//    popularity 0.102 (0.030, 3.9), oracle 0.231 (0.068, 4.0). Ranking by the attribute part of
//    θ alone (what a policy reading the observation can at best infer) reaches about 0.21.
//
// 10. Time of day (`TimeOfDay`, off unless asked for). With a `TimeOfDay`, session k of the world
//    arrives at hour h_k = 24·(k mod N)/N and a clicked item is bought with
//    logit P = logit(κ·s_i) + a·cos(2π(h − h*)/24), by default a = 0.3 and an evening peak h* = 21.
//    The engine does not see the hour (the observation is unchanged); `hour` exposes it so the
//    historical log can record it. Without one (the default) no number is computed or drawn
//    differently, so every chapter's results are as before. With the defaults, the random engine's
//    R2P over the 2-hour parts of the day (1,667 customers a part, the same ones in every part:
//    `evaluate(_:customers:seed:part:of:)`) runs 0.016, 0.014, 0.011, 0.010, 0.009 (8–10 h), 0.010,
//    0.011, 0.014, 0.016, 0.018, 0.019 (20–22 h), 0.018; a day's historical log of 20,000 sessions,
//    cut by `HistoricalLog.parts(12)`, shows the same trend with ±11 % noise a part (0.0095 to 0.022).

/// The ground-truth "real Taobao" of the course (see the comment at the top of this file for the
/// whole generative model). One session is one customer's search:
///
///     var world = TaobaoWorld(day: 0, reward: .clicks)
///     var obs = world.reset(seed: 7)
///     let result = world.step(world.oracleAction())   // or any 27 weights
///
/// The hidden parameters (`truth`) come from `truthSeed` (fixed by default, so every chapter plays
/// the same Taobao); the sessions come from the seed given to `init` and `reset(seed:)`.
public struct TaobaoWorld: Environment, Sendable {
    /// What the engine is rewarded for.
    public enum Reward: String, Sendable, CaseIterable {
        /// Clicks on the page (the report's reward; CTR).
        case clicks
        /// 1 on a page where the customer buys (the paper's reward; R2P).
        case purchase
    }

    /// What the customer did after a page.
    public enum Decision: Int, Sendable {
        /// Asked for the next page (at the page cap this ends the session as `truncated`).
        case turnPage = 0
        /// Left Taobao.
        case leave = 1
        /// Bought an item on the page.
        case buy = 2
    }

    /// The seed of the course's one real Taobao.
    public static let defaultTruthSeed: UInt64 = 2019

    /// The hidden parameters: customer population, preference model, catalogue (at `day`), response.
    public let truth: TaobaoTruth
    /// The reward the world pays.
    public let reward: Reward
    /// The page cap (a session with this many pages ends as `truncated`).
    public let maxPages: Int

    public var observationSize: Int { TaobaoLayout.observationSize }
    public var actionSize: Int { TaobaoLayout.actionSize }
    /// The day the world is at (0 = undrifted).
    public var day: Double { truth.day }
    /// The time-of-day effect on purchases, or nil (the default) for none.
    public let timeOfDay: TimeOfDay?

    // The session stream: `reset(seed: nil)` draws the next customer from it.
    private var sessions: RNG
    // The current session's response stream (21 uniforms per page).
    private var responses = RNG(seed: 0)
    private var theta = [Double](repeating: 0, count: TaobaoLayout.actionSize)
    private var oneHot = [Double](repeating: 0, count: TaobaoLayout.staticSize)
    // Local indices (within the category) of the items shown in this session.
    private var shown: [Int] = []
    private var clipped = [Double](repeating: 0, count: TaobaoLayout.actionSize)
    private var scratchScores: [Double] = []
    private var scratchBest = [Int](repeating: 0, count: TaobaoLayout.pageSize)
    private var scratchBestScores = [Double](repeating: 0, count: TaobaoLayout.pageSize)
    // e^{a·cos(2π(h − h*)/24)} for the current session (1 without a time-of-day effect).
    private var purchaseOddsFactor = 1.0

    /// The current customer's 11 attribute values.
    public private(set) var attributes: [Int] = []
    /// The current customer's query category (attribute 9).
    public private(set) var category = 0
    /// Pages shown so far in this session.
    public private(set) var pagesShown = 0
    /// Clicks on the last page.
    public private(set) var lastClicks = 0
    /// Clicks so far in this session.
    public private(set) var sessionClicks = 0
    /// The item ids of the last page, best first.
    public private(set) var lastPage: [Int] = []
    /// Which items of the last page were clicked, by position (parallel to `lastPage`).
    public private(set) var lastClicked: [Bool] = []
    /// What the customer did after the last page.
    public private(set) var lastDecision = Decision.turnPage
    /// True once the session has ended (call `reset`).
    public private(set) var isSessionOver = true
    /// Sessions started so far (`reset` calls); the next session is number `sessionsStarted`, and
    /// with a time-of-day effect it arrives at `timeOfDay.arrivalHour(session: sessionsStarted)`.
    /// Set it to move the arrival clock (it draws no random number).
    public var sessionsStarted = 0 {
        willSet { precondition(newValue >= 0, "sessionsStarted must be ≥ 0, got \(newValue)") }
    }
    /// The current session's hour of day in [0, 24) (`TimeOfDay.arrivalHour`), or nil without a
    /// time-of-day effect.
    public private(set) var hour: Double?

    /// A world at `day` paying `reward`, with sessions drawn from `seed`, and a time-of-day effect
    /// on purchases if `timeOfDay` is given (none by default).
    public init(
        day: Double = 0, reward: Reward = .clicks, maxPages: Int = 15, seed: UInt64 = 0,
        truthSeed: UInt64 = TaobaoWorld.defaultTruthSeed, timeOfDay: TimeOfDay? = nil
    ) {
        self.init(
            truth: TaobaoTruth(seed: truthSeed, day: day), reward: reward, maxPages: maxPages, seed: seed,
            timeOfDay: timeOfDay)
    }

    /// A world over given hidden parameters (so many worlds can share one `truth`).
    public init(
        truth: TaobaoTruth, reward: Reward = .clicks, maxPages: Int = 15, seed: UInt64 = 0,
        timeOfDay: TimeOfDay? = nil
    ) {
        precondition(
            (1...16).contains(maxPages),
            "maxPages must be in 1...16 (the smallest category has 160 items), got \(maxPages)")
        self.truth = truth
        self.reward = reward
        self.maxPages = maxPages
        self.sessions = RNG(seed: seed)
        self.timeOfDay = timeOfDay
    }

    // MARK: Environment

    /// Starts a session with a new customer. With a seed, the customer and their responses are a
    /// function of the seed alone; without, the next customer of the world's session stream. With a
    /// time-of-day effect the session arrives at `timeOfDay.arrivalHour(session: sessionsStarted)`
    /// (the hour is a function of the session's number, never of the seed).
    public mutating func reset(seed: UInt64? = nil) -> [Double] {
        if let timeOfDay {
            let h = timeOfDay.arrivalHour(session: sessionsStarted)
            hour = h
            purchaseOddsFactor = timeOfDay.oddsFactor(hour: h)
        }
        sessionsStarted += 1
        if let seed { sessions = RNG(seed: seed) }
        var customerRNG = sessions.split()
        responses = sessions.split()
        let drawn = truth.population.sample(rng: &customerRNG)
        let noise = (0..<TaobaoLayout.actionSize).map { _ in customerRNG.normal() }
        attributes = drawn.attributes
        oneHot = TaobaoLayout.oneHot(attributes)
        theta = truth.preferences.preference(attributes, noise: noise, day: truth.day)
        category = attributes[CustomerAttribute.queryCategory.group]
        shown.removeAll(keepingCapacity: true)
        pagesShown = 0
        lastClicks = 0
        sessionClicks = 0
        lastPage = []
        lastClicked = []
        lastDecision = .turnPage
        isSessionOver = false
        return observation
    }

    /// Shows the page ranked by `action` (27 weights, each clipped to [−1, 1]) and returns what the
    /// customer did. Precondition: a session is running (`reset` first; again after `done`).
    public mutating func step(_ action: [Double]) -> StepResult {
        precondition(
            action.count == TaobaoLayout.actionSize,
            "TaobaoWorld.step needs \(TaobaoLayout.actionSize) action weights, got \(action.count)")
        precondition(!isSessionOver, "TaobaoWorld.step called with no session running: call reset() first")
        for f in 0..<action.count {
            precondition(action[f].isFinite, "action weight \(f) must be finite, got \(action[f])")
            clipped[f] = min(max(action[f], -1), 1)
        }
        buildPage()
        let response = truth.response
        let d = TaobaoLayout.actionSize
        let n = pagesShown + 1
        var clicks = 0
        var purchase = false
        var itemsBought = 0
        var turnover = 0.0
        let hourly = timeOfDay != nil
        let oddsFactor = purchaseOddsFactor
        lastClicked.removeAll(keepingCapacity: true)
        truth.catalogue.features.withUnsafeBufferPointer { x in
            for (k, item) in lastPage.enumerated() {
                var m = 0.0
                for f in 0..<d { m += theta[f] * x[item * d + f] }
                let clickDraw = responses.uniform()
                let buyDraw = responses.uniform()
                let clicked = clickDraw < response.clickProbability(match: m, position: k, page: n)
                lastClicked.append(clicked)
                if clicked {
                    clicks += 1
                    var p = response.purchaseProbability(match: m)
                    if hourly { p = TimeOfDay.shifted(p, oddsFactor: oddsFactor) }
                    if buyDraw < p {
                        purchase = true
                        itemsBought += 1
                        turnover += truth.catalogue.price(of: item)
                    }
                }
            }
        }
        let leaveDraw = responses.uniform()
        let leave = !purchase && leaveDraw < response.leaveProbability(clicks: clicks, page: n)
        lastDecision = purchase ? .buy : (leave ? .leave : .turnPage)
        pagesShown = n
        lastClicks = clicks
        sessionClicks += clicks
        let terminated = purchase || leave
        let truncated = !terminated && n >= maxPages
        isSessionOver = terminated || truncated
        let r: Double =
            switch reward {
            case .clicks: Double(clicks)
            case .purchase: purchase ? 1 : 0
            }
        return StepResult(
            observation: observation, reward: r, terminated: terminated, truncated: truncated,
            info: StepInfo(
                clicks: clicks, purchase: purchase, page: n, itemsBought: itemsBought, turnover: turnover))
    }

    // MARK: Observation and page

    /// The current observation: 88 one-hot attributes + [last clicks, session clicks, pages shown].
    public var observation: [Double] {
        var obs: [Double] = []
        obs.reserveCapacity(TaobaoLayout.observationSize)
        obs += oneHot
        obs.append(Double(lastClicks))
        obs.append(Double(sessionClicks))
        obs.append(Double(pagesShown))
        return obs
    }

    /// The page `action` would show now (item ids, best first), without showing it.
    public func page(for action: [Double]) -> [Int] {
        var copy = self
        precondition(action.count == TaobaoLayout.actionSize, "page(for:) needs 27 weights, got \(action.count)")
        for f in 0..<action.count { copy.clipped[f] = min(max(action[f], -1), 1) }
        copy.buildPage()
        return copy.lastPage
    }

    /// Ranks the unshown items of the category by `clipped`, fills `lastPage` and marks them shown.
    private mutating func buildPage() {
        let catalogue = truth.catalogue
        let d = TaobaoLayout.actionSize
        let first = catalogue.start[category]
        let count = catalogue.count[category]
        if scratchScores.count < count { scratchScores = [Double](repeating: 0, count: count) }
        let found = catalogue.featureMajor.withUnsafeBufferPointer { x in
            let block = UnsafeBufferPointer(rebasing: x[(first * d)..<((first + count) * d)])
            return clipped.withUnsafeBufferPointer { w in
                scratchScores.withUnsafeMutableBufferPointer { scores in
                    scratchBest.withUnsafeMutableBufferPointer { best in
                        scratchBestScores.withUnsafeMutableBufferPointer { bestScores in
                            PageRanking.topUnshown(
                                featureMajor: block, count: count, weights: w, shown: shown, best: best,
                                bestScores: bestScores, scores: scores)
                        }
                    }
                }
            }
        }
        precondition(found == TaobaoLayout.pageSize, "a category ran out of items (\(found) left for a page)")
        lastPage.removeAll(keepingCapacity: true)
        for i in scratchBest { lastPage.append(first + i) }
        shown += scratchBest
    }

    // MARK: The oracle's window

    /// The current customer's hidden preference θ (at the world's day). **Oracle only**: this is
    /// the one door to the hidden state; no engine but the oracle, and no learner, may use it.
    public var oraclePreference: [Double] { theta }

    /// The oracle engine's action: θ / max_f |θ_f|, which lies in [−1, 1] and ranks items exactly
    /// by the customer's true match θ·x. **Oracle only** (see `oraclePreference`).
    public func oracleAction() -> [Double] {
        let scale = theta.map(abs).max() ?? 1
        return theta.map { scale > 0 ? $0 / scale : 0 }
    }
}

/// The hidden parameters of one ground-truth Taobao at one day. Built from a seed; shared (it is
/// immutable) by every world, batch and log that plays the same Taobao.
public struct TaobaoTruth: Sendable {
    /// The seed the parameters were drawn from.
    public let seed: UInt64
    /// The day of the drift.
    public let day: Double
    public let population: CustomerPopulation
    public let preferences: PreferenceModel
    public let catalogue: ItemCatalogue
    public let response: CustomerResponse

    /// Draws the population, preference model and catalogue from `seed`, drifted to `day`. The same
    /// seed at any day gives the same customers and items, moved only by the drift.
    public init(seed: UInt64 = TaobaoWorld.defaultTruthSeed, day: Double = 0, response: CustomerResponse = .init()) {
        precondition(day >= 0 && day.isFinite, "day must be a non-negative number, got \(day)")
        var rng = RNG(seed: seed)
        var populationRNG = rng.split()
        var preferenceRNG = rng.split()
        var catalogueRNG = rng.split()
        self.seed = seed
        self.day = day
        population = CustomerPopulation(rng: &populationRNG)
        preferences = PreferenceModel(rng: &preferenceRNG)
        catalogue = ItemCatalogue(rng: &catalogueRNG, day: day)
        self.response = response
    }
}
