// Chapter 1 — Taobao search as a Markov decision process.
//
// Run:  swift run ch01-mdp                  (a few seconds)
//       swift run ch01-mdp --help           (flags)
//
// It reads top to bottom like a notebook: (1) the MDP of both papers, from the engine's and the
// customer's side; (2) customers decoded from their 88 one-hot features; (3) one page shown by
// three engines, and what the customer clicked; (4) the three engines over many customers: CTR,
// R2P, session length; (5) why this is a real MDP: a poor page now costs clicks later; (6) the
// published VirtualTB-v0 beside it; (7) your exercises.
import ArgumentParser
import Ch01Exercises
import Foundation
import RecRL

let options = Options.parseOrExit()
let budget = options.chapter.budget
let customers = options.customers ?? [Budget.quick: 200, .standard: 1_000, .full: 10_000][budget]!
let marginalSample = [Budget.quick: 2_000, .standard: 10_000, .full: 100_000][budget]!
let seed = options.chapter.seed
/// The published VirtualTB-v0's three networks, when `--virtualtb DIR` names a folder of them. A bad
/// folder stops the chapter at once with the loader's message (exit code 64).
let virtualTBModels = options.virtualTB.loadOrExit()
let notebook = options.chapter.notebook(chapter: "ch01-mdp", title: "Chapter 1 — Taobao search as an MDP")

/// The course's ground truth ("real Taobao"), paying clicks as the report does. Purchases are
/// counted all the same: the reward chosen does not change what customers do.
let world = TaobaoWorld(reward: .clicks)
let catalogue = world.truth.catalogue
let response = world.truth.response

/// "0.123" — three decimals, for prose.
func f3(_ x: Double) -> String { String(format: "%.3f", x) }
/// "12.3 %" — a share as a percentage, for tables and prose.
func percent(_ x: Double) -> String { String(format: "%.1f %%", 100 * x) }

// MARK: - 1. The MDP of both papers

notebook.heading("1. The MDP of both papers")
notebook.text(
    """
    A customer types a query; the search engine answers with a page of 10 items; the customer \
    clicks some, may buy one, and then either turns to the next page or leaves. Both seeds model \
    this as a Markov decision process ⟨S, A, T, r, γ⟩ with the **engine as the agent** and the \
    customer as its environment. Fang & Zeng (report §2.2) reward clicks; Shi et al. (the \
    Virtual-Taobao paper, "Problem Description") reward purchases. TaobaoWorld, the course's \
    stand-in for real Taobao, offers both.
    """)
var mdp = Table(columns: [
    .init(""), .init("report §2.2 (Fang & Zeng)"), .init("paper (Shi et al.), engine view M"), .init("TaobaoWorld"),
])
mdp.row("agent", "the recommender system", "the search engine", "an `Engine`")
mdp.row(
    "state s", "the customer: 88 one-hot static + 3 dynamic", "customer feature + request",
    "88 one-hot + [last clicks, session clicks, pages]")
mdp.row("action a", "the 10 items pushed", "the page view (PV) shown", "27 weights w ∈ [−1, 1]²⁷ → top 10 by w·x")
mdp.row("reward r", "+1 per click (0…10 a page)", "1 if the customer buys, else 0", "clicks (default) or purchase")
mdp.row(
    "transition", "click and stay, or leave (end)", "T(s, a) = s on turn page, s′ ~ Pᶜ otherwise",
    "turn page → same customer, page n + 1; leave or buy → end")
mdp.row("measure", "CTR = clicks / (10 × pages)", "R2P = purchases / pages", "both, pooled over customers")
notebook.table(mdp, caption: "The MDP in the two seeds and in this package")
notebook.text(
    """
    The paper also looks from the other side: the **customer is an agent** too, in an MDP Mᶜ whose \
    state is what they are, what they see and how far they are, sᶜ = ⟨s, a, n⟩ ∈ S × A × ℕ, whose \
    actions are aᶜ ∈ {buy, turn page, leave}, and whose transition Tᶜ(sᶜ, turn page) = ⟨s, a, n + 1⟩ \
    (a new customer after leave; the end after buy or past the last page). In TaobaoWorld the \
    customer's policy πᶜ is the hidden response model: with match m = θ·x of an item to the \
    customer's hidden taste θ, P(click) = ρ_k·φ_n·σ(0.65m − 4.4) at position k on page n, \
    P(buy | click) = 0.05·σ(0.65m − 4.4), and P(leave) = σ(−0.9 + 0.1(n − 1) − 0.6·clicks). The \
    engine's return is G = Σₜ γᵗ rₜ; in this chapter γ = 1, so G is the clicks of one session.
    """)

// MARK: - 2. Customers, decoded

notebook.heading("2. Customers, decoded")
notebook.text(
    """
    The engine never sees a customer's name or taste: it sees 91 numbers. The first 88 are 11 \
    categorical attributes, each one-hot in its own group (sizes 8, 8, 11, 11, 11, 11, 2, 2, 3, 18, \
    3: the published VirtualTaobao layout); the last 3 change during the session and are [0, 0, 0] \
    at the start. Here is the observation of customer 1 (the first customer of the evaluation in \
    section 4), group by group:
    """)
// The evaluation's seeds (section 4): each customer takes one seed for themselves and one for
// the engine's random numbers.
var evaluationSeeds = RNG(seed: seed)
var (customerSeeds, engineSeeds): ([UInt64], [UInt64]) = ([], [])
var decodeWorld = world
var decoded: [[Int]] = []
var firstObservation: [Double] = []
for j in 0..<5 {
    customerSeeds.append(evaluationSeeds.next())
    engineSeeds.append(evaluationSeeds.next())
    let observation = decodeWorld.reset(seed: customerSeeds[j])
    if j == 0 { firstObservation = observation }
    decoded.append(TaobaoLayout.attributes(ofOneHot: observation))
}
var groupLines: [String] = []
let nameWidth = CustomerAttribute.all.map(\.name.count).max()!
for attribute in CustomerAttribute.all {
    let start = TaobaoLayout.groupOffsets[attribute.group]
    let bits = firstObservation[start..<(start + TaobaoLayout.groupSizes[attribute.group])]
    let value = decoded[0][attribute.group]
    let name = attribute.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
    groupLines.append(
        "\(name)  \(bits.map { String(Int($0)) }.joined().padding(toLength: 18, withPad: " ", startingAt: 0))"
            + "  → \(value) (\(attribute.labels[value]))")
}
groupLines.append(
    "dynamic".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
        + firstObservation[88...].map { String(Int($0)) }.joined(separator: ", ")
        + "  (last clicks, session clicks, pages)")
notebook.code(groupLines.joined(separator: "\n"))
var people = Table(columns: [.init("attribute")] + (1...5).map { .init("customer \($0)") })
for attribute in CustomerAttribute.all {
    people.row([attribute.name] + decoded.map { attribute.labels[$0[attribute.group]] })
}
notebook.table(people, caption: "Five customers drawn from Pᶜ, decoded (Exercise 1.1 writes the decoder)")
notebook.text(
    """
    Behind each customer the world keeps a hidden 27-dim taste θ over item features: the part their \
    attributes explain (μ + Σ_g E_g[v_g]) plus their own noise, which no engine sees — except the \
    oracle, the course's upper bound.
    """)

// MARK: - 3. One page, three engines

notebook.heading("3. One page, three engines")
notebook.text(
    """
    An action is 27 weights, one per item feature (price, sales volume, historical CTR, rating, …, \
    12 style coordinates). The page is the 10 unshown items of the customer's query category with \
    the highest w·x. Three engines answer the same customer: **random** (fresh w ~ N(0, 0.1²) each \
    page: the "historical" engine whose log feeds chapters 7–10), **popularity** (weight 1 on sales \
    volume) and the **oracle** (w = θ / max|θ|, which ranks by the customer's true match). The \
    customer meets each page with the same luck — the same random number decides position k in all \
    three (common random numbers) — so every difference below comes from the ranking. The columns \
    price, sales and rating are the item's standardised features; match θ·x and P(click) are hidden \
    from the engines and shown here only to explain.
    """)
let engines: [Engine] = [.random(), .popularity, .oracle]
var pageSummary: [String: Int] = [:]
for engine in engines {
    var shown = world
    let observation = shown.reset(seed: customerSeeds[0])  // customer 1, with the evaluation's seeds
    var engineRNG = RNG(seed: engineSeeds[0])
    let result = shown.step(engine.action(observation: observation, world: shown, rng: &engineRNG))
    let theta = shown.oraclePreference
    var page = Table(columns: [
        .init("position", precision: 0), .init("item"), .init("price", precision: 2), .init("sales", precision: 2),
        .init("rating", precision: 2), .init("match θ·x", precision: 2), .init("P(click)", precision: 3),
        .init("clicked"),
    ])
    for (k, item) in shown.lastPage.enumerated() {
        let x = catalogue.features(ofItem: item)
        let match = zip(theta, x).reduce(0) { $0 + $1.0 * $1.1 }
        page.row(
            k + 1, "#\(item)", x[ItemFeature.price.rawValue], x[ItemFeature.salesVolume.rawValue],
            x[ItemFeature.rating.rawValue], match, response.clickProbability(match: match, position: k, page: 1),
            shown.lastClicked[k] ? "click" : "")
    }
    let decision: String =
        switch shown.lastDecision {
        case .buy: "bought one of them (the session ends)"
        case .leave: "left Taobao"
        case .turnPage: "turned to the next page"
        }
    pageSummary[engine.name] = result.info.clicks
    let query = CustomerAttribute.queryCategory.labels[shown.category]
    notebook.table(
        page,
        caption: "\(engine.name) engine, page 1 for customer 1 (searching \(query)): \(result.info.clicks) "
            + "click\(result.info.clicks == 1 ? "" : "s"), then the customer \(decision)")
}

// MARK: - 4. The engines over many customers

notebook.heading("4. The engines over \(customers.formatted()) customers")
notebook.text(
    """
    One session per customer, every engine on the same customers with the same luck (seed \(seed)). \
    **CTR is pooled**: total clicks / (10 × total pages) over all sessions, as the published \
    examples compute it. The mean of each session's own CTR is a different number (it weighs a \
    one-page session as much as a fifteen-page one), shown beside it under its own name. R2P is \
    pages with a purchase / pages.
    """)

/// One customer's session: who they were and what happened on each page.
struct Session {
    var attributes: [Int]
    /// Clicks on each page shown.
    var clicks: [Int]
    var purchase: Bool
    /// Ended by the page cap rather than by the customer.
    var truncated: Bool
    var pages: Int { clicks.count }
}

/// Runs one session per customer in `environment` (TaobaoWorld or VirtualTB-v0) with `act`
/// choosing every page. Customer j and its luck come from `seed` and j alone, and the engine's own
/// random numbers from a separate stream, exactly as `TaobaoWorld.evaluate` does — so in
/// TaobaoWorld the pooled metrics are the same as its.
func runSessions<E: Environment>(
    in environment: E, customers: Int, seed: UInt64,
    act: (_ observation: [Double], _ environment: E, _ rng: inout RNG) -> [Double]
) -> (sessions: [Session], metrics: EngineMetrics) {
    var env = environment
    var seeds = RNG(seed: seed)
    var metrics = EngineMetrics()
    var sessions: [Session] = []
    for _ in 0..<customers {
        let customerSeed = seeds.next()
        var engineRNG = RNG(seed: seeds.next())
        var observation = env.reset(seed: customerSeed)
        let attributes = TaobaoLayout.attributes(ofOneHot: observation)
        var session = Session(attributes: attributes, clicks: [], purchase: false, truncated: false)
        while true {
            let result = env.step(act(observation, env, &engineRNG))
            metrics.record(result)
            session.clicks.append(result.info.clicks)
            if result.done {
                session.purchase = result.info.purchase
                session.truncated = result.truncated
                break
            }
            observation = result.observation
        }
        sessions.append(session)
    }
    return (sessions, metrics)
}

var sessionsBy: [String: [Session]] = [:]
var metricsBy: [String: EngineMetrics] = [:]
let progress = ProgressLine("evaluating", total: engines.count, unit: "engines")
for (e, engine) in engines.enumerated() {
    let run = runSessions(in: world, customers: customers, seed: seed) {
        engine.action(observation: $0, world: $1, rng: &$2)
    }
    let library = world.evaluate(engine, customers: customers, seed: seed)
    precondition(
        run.metrics == library, "the chapter's loop and TaobaoWorld.evaluate disagree for \(engine.name)")
    sessionsBy[engine.name] = run.sessions
    metricsBy[engine.name] = run.metrics
    progress.update(step: e + 1, ("CTR", run.metrics.ctr))
}
progress.finish()

/// The mean over sessions of each session's own CTR, clicks / (10 × its pages).
func meanSessionCTR(_ sessions: [Session]) -> Double {
    sessions.reduce(0) { $0 + Double($1.clicks.reduce(0, +)) / Double(10 * $1.pages) } / Double(sessions.count)
}
let random = metricsBy["random"]!, oracle = metricsBy["oracle"]!, popularity = metricsBy["popularity"]!
var results = Table(columns: [
    .init("engine"), .init("CTR (pooled)"), .init("mean session CTR"), .init("R2P"),
    .init("pages / session", precision: 2), .init("clicks / session", precision: 2), .init("score (CTR)", precision: 2),
])
for engine in engines {
    let m = metricsBy[engine.name]!
    results.row(
        engine.name, m.ctr, meanSessionCTR(sessionsBy[engine.name]!), m.r2p, m.meanSessionLength,
        Double(m.clicks) / Double(m.sessions),
        EngineMetrics.normalisedScore(m.ctr, random: random.ctr, oracle: oracle.ctr))
}
notebook.table(results, caption: "Three engines on the same \(customers.formatted()) customers (seed \(seed))")
let popularityScore = EngineMetrics.normalisedScore(popularity.ctr, random: random.ctr, oracle: oracle.ctr)
let popularityR2PScore = EngineMetrics.normalisedScore(popularity.r2p, random: random.r2p, oracle: oracle.r2p)
notebook.text(
    """
    A raw CTR means little on its own, so the course reports every engine between two references \
    measured on the same customers, the **normalised score**

        score = (policy − random) / (oracle − random)

    which is 0 for the random engine and 1 for the oracle. Ranking by popularity scores \
    \(String(format: "%.2f", popularityScore)) on CTR and \(String(format: "%.2f", popularityR2PScore)) \
    on R2P: sales volume is a fair guess at what everyone likes, but it knows nothing of this \
    customer. The learners of chapters 3–6 read the 91 observed numbers only; closing the gap to \
    the oracle means guessing θ from the attributes.
    """)
var endings = Table(columns: [
    .init("engine"), .init("left (%)", precision: 1), .init("bought (%)", precision: 1),
    .init("reached \(world.maxPages) pages (%)", precision: 1),
])
for engine in engines {
    let s = sessionsBy[engine.name]!
    let n = Double(s.count)
    let bought = Double(s.filter(\.purchase).count), capped = Double(s.filter(\.truncated).count)
    endings.row(engine.name, 100 * (n - bought - capped) / n, 100 * bought / n, 100 * capped / n)
}
notebook.table(endings, caption: "How the sessions ended (left or bought: terminated; page cap: truncated)")

let maxPages = world.maxPages
var lengths = BarPlot(
    title: "Session length (\(customers.formatted()) customers, same customers for every engine)",
    xLabel: "pages in the session (\(maxPages) = the page cap)", yLabel: "share of sessions",
    categories: (1...maxPages).map(String.init))
for engine in engines {
    let s = sessionsBy[engine.name]!
    lengths.bars(
        name: engine.name,
        values: (1...maxPages).map { n in Double(s.filter { $0.pages == n }.count) / Double(s.count) })
}
notebook.figure(lengths, name: "session-length", caption: "How many pages a session lasts, by engine")

let customerCategory = CustomerAttribute.customerCategory
var byCategory = BarPlot(
    title: "CTR by customer category (pooled within each category)", xLabel: "customer category",
    yLabel: "CTR = clicks / (10 × pages)", categories: customerCategory.labels)
var categoryTable = Table(
    columns: [.init("customer category"), .init("customers", precision: 0)] + engines.map { .init("CTR \($0.name)") })
var categoryCTR: [String: [Double]] = [:]
for engine in engines {
    let s = sessionsBy[engine.name]!
    categoryCTR[engine.name] = customerCategory.labels.indices.map { c in
        let group = s.filter { $0.attributes[customerCategory.group] == c }
        let pages = group.reduce(0) { $0 + $1.pages }
        return pages == 0 ? 0 : Double(group.reduce(0) { $0 + $1.clicks.reduce(0, +) }) / Double(10 * pages)
    }
    byCategory.bars(name: engine.name, values: categoryCTR[engine.name]!)
}
for (c, label) in customerCategory.labels.enumerated() {
    let count = sessionsBy["random"]!.filter { $0.attributes[customerCategory.group] == c }.count
    categoryTable.row([label, count] + engines.map { categoryCTR[$0.name]![c] })
}
notebook.table(categoryTable, caption: "CTR by customer category")
notebook.figure(byCategory, name: "ctr-by-customer-category", caption: "CTR by customer category and engine")

notebook.text(
    """
    Who are the customers? The marginals of the four attributes that the Virtual-Taobao paper's \
    Table 1 compares (history turnover, purchase power, query category, customer category), over \
    \(marginalSample.formatted()) customers drawn from Pᶜ. Chapter 7 learns to generate customers \
    and is judged on exactly these. Note the rare values (level 7 turnover, some query categories): \
    a generator has to find them.
    """)
var marginalRNG = RNG(seed: seed ^ 0xA77)
let population = (0..<marginalSample).map { _ in world.truth.population.sample(rng: &marginalRNG).attributes }
for attribute in CustomerAttribute.tableOne {
    let counts = (0..<TaobaoLayout.groupSizes[attribute.group]).map { v in
        Double(population.filter { $0[attribute.group] == v }.count) / Double(marginalSample)
    }
    // 18 query categories do not fit as words under the bars: number them and list the names.
    let isQuery = attribute.group == CustomerAttribute.queryCategory.group
    var plot = BarPlot(
        title: "Marginal of \(attribute.name) (\(marginalSample.formatted()) customers)",
        xLabel: isQuery ? "query category (numbered as listed below the figure)" : attribute.name,
        yLabel: "share of customers",
        categories: isQuery ? attribute.labels.indices.map(String.init) : attribute.labels)
    plot.bars(name: "customers from Pᶜ", values: counts)
    let name = "marginal-" + attribute.name.replacingOccurrences(of: " ", with: "-")
    notebook.figure(plot, name: name, caption: "Marginal of \(attribute.name)")
    if isQuery {
        notebook.text(
            "Query categories: "
                + attribute.labels.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: ", ") + ".")
    }
}

// MARK: - 5. A real MDP: today's page changes tomorrow

notebook.heading("5. A real MDP: today's page changes tomorrow")
notebook.text(
    """
    If a page decided only its own clicks, ranking would be a contextual bandit: rank each page for \
    its own clicks and never look ahead. In TaobaoWorld a page also moves the customer to a \
    different next state. Clicks make leaving less likely (P(leave) = σ(−0.9 + 0.1(n − 1) − \
    0.6·clicks): 29 % after an empty first page, 6 % after three clicks); a purchase ends the \
    session; and the items shown are used up. The experiment: on the same customers with the same \
    luck, show a good first page (the oracle's), a random one, or a poor one (the oracle's weights \
    negated: the customer's worst items first); from page 2 on, the oracle ranks for everyone. \
    Whatever differs after page 1 is the first page's doing.
    """)
let firstPages: [(name: String, act: (TaobaoWorld, inout RNG) -> [Double])] = [
    ("good (oracle)", { world, _ in world.oracleAction() }),
    ("random", { world, rng in (0..<TaobaoLayout.actionSize).map { _ in rng.normal(std: Engine.historicalSigma) } }),
    ("poor (oracle negated)", { world, _ in world.oracleAction().map { -$0 } }),
]
var longTerm = Table(columns: [
    .init("first page"), .init("clicks on page 1", precision: 2), .init("bought on page 1 (%)", precision: 1),
    .init("left after page 1 (%)", precision: 1), .init("pages / session", precision: 2),
    .init("clicks on pages 2+", precision: 2),
    .init("clicks / session", precision: 2),
])
let afterFirstOutcomes = ["turned the page", "left", "bought"]
var afterFirst = BarPlot(
    title: "What the customer did after page 1, by first page (\(customers.formatted()) customers)",
    xLabel: "the customer's action after page 1", yLabel: "share of customers", categories: afterFirstOutcomes)
var longTermMetrics: [String: (firstClicks: Double, bought: Double, left: Double, laterClicks: Double, total: Double)] =
    [:]
for first in firstPages {
    let run = runSessions(in: world, customers: customers, seed: seed) { _, world, rng in
        world.pagesShown == 0 ? first.act(world, &rng) : world.oracleAction()
    }
    let s = run.sessions
    let n = Double(s.count)
    let firstClicks = Double(s.reduce(0) { $0 + $1.clicks[0] }) / n
    let bought = Double(s.filter { $0.pages == 1 && $0.purchase }.count) / n
    let left = Double(s.filter { $0.pages == 1 && !$0.purchase && !$0.truncated }.count) / n
    let laterClicks = Double(s.reduce(0) { $0 + $1.clicks.dropFirst().reduce(0, +) }) / n
    longTerm.row(
        first.name, firstClicks, 100 * bought, 100 * left, run.metrics.meanSessionLength, laterClicks,
        run.metrics.meanReturn)
    longTermMetrics[first.name] = (firstClicks, bought, left, laterClicks, run.metrics.meanReturn)
    afterFirst.bars(name: first.name, values: [1 - left - bought, left, bought])
}
notebook.table(
    longTerm, caption: "The first page's effect on the rest of the session (\(customers.formatted()) customers)")
notebook.figure(
    afterFirst, name: "after-first-page",
    caption: "The transition after page 1: left, bought (both end the session) or turned the page, by first page")
let good = longTermMetrics["good (oracle)"]!, poor = longTermMetrics["poor (oracle negated)"]!
notebook.text(
    """
    The action changed the next state. A poor first page sends \(percent(poor.left)) of the \
    customers away at once, a good one \(percent(good.left)); the good one also sells to \
    \(percent(good.bought)) on the spot, which ends their session too (the paper's goal). And it \
    changed what comes later in a way a per-page view would not guess: the later pages, ranked by \
    the same oracle for everyone, earn \(String(format: "%.2f", poor.laterClicks)) clicks per \
    customer after a poor start but \(String(format: "%.2f", good.laterClicks)) after a good one — \
    after the poor start nobody has bought yet, and each customer's ten best items are still \
    unshown. Over the whole session the good first page wins by \
    \(String(format: "%.2f", good.total - poor.total)) clicks, not by the \
    \(String(format: "%.2f", good.firstClicks - poor.firstClicks)) it won on page 1. The value of an \
    action is not its reward: Q(s, a) = r(s, a) + γ·E[V(s′)], and that is what the learners of \
    chapters 3–6 estimate.
    """)

// MARK: - 6. The published VirtualTB-v0

notebook.heading("6. The published VirtualTB-v0")
notebook.text(
    """
    The seeds ran their engines in VirtualTB-v0, the simulator published with the paper (three \
    networks learned from Taobao's logs). It has the same observation (88 + 3) and action (27) \
    shapes, but a different MDP. A customer's leave page L is drawn from the customer's features \
    alone when the session starts, and the click model reads (customer, page count, action) — not \
    the previous page. So no action ever changes the future: it is a contextual bandit, and the \
    best engine for it ranks each page for that page's clicks alone. Its 27 action features are \
    unnamed and its actions are not clipped, so the norm of an action matters there.
    """)
var virtualTBMetrics: [String: EngineMetrics] = [:]
var virtualTBSearchCTR: [Double] = []  // best of 1, 16, 256, 1,024 random actions per page
if let virtualTBModels {
    let simulator = VirtualTB(models: virtualTBModels, seed: seed)
    /// The per-page search over the click model (`VirtualTBModels.searchedAction`): of 16 actions
    /// drawn from U[−1, 1]²⁷, the one with the most (or, with `worst`, the fewest) expected clicks.
    func searched(_ observation: [Double], rng: inout RNG, candidates: Int = 16, worst: Bool = false) -> [Double] {
        virtualTBModels.searchedAction(observation: observation, candidates: candidates, worst: worst, rng: &rng)
    }
    func uniformAction(_ rng: inout RNG) -> [Double] {
        (0..<VirtualTBModels.actionSize).map { _ in rng.uniform(-1, 1) }
    }
    let virtualTBEngines: [(name: String, act: ([Double], inout RNG) -> [Double])] = [
        ("random U[−1, 1]²⁷", { _, rng in uniformAction(&rng) }),
        (
            "random N(0, 0.1²)",
            { _, rng in (0..<VirtualTBModels.actionSize).map { _ in rng.normal(std: Engine.historicalSigma) } }
        ),
        ("per-page search (best of 16)", { observation, rng in searched(observation, rng: &rng) }),
    ]
    var virtualTBTable = Table(columns: [
        .init("engine"), .init("CTR (pooled)"), .init("mean session CTR"), .init("pages / session", precision: 2),
        .init("clicks / session", precision: 2),
    ])
    for engine in virtualTBEngines {
        let run = runSessions(in: simulator, customers: customers, seed: seed) { engine.act($0, &$2) }
        virtualTBMetrics[engine.name] = run.metrics
        virtualTBTable.row(
            engine.name, run.metrics.ctr, meanSessionCTR(run.sessions), run.metrics.meanSessionLength,
            run.metrics.meanReturn)
    }
    notebook.table(
        virtualTBTable,
        caption:
            "VirtualTB-v0 (loaded from \(options.virtualTB.directory!)), \(customers.formatted()) customers, seed \(seed)"
    )
    let uniformCTR = virtualTBMetrics["random U[−1, 1]²⁷"]!.ctr

    // How far can a page be pushed? The best of K random actions by the click model, for growing K.
    let searchSessions = min(customers, 300)
    var searchTable = Table(columns: [
        .init("K (random actions per page)", precision: 0), .init("CTR (pooled)"), .init("mean session CTR"),
    ])
    for k in [1, 16, 256, 1_024] {
        let run = runSessions(in: simulator, customers: searchSessions, seed: seed) { observation, _, rng in
            searched(observation, rng: &rng, candidates: k)
        }
        virtualTBSearchCTR.append(run.metrics.ctr)
        searchTable.row(k, run.metrics.ctr, meanSessionCTR(run.sessions))
    }
    notebook.table(
        searchTable,
        caption: "VirtualTB-v0: the best of K random actions per page by the click model, \(searchSessions) customers")
    notebook.text(
        """
        With 16 candidates the search reaches CTR \(f3(virtualTBSearchCTR[1])); with 1,024 it reaches \
        \(f3(virtualTBSearchCTR[3])). The click model's logits are huge (|x| ≈ 1e5), so its heads are nearly \
        one-hot and the actions that click a lot are a small region of the action space: a few \
        random tries miss it, many find it. A CTR near 1 in VirtualTB-v0 is therefore within reach \
        of an optimiser that searches the action space hard enough — chapter 6's DDPG finds it — \
        which says more about the learned simulator than about customers (chapter 9's ANC).
        """)
    notebook.text(
        """
        The random engine of the published examples (`action_space.sample()`, uniform in [−1, 1]²⁷) \
        has CTR \(f3(uniformCTR)) here, against \(f3(random.ctr)) for TaobaoWorld's random engine: \
        the two worlds' numbers are not comparable, only each engine's place between its world's \
        references. There is no popularity engine in VirtualTB-v0 (its 27 features are unnamed, so \
        "weight 1 on sales volume" means nothing) and no oracle (its customers are networks with no \
        hidden taste to read); the closest to an oracle is the per-page search, which reads the \
        simulator's own click model. Unlike TaobaoWorld, the scale of the action changes the clicks \
        (the two random engines differ): the networks read the raw weights, and a learner can \
        exploit them where they were never trained — what ANC guards against (chapter 9).
        """)

    notebook.text(
        """
        Section 5's experiment in VirtualTB-v0: the first page is the best or the worst of 16 random \
        actions by the click model; from page 2 on, the same random engine (U[−1, 1]²⁷, from a \
        stream the first page does not touch) ranks for everyone.
        """)
    var bandit = Table(columns: [
        .init("first page"), .init("clicks on page 1", precision: 2), .init("left after page 1 (%)", precision: 1),
        .init("pages / session", precision: 2), .init("clicks on pages 2+", precision: 2),
    ])
    var banditSessions: [[Session]] = []
    for (name, worst) in [("good (best of 16)", false), ("poor (worst of 16)", true)] {
        var searchRNG = RNG(seed: seed ^ 0xF125)
        let run = runSessions(in: simulator, customers: customers, seed: seed) { observation, _, rng in
            observation[90] == 0 ? searched(observation, rng: &searchRNG, worst: worst) : uniformAction(&rng)
        }
        let s = run.sessions
        let n = Double(s.count)
        bandit.row(
            name, Double(s.reduce(0) { $0 + $1.clicks[0] }) / n, 100 * Double(s.filter { $0.pages == 1 }.count) / n,
            run.metrics.meanSessionLength, Double(s.reduce(0) { $0 + $1.clicks.dropFirst().reduce(0, +) }) / n)
        banditSessions.append(s)
    }
    notebook.table(bandit, caption: "The first page's effect on the rest of the session in VirtualTB-v0")
    let changed = zip(banditSessions[0], banditSessions[1]).filter { $0.clicks.dropFirst() != $1.clicks.dropFirst() }
    notebook.text(
        """
        Session by session, the pages after the first are the same after a good and after a poor \
        first page for \((customers - changed.count).formatted()) of the \(customers.formatted()) \
        customers (same length, same clicks on every later page). The first page changed its own \
        clicks and nothing else: in VirtualTB-v0 a page has no future, so "long-term value" is just \
        the sum of per-page values, and a learner loses nothing by treating each page alone (as the \
        report's experiments did: "our experiments are based on one page items", §5). In TaobaoWorld \
        (section 5) it would.
        """)
} else {
    notebook.text(
        """
        Its weights are not part of this package. With a folder of them (converted by \
        `Scripts/export_virtualtb.py`), `swift run ch01-mdp --virtualtb DIR` measures its engines \
        here and repeats section 5's experiment in it: the pages after the first come out the same \
        whatever the first page was. (The original code's random engine has CTR ≈ 0.02 there.)
        """)
}

// MARK: - 7. Your exercises

notebook.heading("7. Your exercises")
notebook.text(
    """
    Exercises/ch01-mdp holds three stubs: decode a one-hot customer, the pooled CTR of a session \
    log, and the normalised score. Fill them in, then run `swift test --filter "Chapter 1"`. Here \
    is what your code does right now on this run's data:
    """)
var yours = Table(columns: [.init("exercise"), .init("status")])
yours.row(
    "1.1 decode a customer",
    exerciseStatus {
        var env = world
        var seeds = RNG(seed: seed)
        for _ in 0..<50 {
            let observation = env.reset(seed: seeds.next())
            guard try decodeCustomer(Array(observation.prefix(TaobaoLayout.staticSize))) == env.attributes else {
                return false
            }
        }
        return try decodeCustomer([Double](repeating: 0, count: TaobaoLayout.staticSize)) == nil
    })
yours.row(
    "1.2 pooled CTR",
    exerciseStatus {
        guard let ctr = try pooledCTR(sessionsBy["random"]!.map(\.clicks)) else { return false }
        return abs(ctr - random.ctr) < 1e-12
    })
yours.row(
    "1.3 normalised score",
    exerciseStatus {
        guard let score = try normalisedScore(policy: popularity.ctr, random: random.ctr, oracle: oracle.ctr) else {
            return false
        }
        return abs(score - popularityScore) < 1e-12
    })
notebook.table(yours)

// MARK: - Results

var metrics = Metrics()
metrics["seed"] = .number(Double(seed))
metrics["customers"] = .number(Double(customers))
for engine in engines {
    let m = metricsBy[engine.name]!
    metrics["ctr_\(engine.name)"] = .number(m.ctr)
    metrics["mean_session_ctr_\(engine.name)"] = .number(meanSessionCTR(sessionsBy[engine.name]!))
    metrics["r2p_\(engine.name)"] = .number(m.r2p)
    metrics["pages_per_session_\(engine.name)"] = .number(m.meanSessionLength)
}
metrics["normalised_score_ctr_popularity"] = .number(popularityScore)
metrics["normalised_score_r2p_popularity"] = .number(popularityR2PScore)
metrics["left_after_good_first_page"] = .number(good.left)
metrics["left_after_poor_first_page"] = .number(poor.left)
metrics["later_clicks_after_good_first_page"] = .number(good.laterClicks)
metrics["later_clicks_after_poor_first_page"] = .number(poor.laterClicks)
metrics["clicks_per_session_good_first_page"] = .number(good.total)
metrics["clicks_per_session_poor_first_page"] = .number(poor.total)
for (name, m) in virtualTBMetrics {
    let key = name.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " }.split(separator: " ").joined(
        separator: "_")
    metrics["virtualtb_ctr_\(key)"] = .number(m.ctr)
    metrics["virtualtb_pages_per_session_\(key)"] = .number(m.meanSessionLength)
}
if !virtualTBSearchCTR.isEmpty { metrics["virtualtb_search_ctr_k_1_16_256_1024"] = .numbers(virtualTBSearchCTR) }
notebook.finish(metrics: metrics)
