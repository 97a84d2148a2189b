// Chapter 10 — the capstone: an engine trained by RL only inside a Virtual Taobao learned from the
// log, against the supervised engines SL1 and SL2 (the paper's eqs. 4–5) fitted to the same log,
// in an "online A/B test" on TaobaoWorld — and the offline estimates one could have made instead.
//
// Run:  swift run ch10-ab-test            (≈ 1 min in the debug build)
//       swift run ch10-ab-test --quick    (seconds, for CI)
//       swift run ch10-ab-test --simulator results/ch08-mail/virtual-taobao-mail.params
//       swift run ch10-ab-test --help     (flags: log size, epochs, TRPO iterations, customers, κ, …)
//
// It reads top to bottom like a notebook: (1) the log; (2) SL1 and SL2 from it; (3) the Virtual
// Taobao and RL (TRPO-ANC) in it; (4) the references; (5) the A/B test, two designs; (6) Figures
// 7–8, improvement as customers accumulate; (7) how many customers a test needs; (8) offline
// evaluation beside the A/B truth; (9) your exercises.
import ArgumentParser
import Foundation
import RecRL

let options = Options.parseOrExit()
let budget = options.chapter.budget
let seed = options.chapter.seed
let sessions = options.sessions ?? (budget == .quick ? 2_000 : budget == .full ? 50_000 : 20_000)
let mailIterations = options.mailIterations ?? (budget == .quick ? 3 : budget == .full ? 200 : 100)
let epochs = options.epochs ?? (budget == .quick ? 20 : budget == .full ? 100 : 50)
let trpoIterations = options.trpoIterations ?? (budget == .quick ? 1 : budget == .full ? 50 : 20)
let ppoSteps = options.ppoSteps ?? (budget == .quick ? 2_048 : budget == .full ? 204_800 : 40_960)
let customers = options.customers ?? (budget == .quick ? 400 : budget == .full ? 50_000 : 20_000)
let resamples = options.resamples ?? (budget == .quick ? 200 : 1_000)
let notebook = options.chapter.notebook(
    chapter: "ch10-ab-test", title: "Chapter 10 — RL in Virtual Taobao against supervised engines: the A/B test")
let started = ProgressLine.monotonicSeconds()
var metrics = Metrics()
let f3 = { (x: Double) in String(format: "%.3f", x) }
let f4 = { (x: Double) in String(format: "%.4f", x) }
let pct = { (x: Double) in String(format: "%+.2f %%", 100 * x) }
let ci = { (i: Interval) in String(format: "%+.1f %% [%+.1f, %+.1f]", 100 * i.estimate, 100 * i.low, 100 * i.high) }
@MainActor func seconds(_ key: String, since t: Double) {
    notebook.timings[key] = .number(ProgressLine.monotonicSeconds() - t)
}

// MARK: - 1. The log

notebook.heading("1. The historical log")
let world = TaobaoWorld()
let log = HistoricalLog.generate(world: world, sessions: sessions, seed: seed)
let pages = SupervisedEngines.Pages(log: log)
let boughtPages = pages.purchased.filter { $0 }.count
notebook.text(
    """
    One day of the historical engine (random weights, σ = \(Engine.historicalSigma)) on TaobaoWorld: \
    \(sessions) sessions, \(pages.count) pages, \(boughtPages) of them with a purchase (S₁) and \
    \(pages.count - boughtPages) without (S₀). Everything below is learned from this log alone, as \
    the paper's engines were learned from Taobao's; TaobaoWorld itself then plays the real platform \
    of the A/B test.
    """)
metrics["log_pages"] = .number(Double(pages.count))
metrics["log_purchase_pages"] = .number(Double(boughtPages))
metrics["log_r2p"] = .number(log.metrics().r2p)

// MARK: - 2. SL1 and SL2

notebook.heading("2. The supervised engines SL1 (eq. 4) and SL2 (eq. 5)")
notebook.text(
    """
    **SL1** regresses the action on the state over the purchase pages: min (1/|S₁|) Σ_{S₁} |π(s) − a|². \
    **SL2** adds − (λ₁/|S₂|) Σ_{S₂} |π(s) − a|² + (λ₂/|S|) Σ_S |π(s)|² with λ₁ = 0.3, λ₂ = 0.001; the \
    paper never defines S₂, and we read it as S₀, the pages without a purchase (the "wrong ones" of its \
    text). Both are an MLP 91 → 64 → 27 (tanh) trained with Adam for \(epochs) epochs over S₁, 32 rows of S₁ a step (SL2: \
    beside 96 rows of S₀). Neither knows that a session goes on after the page.
    """)
var slConfig = SupervisedEngines.Config()
slConfig.epochs = epochs
slConfig.seed = seed &+ 21
var slTable = Table(columns: [
    .init("engine"), .init("first-epoch loss", precision: 5), .init("last-epoch loss", precision: 5),
    .init("mean |π(s)| on the log", precision: 4), .init("seconds", precision: 1, isTiming: true),
])
var slEngines: [Engine] = []
for kind in SupervisedEngines.Kind.allCases {
    let t = ProgressLine.monotonicSeconds()
    let trained = notebook.stopIfFails(metrics: metrics) {
        try SupervisedEngines.train(kind, pages: pages, config: slConfig)
    }
    let engine = trained.engine
    var norm = 0.0
    let probe = min(pages.count, 2_000)
    for r in 0..<probe {
        let o = Array(pages.observations[(r * 91)..<((r + 1) * 91)])
        var rng = RNG(seed: 0)
        norm += engine.action(observation: o, world: world, rng: &rng).reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
    norm /= Double(probe)
    slTable.row(
        kind.rawValue, trained.epochLosses.first!, trained.epochLosses.last!, norm, ProgressLine.monotonicSeconds() - t)
    metrics["\(kind.rawValue.lowercased())_action_norm"] = .number(norm)
    seconds("\(kind.rawValue.lowercased())_seconds", since: t)
    slEngines.append(engine)
}
notebook.table(slTable, caption: "The supervised engines on the log")
let sl1 = slEngines[0]
let sl2 = slEngines[1]

// MARK: - 3. Virtual Taobao and RL in it

notebook.heading("3. RL + Virtual Taobao: TRPO-ANC trained only in the learned simulator")
let mail: VirtualTaobao
let bc: VirtualTaobao?
var simulatorNote: String
let tSim = ProgressLine.monotonicSeconds()
if let path = options.simulator {
    do {
        mail = try VirtualTaobao.load(from: path)
        let bcPath = path.replacingOccurrences(of: "-mail.params", with: "-bc.params")
        bc =
            bcPath != path && FileManager.default.fileExists(atPath: bcPath)
            ? try VirtualTaobao.load(from: bcPath) : nil
        simulatorNote =
            "chapter 8's MAIL simulator from `\(path)`\(bc == nil ? "" : " (and its behaviour clone beside it)")"
    } catch {
        ChapterExit.fail("--simulator: \(error)")
    }
} else {
    var recipe = LearnedSimulators.Recipe()
    recipe.cloning.epochs = budget == .quick ? 1 : 5
    recipe.cloning.seed = seed
    recipe.mail.seed = seed &+ 11
    recipe.mailIterations = mailIterations
    recipe.discriminatorPretraining = budget == .quick ? 5 : 30
    let progress = ProgressLine("MAIL", total: mailIterations, unit: "iterations")
    let built = notebook.stopIfFails(metrics: metrics) {
        try LearnedSimulators.build(log: log, customers: .logged(LoggedCustomers(log: log)), recipe: recipe) { l in
            progress.update(step: l.iteration, ("D accuracy", l.discriminatorAccuracy), ("CTR", l.ctr))
        }
    }
    progress.finish()
    mail = built.mail
    bc = built.behaviourCloning
    simulatorNote =
        "built here from this log (behaviour cloning \(recipe.cloning.epochs) epochs, MAIL \(mailIterations) "
        + "iterations, the log's own customers — smaller than chapter 8's; pass its simulator with --simulator)"
}
seconds("simulator_seconds", since: tSim)
notebook.text(
    """
    The simulator: \(simulatorNote). RL is TRPO with the action norm constraint (ρ = \(options.anc.rho), \
    μ = \(options.anc.mu), eq. 3), \(trpoIterations) iterations of 2,048 simulated pages, reward 1 for a \
    purchase, γ = 0.9 — not one real session.
    """)
let tRL = ProgressLine.monotonicSeconds()
let rlPolicy = notebook.stopIfFails(metrics: metrics) {
    try TrainedEngines.trpoWithANC(
        in: mail, iterations: trpoIterations, rho: options.anc.rho, mu: options.anc.mu, seed: seed &+ 31)
}
seconds("rl_seconds", since: tRL)
let rl = Engine(name: "RL (TRPO-ANC in VTaobao)", policy: { rlPolicy.meanAction($0) })

// MARK: - 4. References

notebook.heading("4. References: random, the attribute oracle, and PPO trained in the world itself")
let tPPO = ProgressLine.monotonicSeconds()
let (ppoPolicy, ppoSessions) = notebook.stopIfFails(metrics: metrics) {
    try TrainedEngines.ppoInTaobaoWorld(
        world: world, steps: ppoSteps, seed: seed, label: "PPO in TaobaoWorld (a reference)")
}
let ppo = Engine(name: "PPO in TaobaoWorld", policy: { ppoPolicy.meanAction($0) })
seconds("ppo_seconds", since: tPPO)
notebook.text(
    """
    The random engine is the historical one; the attribute oracle ranks by the part of the hidden \
    preference the customer's attributes explain (the ceiling of any engine that sees what a learner \
    sees); PPO was trained in TaobaoWorld for clicks (chapter 5's setting) for \(ppoSteps) pages — \
    **\(ppoSessions) real sessions**, the physical cost the paper's approach avoids.
    """)
metrics["ppo_real_sessions"] = .number(Double(ppoSessions))
let engines = [sl1, sl2, rl, Engine.random(), Engine.attributeOracle(world.truth), ppo]
let paperR2P: [String: Double] = ["SL1": 0.096, "SL2": 0.098, rl.name: 0.101]

// MARK: - 5. The A/B test

notebook.heading("5. The A/B test in TaobaoWorld: buckets and common random numbers")
notebook.text(
    """
    **Buckets** (what a platform does): each engine serves its own stream of \(customers) customers \
    (a different seed per engine), so a difference mixes the engines' effect with which customers \
    happened to arrive; it is the only design possible with real people. **Common random numbers** \
    (possible only in a simulated world): every engine meets the same \(customers) customers with the \
    same luck, so a difference is the engines' alone and a paired test can see smaller ones — but \
    it cannot show how the engines would fare on *other* customers than these. Improvement \
    (R2P_B − R2P_A)/R2P_A with a percentile bootstrap 95 % CI over customers (\(resamples) resamples; \
    paired for CRN), and a paired z test (delta method for the ratio) for CRN.
    """)
let tAB = ProgressLine.monotonicSeconds()
let buckets = engines.enumerated().map { k, e in
    SessionOutcomes.play(world, engine: e, customers: customers, seed: seed &+ 5_000 &+ UInt64(k), world: world)
}
let crn = engines.map {
    SessionOutcomes.play(world, engine: $0, customers: customers, seed: seed &+ 9_000, world: world)
}
seconds("ab_play_seconds", since: tAB)
var abTable = Table(columns: [
    .init("engine"), .init("R2P (paper)"), .init("R2P buckets", precision: 4), .init("CTR buckets", precision: 4),
    .init("R2P CRN", precision: 4), .init("CTR CRN", precision: 4), .init("vs SL1, buckets"), .init("vs SL1, CRN"),
    .init("vs SL2, CRN"), .init("paired p vs SL1"),
])
var abCSV = CSV(header: [
    "engine", "r2p_buckets", "ctr_buckets", "r2p_crn", "ctr_crn", "vs_sl1_buckets", "vs_sl1_buckets_low",
    "vs_sl1_buckets_high", "vs_sl1_crn", "vs_sl1_crn_low", "vs_sl1_crn_high", "vs_sl2_crn", "vs_sl2_crn_low",
    "vs_sl2_crn_high", "paired_p_vs_sl1",
])
for (k, e) in engines.enumerated() {
    let b1 = Bootstrap.improvement(
        of: buckets[k], over: buckets[0], paired: false, resamples: resamples, seed: seed &+ 1)
    let c1 = Bootstrap.improvement(of: crn[k], over: crn[0], paired: true, resamples: resamples, seed: seed &+ 2)
    let c2 = Bootstrap.improvement(of: crn[k], over: crn[1], paired: true, resamples: resamples, seed: seed &+ 3)
    let p = k == 0 ? Double.nan : ABStatistics.pairedTest(crn[k], crn[0]).pValue
    let paper = paperR2P[e.name].map { f3($0) } ?? "—"
    abTable.row(
        e.name, paper, buckets[k].r2p, buckets[k].ctr, crn[k].r2p, crn[k].ctr, k == 0 ? "—" : ci(b1),
        k == 0 ? "—" : ci(c1), k == 1 ? "—" : ci(c2), k == 0 ? "—" : p < 1e-15 ? "< 1e-15" : String(format: "%.2g", p))
    let rates: [Double] = [buckets[k].r2p, buckets[k].ctr, crn[k].r2p, crn[k].ctr]
    let bounds: [Double] = [b1, c1, c2].flatMap { [$0.estimate, $0.low, $0.high] }
    let cells: [String] = [e.name] + (rates + bounds + [p]).map { "\($0)" }
    abCSV.row(cells)
    let key = ["sl1", "sl2", "rl", "random", "attribute_oracle", "ppo"][k]
    metrics["ab_\(key)_r2p_buckets"] = .number(buckets[k].r2p)
    metrics["ab_\(key)_r2p_crn"] = .number(crn[k].r2p)
    metrics["ab_\(key)_ctr_crn"] = .number(crn[k].ctr)
    metrics["ab_\(key)_vs_sl1_crn"] = .numbers([c1.estimate, c1.low, c1.high])
    metrics["ab_\(key)_vs_sl2_crn"] = .numbers([c2.estimate, c2.low, c2.high])
    metrics["ab_\(key)_vs_sl1_buckets"] = .numbers([b1.estimate, b1.low, b1.high])
}
seconds("ab_seconds", since: tAB)
notebook.table(
    abTable,
    caption:
        "The online A/B test: \(customers) customers per engine and design; improvements with bootstrap 95 % CIs; the paper's R2P (Taobao, 24 h) beside"
)
let oracleCRN = SessionOutcomes.play(world, engine: .oracle, customers: customers, seed: seed &+ 9_000, world: world)
var scoreTable = Table(columns: [
    .init("engine"), .init("normalised score (CTR)", precision: 2), .init("normalised score (R2P)", precision: 2),
])
for (k, e) in engines.enumerated() {
    let ctrScore = EngineMetrics.normalisedScore(crn[k].ctr, random: crn[3].ctr, oracle: oracleCRN.ctr)
    let r2pScore = EngineMetrics.normalisedScore(crn[k].r2p, random: crn[3].r2p, oracle: oracleCRN.r2p)
    scoreTable.row(e.name, ctrScore, r2pScore)
    metrics["score_\(["sl1", "sl2", "rl", "random", "attribute_oracle", "ppo"][k])"] = .numbers([ctrScore, r2pScore])
}
notebook.table(
    scoreTable,
    caption:
        "The course's normalised score (engine − random)/(oracle − random) on the CRN customers; the oracle (which reads the hidden taste): CTR \(f4(oracleCRN.ctr)), R2P \(f4(oracleCRN.r2p))"
)
let rlOverSL1 = Bootstrap.improvement(of: crn[2], over: crn[0], paired: true, resamples: resamples, seed: seed &+ 2)
let rlOverSL2 = Bootstrap.improvement(of: crn[2], over: crn[1], paired: true, resamples: resamples, seed: seed &+ 3)
notebook.text(
    """
    RL over SL1 (CRN): \(ci(rlOverSL1)); over SL2: \(ci(rlOverSL2)). The paper: RL's R2P 0.101 against \
    0.096 (SL1, \(pct(0.101 / 0.096 - 1))) and 0.098 (SL2, \(pct(0.101 / 0.098 - 1))).
    """)

// The paper's own measures: what was bought (TV) and for how much (TT), per customer, same customers.
var money = Table(columns: [
    .init("engine"), .init("TT per customer (yuan)", precision: 2), .init("TV per customer (items)", precision: 4),
    .init("TT vs SL1"), .init("TV vs SL1"), .init("TT vs SL2"), .init("TV vs SL2"),
])
for (k, e) in engines.enumerated() {
    /// The improvement with its paired bootstrap 95 % interval ("—" against itself).
    func versus(_ a: [Double], _ b: [Double], _ control: Int, _ salt: UInt64) -> String {
        if k == control { return "—" }
        let i = Bootstrap.pairedImprovement(ofTotals: a, over: b, resamples: resamples, seed: seed &+ salt)
        return String(format: "%+.1f %% [%+.1f, %+.1f]", 100 * i.estimate, 100 * i.low, 100 * i.high)
    }
    money.row(
        e.name, crn[k].turnoverPerCustomer, crn[k].volumePerCustomer,
        versus(crn[k].turnover, crn[0].turnover, 0, 21), versus(crn[k].volume, crn[0].volume, 0, 22),
        versus(crn[k].turnover, crn[1].turnover, 1, 23), versus(crn[k].volume, crn[1].volume, 1, 24))
    metrics["crn_turnover_per_customer_\(k)"] = .number(crn[k].turnoverPerCustomer)
    metrics["crn_volume_per_customer_\(k)"] = .number(crn[k].volumePerCustomer)
}
notebook.table(
    money,
    caption:
        "Total turnover (TT, prices from ItemCatalogue.price(of:), a median of 100 yuan) and volume (TV, items bought) per customer, the same customers for every engine; improvements with paired bootstrap 95 % intervals"
)

// MARK: - 6. Figures 7 and 8

notebook.heading("6. Figures 7–8: RL's improvement over SL1 and SL2 as customers accumulate")
let checkpoints = (1...10).map { max(20, customers * $0 / 10) }
var figure = LinePlot(title: "R2P improvement of RL as customers accumulate (CRN)", xLabel: "customers", yLabel: "%")
for (name, control) in [("over SL1", crn[0]), ("over SL2", crn[1])] {
    let intervals = checkpoints.map { n in
        Bootstrap.improvement(
            of: crn[2].prefix(n), over: control.prefix(n), paired: true, resamples: max(100, resamples / 5),
            seed: seed &+ UInt64(n))
    }
    figure.band(
        name: "RL \(name) (band: bootstrap 95 % CI)", x: checkpoints.map(Double.init),
        mean: intervals.map { 50 * ($0.low + $0.high) }, std: intervals.map { 50 * ($0.high - $0.low) })
}
figure.hline(name: "no difference", y: 0)
notebook.figure(
    figure, name: "figure7-8-improvement",
    caption: "The paper's Figures 7–8 show TT and TV improvement over 24 h; here R2P improvement over customers")

// MARK: - 7. Sample size

notebook.heading("7. How many customers does a test need?")
notebook.text(
    """
    To detect a difference δ in R2P with a two-sided test at α = 0.05 and power 80 %: \
    n = (z₀.₉₇₅ + z₀.₈)² · v / δ², z₀.₉₇₅ = 1.960, z₀.₈ = 0.842, where v is one customer's variance \
    of the linearised difference — Var(z_A) + Var(z_B) per bucket, Var(z_B − z_A) with common random \
    numbers. δ is the difference measured here (CRN).
    """)
var sizeTable = Table(columns: [
    .init("comparison"), .init("δ R2P (CRN)", precision: 4), .init("buckets: customers per engine", precision: 0),
    .init("CRN: customers", precision: 0),
])
for (name, b, a) in [("RL vs SL1", 2, 0), ("RL vs SL2", 2, 1), ("SL2 vs SL1", 1, 0)] {
    let delta = crn[b].r2p - crn[a].r2p
    let vBuckets = ABStatistics.variance(buckets[a].linearised) + ABStatistics.variance(buckets[b].linearised)
    let vCRN = ABStatistics.variance(zip(crn[b].linearised, crn[a].linearised).map { $0 - $1 })
    let nB = ABStatistics.sampleSize(varianceOfOne: vBuckets, delta: delta)
    let nC = ABStatistics.sampleSize(varianceOfOne: vCRN, delta: delta)
    sizeTable.row(name, delta, nB, nC)
    metrics["sample_size_\(name.replacingOccurrences(of: " ", with: "_").lowercased())"] = .numbers([nB, nC])
}
notebook.table(sizeTable, caption: "Customers for 95 % confidence and 80 % power")

// MARK: - 8. Offline evaluation

notebook.heading("8. Offline evaluation beside the A/B truth")
let sigma = Engine.historicalSigma
let kappa = options.ipsShift
notebook.text(
    """
    Could the ranking have been known without the test? Three offline answers. **The simulator**: each \
    engine's R2P in the MAIL (and behaviour-cloning) Virtual Taobao, \(customers) customers. **IPS and \
    SNIPS** on the log: the historical engine's density is known, N(0, σ²I) with σ = \(sigma); a \
    deterministic engine has no density, so we evaluate its **stochastic version** \
    N(κσ·π(s)/|π(s)|, σ²I), κ = \(kappa) (ranking ignores the norm, so the direction carries the \
    engine), with per-page weights w = π̃(a|s)/μ(a|s) and the page's purchase as reward — a contextual \
    bandit reading that ignores how the engine changes later pages. The stochastic version's own R2P \
    in TaobaoWorld (CRN) is the truth IPS aims at; the ESS says how many log pages the estimate is worth. \
    IPS and SNIPS run on a **held-out log** (\(sessions) fresh sessions of the historical engine): on the \
    log SL1 and SL2 were fitted to, their weights are largest exactly on the purchase pages they \
    memorised, and the estimate is biased upward (the column "IPS, training log" shows by how much).
    """)
let heldOut = SupervisedEngines.Pages(
    log: HistoricalLog.generate(world: world, sessions: sessions, seed: seed &+ 77))
let tOff = ProgressLine.monotonicSeconds()
var offTable = Table(columns: [
    .init("engine"), .init("A/B truth R2P (CRN)", precision: 4), .init("MAIL sim R2P", precision: 4),
    .init("BC sim R2P", precision: 4), .init("stochastic version, world R2P", precision: 4),
    .init("IPS, training log", precision: 4), .init("IPS", precision: 4), .init("SNIPS", precision: 4),
    .init("DM", precision: 4), .init("DR", precision: 4), .init("ESS (pages of \(heldOut.count))", precision: 0),
])
/// r̂(s, a) of every page of `pages`, with the action of page r given by `action(r)`: the MAIL
/// simulator's learned probability that the page ends in a purchase (batched, 4,096 pages at once).
func purchaseModel(_ pages: SupervisedEngines.Pages, action: (Int) -> [Double]) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(pages.count)
    for start in stride(from: 0, to: pages.count, by: 4_096) {
        let end = min(start + 4_096, pages.count)
        var features: [Double] = []
        features.reserveCapacity((end - start) * CustomerView.featureSize)
        for r in start..<end {
            let o = pages.observations[(r * 91)..<((r + 1) * 91)]
            CustomerView.append(
                customer: Array(o.prefix(88)), lastClicks: Int(o[o.startIndex + 88]),
                sessionClicks: Int(o[o.startIndex + 89]), pageIndex: Int(o[o.startIndex + 90]), action: action(r),
                to: &features)
        }
        out += mail.customerPolicy.purchaseProbabilities(features: features, rows: end - start)
    }
    return out
}
let modelAtLogged = purchaseModel(heldOut) { Array(heldOut.actions[($0 * 27)..<(($0 + 1) * 27)]) }
/// The logged bandit of `engine`'s stochastic version on `pages`.
func bandit(_ engine: Engine, on pages: SupervisedEngines.Pages, kappa: Double, sigma: Double, logSigma: Double)
    -> LoggedBandit
{
    var logWeights: [Double] = []
    var rewards: [Double] = []
    logWeights.reserveCapacity(pages.count)
    var rng = RNG(seed: 0)
    let zero = [Double](repeating: 0, count: 27)
    let world = TaobaoWorld()
    for r in 0..<pages.count {
        let o = Array(pages.observations[(r * 91)..<((r + 1) * 91)])
        let a = Array(pages.actions[(r * 27)..<((r + 1) * 27)])
        let m = stochasticMean(engine.action(observation: o, world: world, rng: &rng), shift: kappa, sigma: sigma)
        logWeights.append(
            gaussianLogDensity(a, mean: m, sigma: sigma) - gaussianLogDensity(a, mean: zero, sigma: logSigma))
        rewards.append(pages.purchased[r] ? 1 : 0)
    }
    return LoggedBandit(logWeights: logWeights, rewards: rewards)
}
var truthR2P: [Double] = []
var mailR2P: [Double] = []
var bcR2P: [Double] = []
var stochasticR2P: [Double] = []
var ipsR2P: [Double] = []
var snipsR2P: [Double] = []
var essPages: [Double] = []
var dmR2P: [Double] = []
var drR2P: [Double] = []
let offEngines = Array(engines.enumerated())
for (k, e) in offEngines {
    let sim = SessionOutcomes.play(mail, engine: e, customers: customers, seed: seed &+ 11_000, world: world).r2p
    let simBC = bc.map {
        SessionOutcomes.play($0, engine: e, customers: customers, seed: seed &+ 11_000, world: world).r2p
    }
    let stochastic = Engine(name: e.name + " (stochastic)") { [world] observation, rng in
        let m = stochasticMean(e.action(observation: observation, world: world, rng: &rng), shift: kappa, sigma: sigma)
        return m.map { $0 + rng.normal(std: sigma) }
    }
    let stochasticTruth = SessionOutcomes.play(
        world, engine: stochastic, customers: customers, seed: seed &+ 9_000, world: world
    ).r2p
    let inSample = bandit(e, on: pages, kappa: kappa, sigma: sigma, logSigma: log.sigma)
    let held = bandit(e, on: heldOut, kappa: kappa, sigma: sigma, logSigma: log.sigma)
    // r̂(s, π) at the stochastic version's mean action (a plug-in for E_{a∼π} r̂(s, a)).
    var modelRNG = RNG(seed: 0)
    let modelAtTarget = purchaseModel(heldOut) { r in
        stochasticMean(
            e.action(observation: Array(heldOut.observations[(r * 91)..<((r + 1) * 91)]), world: world, rng: &modelRNG),
            shift: kappa, sigma: sigma)
    }
    let direct = modelAtTarget.reduce(0, +) / Double(max(modelAtTarget.count, 1))
    let dr = held.doublyRobust(modelAtTarget: modelAtTarget, modelAtLogged: modelAtLogged)
    offTable.row(
        e.name, crn[k].r2p, sim, simBC.map { $0 as any TableCellConvertible } ?? "—", stochasticTruth, inSample.ips,
        held.ips, held.snips, direct, dr, held.effectiveSampleSize)
    dmR2P.append(direct)
    drR2P.append(dr)
    truthR2P.append(crn[k].r2p)
    mailR2P.append(sim)
    bcR2P.append(simBC ?? .nan)
    stochasticR2P.append(stochasticTruth)
    ipsR2P.append(held.ips)
    snipsR2P.append(held.snips)
    essPages.append(held.effectiveSampleSize)
}
seconds("offline_seconds", since: tOff)
notebook.table(offTable, caption: "Offline estimates of each engine's R2P beside the A/B test's")
var rankTable = Table(columns: [
    .init("offline estimate"), .init("Spearman ρ with the A/B truth", precision: 3),
    .init("RL above SL1 and SL2?"),
])
func rlOnTop(_ xs: [Double]) -> String { xs[2] > xs[0] && xs[2] > xs[1] ? "yes" : "no" }
rankTable.row("(the A/B truth itself)", 1.0, rlOnTop(truthR2P))
rankTable.row("MAIL simulator", spearmanRankCorrelation(truthR2P, mailR2P), rlOnTop(mailR2P))
if bc != nil { rankTable.row("BC simulator", spearmanRankCorrelation(truthR2P, bcR2P), rlOnTop(bcR2P)) }
rankTable.row("IPS (stochastic versions)", spearmanRankCorrelation(truthR2P, ipsR2P), rlOnTop(ipsR2P))
rankTable.row("SNIPS (stochastic versions)", spearmanRankCorrelation(truthR2P, snipsR2P), rlOnTop(snipsR2P))
rankTable.row("direct method (the MAIL customer as r̂)", spearmanRankCorrelation(truthR2P, dmR2P), rlOnTop(dmR2P))
rankTable.row("doubly robust (r̂ + IPS correction)", spearmanRankCorrelation(truthR2P, drR2P), rlOnTop(drR2P))
rankTable.row(
    "IPS against the stochastic versions' own truth", spearmanRankCorrelation(stochasticR2P, ipsR2P),
    rlOnTop(stochasticR2P))
notebook.table(rankTable, caption: "Which offline estimate ranks the \(engines.count) engines as the A/B test does")
metrics["offline_truth"] = .numbers(truthR2P)
metrics["offline_mail"] = .numbers(mailR2P)
metrics["offline_ips"] = .numbers(ipsR2P)
metrics["offline_snips"] = .numbers(snipsR2P)
metrics["offline_stochastic_truth"] = .numbers(stochasticR2P)
metrics["offline_bc"] = .numbers(bcR2P)
metrics["offline_ess"] = .numbers(essPages)
metrics["offline_dm"] = .numbers(dmR2P)
metrics["offline_dr"] = .numbers(drR2P)
notebook.text(
    """
    DM and DR use the MAIL simulator's customer as the reward model: r̂(s, a) = P(buy | ⟨s, a, n⟩) of \
    its customer policy, on the held-out pages; r̂(s, π) is taken at the stochastic version's mean \
    action (a plug-in for the expectation over π's noise). DR = DM + the importance-weighted \
    residuals r − r̂(s, a) (`LoggedBandit.doublyRobust`): where the weights are small it stays close to \
    the model, so it inherits the simulator's optimism for large-norm engines.
    """)

// MARK: - 9. Your exercises

notebook.heading("9. Your exercises")
notebook.text(
    """
    Exercises/ch10-ab-test holds two stubs: 10.1 SL2's loss (eq. 5) on a minibatch, 10.2 the SNIPS \
    estimate from log weights. Fill them in, then run `swift test --filter "Chapter 10"`. Here is what \
    your code does right now:
    """)
notebook.table(exerciseTable())

let totalSeconds = ProgressLine.monotonicSeconds() - started
notebook.note("Wall time of this run: \(String(format: "%.0f", totalSeconds)) s (wall times are in timings.json).")
metrics["customers"] = .number(Double(customers))
metrics["sessions"] = .number(Double(sessions))
notebook.timings["total_seconds"] = .number(totalSeconds)
notebook.finish(metrics: metrics, csvFiles: [("ab-test", abCSV)])
