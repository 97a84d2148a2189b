// Chapter 9 — ANC: a policy that overfits the learned simulator, and the action norm constraint
// (the Virtual-Taobao paper's eq. 3) that is meant to stop it.
//
// Run:  swift run ch09-anc                    (≈ 2–3 min in the debug build)
//       swift run ch09-anc --quick            (seconds, for CI)
//       swift run ch09-anc --full             (3 seeds and the ρ/μ sweep: the chapter page's numbers)
//       swift run ch09-anc --simulator FILE   (train in a saved Virtual Taobao, e.g. chapter 8's MAIL)
//       swift run ch09-anc --mine             (train with your ANC reward, Exercise 9.1)
//       swift run ch09-anc --virtualtb DIR    (the same story on the published VirtualTB-v0)
//       swift run ch09-anc --help             (flags: ρ, μ, the log, the reward, …)
//
// It reads top to bottom like a notebook: (1) the learned simulator, and where it stops knowing
// anything (large action norms); (2) ANC's reward; (3) TRPO with and without ANC, measured in the
// simulator and in TaobaoWorld on the same customers; (4) PPO with the same wrapper; (5) a ρ/μ
// sweep; (6) what it all says; (7) your exercises.
import ArgumentParser
import Ch09Exercises
import Foundation
import RecRL

let options = Options.parseOrExit()
let virtualTBModels = options.virtualTB.loadOrExit()
let budget = options.chapter.budget
let seedCount = options.seeds ?? (budget == .full ? 3 : 1)
let seeds = (0..<UInt64(seedCount)).map { options.chapter.seed &+ $0 }
let sweeps = options.sweep || budget == .full
/// --quick: a smaller log and fewer evaluation customers (unless given), so CI runs it in seconds.
let logSessions = budget == .quick && !CommandLine.arguments.contains("--sessions") ? 2_000 : options.sessions
let evalCustomers =
    budget == .quick && !CommandLine.arguments.contains("--eval-customers") ? 300 : options.evalCustomers
let notebook = options.chapter.notebook(chapter: "ch09-anc", title: "Chapter 9 — ANC: overfitting a learned simulator")
let started = ProgressLine.monotonicSeconds()
let f3 = { (x: Double) in String(format: "%.3f", x) }
let f4 = { (x: Double) in String(format: "%.4f", x) }
var metrics = Metrics()
metrics["seeds"] = .numbers(seeds.map(Double.init))

/// The student's eq. 3 with --mine (nil while the stub throws, and why).
func studentANC() -> (ANCRewardFunction?, String) {
    do {
        _ = try ancReward(1, action: [0.6, 0.8], rho: 1, mu: 0.01)
    } catch {
        return (nil, "--mine: \(error) — training with the library's actionNormConstrainedReward")
    }
    // It ran once; a later throw is a bug in the exercise, not the chapter.
    let mine: ANCRewardFunction = { r, a, rho, mu in
        (try? ancReward(r, action: a, rho: rho, mu: mu)) ?? libraryANCReward(r, a, rho, mu)
    }
    return (mine, "--mine: training with your ancReward")
}
var ancFunction: ANCRewardFunction? = nil
var ancNote = "the library's actionNormConstrainedReward"
if options.mine {
    let (mine, note) = studentANC()
    ancFunction = mine
    ancNote = note
    print(note)
}

if let models = virtualTBModels {
    var virtualTBMetrics = virtualTBStory(
        models: models, options: options, notebook: notebook, ancReward: ancFunction, seeds: seeds)
    virtualTBMetrics["seeds"] = metrics["seeds"]
    exerciseSection(notebook: notebook)
    notebook.timings["total_seconds"] = .number(ProgressLine.monotonicSeconds() - started)
    notebook.finish(metrics: virtualTBMetrics)
    exit(0)
}

// MARK: - 1. The learned simulator

notebook.heading("1. The learned simulator, and where it knows nothing")
let world = TaobaoWorld(reward: options.reward)
let simulator: VirtualTaobao
let simulatorName: String
var logNorms: [Double] = []
if let path = options.simulator {
    // A saved Virtual Taobao (chapter 8 writes its MAIL simulator in this format).
    do {
        simulator = try VirtualTaobao.load(from: path).paying(options.reward)
    } catch {
        ChapterExit.fail("--simulator: \(error)")
    }
    simulatorName = "the Virtual Taobao in \(path)"
    notebook.text(
        """
        The simulator is the Virtual Taobao saved in \(path) (its customers and customer policy as \
        saved; its reward set to \(options.reward.rawValue)). The policy trains in it and nowhere \
        else; TaobaoWorld only judges.
        """)
    // The log's action norms, for ANC's μ: the historical engine's, as the default simulator's log.
    var draws = RNG(seed: 1)
    logNorms = (0..<10_000).map { _ in
        (0..<27).reduce(0.0) { s, _ in
            let w = draws.normal(std: options.logSigma); return s + w * w
        }.squareRoot()
    }
} else {
    let buildStart = ProgressLine.monotonicSeconds()
    let built = notebook.stopIfFails {
        try VirtualTaobao.behaviourCloned(
            world: world, sessions: logSessions, logSeed: options.chapter.seed &+ 1, sigma: options.logSigma,
            reward: options.reward)
    }
    simulator = built.simulator
    simulatorName = "behaviour cloning on \(logSessions) logged sessions"
    notebook.timings["simulator_seconds"] = .number(ProgressLine.monotonicSeconds() - buildStart)
    logNorms = (0..<built.log.pageCount).map { t in built.log.action(page: t).reduce(0) { $0 + $1 * $1 }.squareRoot() }
    notebook.text(
        """
        The paper trains its engine in Virtual-Taobao, a simulator learned from Taobao's logs. Ours \
        is learned the same way from TaobaoWorld's: the historical engine (random weights, σ = \
        \(options.logSigma) per weight) plays \(logSessions) sessions, and a customer policy \
        π^c(clicks, buy/leave/turn | customer, page number, clicks so far, the engine's 27 weights) \
        is fitted to them by behaviour cloning (chapter 8 builds the MAIL version; \
        `--simulator FILE` trains in a saved one). Held-out log-likelihood after \
        \(built.epochs.count) epochs: \(f3(built.epochs.last!.heldOutLogLikelihood)) nats per page. \
        The customers are the log's, resampled. The policy below trains in this simulator and \
        nowhere else; TaobaoWorld only judges.
        """)
    metrics["simulator_held_out_log_likelihood"] = .number(built.epochs.last!.heldOutLogLikelihood)
    if let path = options.saveSimulator {
        do { try built.simulator.save(to: path) } catch { ChapterExit.fail("--save-simulator: \(error)") }
        notebook.text("The simulator is saved to \(path): `swift run ch09-anc --simulator \(path)` trains in it again.")
    }
}
let sortedNorms = logNorms.sorted()
let logNormMean = logNorms.reduce(0, +) / Double(max(logNorms.count, 1))
let logNorm90 = sortedNorms.isEmpty ? 0 : sortedNorms[Int(0.9 * Double(sortedNorms.count - 1))]
metrics["log_action_norm_mean"] = .number(logNormMean)
metrics["log_action_norm_p90"] = .number(logNorm90)

let evaluationSeed: UInt64 = 20_190_900 + options.chapter.seed
let arena = SimToRealArena(world: world, simulator: simulator, sessions: evalCustomers, seed: evaluationSeed)
let ranking = EngineRanking(
    engines: EngineRanking.standardEngines(truth: world.truth), world: world, simulator: simulator,
    sessions: evalCustomers, seed: evaluationSeed)
notebook.table(
    ranking.table,
    caption: """
        Engines on \(evalCustomers) customers of each (common random numbers): TaobaoWorld ("world") \
        against the learned simulator ("sim"). ×10, ×100: the same engine's weights scaled — the same \
        ranking in the world (up to the clip to [−1, 1]), inputs the simulator never saw
        """)
notebook.text(
    """
    The historical engine's actions have norm ‖a‖ ≈ \(f3(logNormMean)) on average (90 % below \
    \(f3(logNorm90))): that is all the simulator has seen. In TaobaoWorld the page is the top 10 \
    by w·x, so only the direction of w matters (and the clip of each weight to [−1, 1]); the \
    simulator reads w as a raw input, and what it answers to ‖w‖ = 5 or 50 is extrapolation. The \
    table shows it: Spearman's ρ between the world's and the simulator's R2P over these engines is \
    \(f3(ranking.r2pRankCorrelation)) (CTR: \(f3(ranking.ctrRankCorrelation))).
    """)
metrics["engine_ranking_r2p_spearman"] = .number(ranking.r2pRankCorrelation)
metrics["engine_ranking_ctr_spearman"] = .number(ranking.ctrRankCorrelation)
metrics["random_virtual_r2p"] = .number(arena.random.virtual.r2p)
metrics["random_real_r2p"] = .number(arena.random.real.r2p)
metrics["attribute_oracle_virtual_r2p"] = .number(arena.attributeOracle.virtual.r2p)
metrics["attribute_oracle_real_r2p"] = .number(arena.attributeOracle.real.r2p)

// MARK: - 2. ANC's reward

notebook.heading("2. ANC: divide the reward of long actions down")
notebook.text(
    """
    The paper: "we note that the norms of most historical actions are relatively small, we propose \
    the Action Norm Constraint (ANC) strategy to control the norm of taken actions", \
    r′(s, a) = r(s, a) / (1 + ρ·max(‖a‖ − μ, 0)) (eq. 3), with ρ = 1 and μ = 0.01. The wrapper \
    `ActionNormConstrained(simulator, rho:, mu:)` pays r′ and passes the action on unchanged; ρ = 0 \
    is plain TRPO. The norm is of the action taken — the Gaussian sample, exploration noise \
    included — so ANC also presses on σ.
    """)
var ancTable = Table(columns: [
    .init("‖a‖"), .init("what"),
    .init("r′ for r = 1, ρ = \(shortNumber(options.anc.rho)), μ = \(shortNumber(options.anc.mu))", precision: 3),
])
let sigma0 = Foundation.exp(TRPOConfig.taobaoWorld.initialLogStd)
for (norm, what) in [
    (0.005, "below μ"), (logNormMean, "the log's mean"), (1.0, "unit norm"),
    (sigma0 * 27.0.squareRoot(), "TRPO's first samples (σ₀ = e⁻¹, μ(s) ≈ 0)"), (5.2, "every weight at ±1"),
] {
    ancTable.row(
        f3(norm), what, actionNormConstrainedReward(1, actionNorm: norm, rho: options.anc.rho, mu: options.anc.mu))
}
notebook.table(ancTable, caption: "eq. 3 at a few norms")

// MARK: - 3. TRPO with and without ANC

notebook.heading("3. TRPO in the simulator, with and without ANC, judged in TaobaoWorld")
let stepsPerRun = options.training.steps(budget, quick: 4_096, standard: 81_920, full: 81_920)
let iterations = TrainingSteps.iterations(covering: stepsPerRun, stepsPerIteration: TRPOConfig.taobaoWorld.rolloutSize)
let evalEvery = budget == .quick ? 1 : options.evalEvery
func spec(_ learner: Learner, rho: Double, mu: Double, seed: UInt64) -> RunSpec {
    RunSpec(
        learner: learner, rho: rho, mu: mu, seed: seed, iterations: iterations, evalEvery: evalEvery,
        trpo: .taobaoWorld, ppo: .taobaoWorld)
}
notebook.text(
    """
    TRPO (chapter 5's `TRPOConfig.taobaoWorld`: 8 customers × 256 pages per iteration, δ = 0.01, \
    γ = 0.3, λ = 0.5, σ₀ = e⁻¹) trains for \(iterations) iterations (\(iterations * 2048) pages) \
    in the simulator on the \(options.reward == .purchase ? "purchase reward (R2P, as the paper)" : "clicks reward"), \
    once as it is and once through ANC (ρ = \(shortNumber(options.anc.rho)), μ = \(shortNumber(options.anc.mu)); \
    \(ancNote)), over \(seedCount) seed\(seedCount == 1 ? "" : "s"). Every \(evalEvery) iterations \
    its deterministic policy (the mean action μ(s)) plays \(evalCustomers) fixed customers \
    in the simulator ("virtual") and \(evalCustomers) in TaobaoWorld ("real"), the same \
    customers with the same luck at every evaluation.
    """)
print("training TRPO and TRPO-ANC (\(seedCount) seed\(seedCount == 1 ? "" : "s"), \(iterations) iterations each)…")
let trpoSpecs = seeds.flatMap {
    [
        spec(.trpo, rho: 0, mu: options.anc.mu, seed: $0),
        spec(.trpo, rho: options.anc.rho, mu: options.anc.mu, seed: $0),
    ]
}
let trpoRuns = notebook.stopIfFails(metrics: metrics) {
    try runAll(trpoSpecs, simulator: simulator, arena: arena, ancReward: ancFunction)
}
print("done in \(String(format: "%.0f", ProgressLine.monotonicSeconds() - started)) s")
let plain = trpoRuns.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
let constrained = trpoRuns.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)

/// The comparison figure of one learner: R2P (virtual, real) and ‖μ(s)‖ over training.
func comparisonFigure(_ a: [RunResult], _ b: [RunResult], learner: String) -> PanelPlot {
    func series(_ plot: inout LinePlot, _ runs: [RunResult], _ name: String, _ value: (RunResult) -> [Double]) {
        let x = runs[0].steps
        if runs.count == 1 {
            plot.line(name: name, x: x, y: value(runs[0]))
        } else {
            plot.band(name: name + " (mean ± std, \(runs.count) seeds)", x: x, runs: runs.map(value))
        }
    }
    var r2p = LinePlot(title: "R2P of the mean action", xLabel: "environment steps (in the simulator)", yLabel: "R2P")
    series(&r2p, a, "\(learner), virtual", \.virtualR2P)
    series(&r2p, a, "\(learner), real", \.realR2P)
    series(&r2p, b, "\(learner)-ANC, virtual", \.virtualR2P)
    series(&r2p, b, "\(learner)-ANC, real", \.realR2P)
    r2p.hline(name: "random (historical), real", y: arena.random.real.r2p)
    r2p.hline(name: "attribute oracle, real", y: arena.attributeOracle.real.r2p)
    var norm = LinePlot(title: "action norm ‖μ(s)‖ of the mean action", xLabel: "environment steps", yLabel: "‖a‖")
    series(&norm, a, learner, \.norm)
    series(&norm, b, "\(learner)-ANC", \.norm)
    norm.hline(name: "historical engine's mean ‖a‖", y: logNormMean)
    return PanelPlot(
        title: "\(learner) with and without ANC: the simulator's R2P, the world's, and the action norm",
        panels: [r2p, norm])
}
func ctrFigure(_ a: [RunResult], _ b: [RunResult], learner: String) -> LinePlot {
    var plot = LinePlot(
        title: "\(learner): CTR of the mean action, simulator vs TaobaoWorld", xLabel: "environment steps",
        yLabel: "CTR")
    for (runs, name) in [(a, learner), (b, "\(learner)-ANC")] {
        let x = runs[0].steps
        if runs.count == 1 {
            plot.line(name: "\(name), virtual", x: x, y: runs[0].virtualCTR)
            plot.line(name: "\(name), real", x: x, y: runs[0].realCTR)
        } else {
            plot.band(name: "\(name), virtual", x: x, runs: runs.map(\.virtualCTR))
            plot.band(name: "\(name), real", x: x, runs: runs.map(\.realCTR))
        }
    }
    plot.hline(name: "random, real", y: arena.random.real.ctr)
    plot.hline(name: "attribute oracle, real", y: arena.attributeOracle.real.ctr)
    return plot
}

/// Final numbers of a learner's two arms, over the seeds, as a table; paper's column for TRPO.
func finalTable(_ a: [RunResult], _ b: [RunResult], paper: (String, String)?) -> Table {
    var table = Table(
        columns: [
            .init("policy"), .init("virtual R2P"), .init("real R2P"), .init("gap (virtual − real)"), .init("‖μ(s)‖"),
            .init("real R2P of the best-virtual checkpoint"), .init("real CTR"),
        ] + (paper == nil ? [] : [.init("paper: R2P in Virtual-Taobao")]))
    for (runs, p) in [(a, paper?.0), (b, paper?.1)] {
        let finals = runs.map { $0.final! }
        var row: [any TableCellConvertible] = [
            runs[0].spec.name, meanStd(finals.map(\.virtual.r2p), digits: 4),
            meanStd(finals.map(\.real.r2p), digits: 4),
            meanStd(finals.map(\.r2pGap), digits: 4), meanStd(finals.map(\.meanActionNorm), digits: 2),
            meanStd(runs.map { $0.bestVirtual!.real.r2p }, digits: 4), meanStd(finals.map(\.real.ctr), digits: 3),
        ]
        if let p { row.append(p) }
        table.row(row)
    }
    table.row(
        [
            "random (historical engine)", f4(arena.random.virtual.r2p), f4(arena.random.real.r2p),
            f4(arena.random.r2pGap),
            f3(arena.random.meanActionNorm), "–", f3(arena.random.real.ctr),
        ] + (paper == nil ? [] : ["–"]))
    table.row(
        [
            "attribute oracle", f4(arena.attributeOracle.virtual.r2p), f4(arena.attributeOracle.real.r2p),
            f4(arena.attributeOracle.r2pGap), f3(arena.attributeOracle.meanActionNorm), "–",
            f3(arena.attributeOracle.real.ctr),
        ]
            + (paper == nil ? [] : ["–"]))
    return table
}

/// Real-world gain of the ANC arm over the plain arm, per seed (paired: same seed, same customers).
func realGains(_ a: [RunResult], _ b: [RunResult]) -> [Double] {
    zip(a, b).map { $1.final!.real.r2p - $0.final!.real.r2p }
}

_ = notebook.figure(
    comparisonFigure(plain, constrained, learner: "TRPO"), name: "trpo-anc",
    caption:
        "TRPO and TRPO-ANC: R2P in the simulator (virtual) and in TaobaoWorld (real), and the norm of the mean action")
_ = notebook.figure(
    ctrFigure(plain, constrained, learner: "TRPO"), name: "trpo-anc-ctr",
    caption: "The same runs' CTR in the simulator and in TaobaoWorld")
notebook.table(
    finalTable(plain, constrained, paper: ("0.3 (\"almost impossible in Taobao\")", "0.115")),
    caption: """
        After \(iterations * 2048) pages (mean ± std over \(seedCount) seed\(seedCount == 1 ? "" : "s")): \
        R2P = pages with a purchase / pages, on \(evalCustomers) customers in each world; the \
        best-virtual checkpoint is the evaluation with the highest simulator R2P, what one would deploy \
        without a real world to ask. The paper reports only the simulator's R2P, and that TRPO-ANC beat \
        TRPO in real Taobao's turnover and volume
        """)
let trpoGains = realGains(plain, constrained)
let trpoGaps = (plain.map { $0.final!.r2pGap }, constrained.map { $0.final!.r2pGap })
let peakReal = plain.map { $0.realR2P.max()! }
notebook.text(
    """
    Without ANC the simulator's R2P climbs from \(f4(plain[0].virtualR2P[0])) to \
    \(meanStd(plain.map { $0.final!.virtual.r2p }, digits: 4)) while the world's ends at \
    \(meanStd(plain.map { $0.final!.real.r2p }, digits: 4)) (its best along the way: \
    \(meanStd(peakReal, digits: 4))): a gap of \(meanStd(trpoGaps.0, digits: 4)) between what the simulator \
    promises and what the world pays, at a final action norm (\(meanStd(plain.map { $0.final!.meanActionNorm }, digits: 2)), against the log's \
    \(f3(logNormMean))). With ANC (ρ = \(shortNumber(options.anc.rho)), μ = \(shortNumber(options.anc.mu))) the final \
    norm is \(meanStd(constrained.map { $0.final!.meanActionNorm }, digits: 2)), the gap \
    \(meanStd(trpoGaps.1, digits: 4)) (without: \(meanStd(trpoGaps.0, digits: 4))), and the real R2P \
    changes by \(meanStd(trpoGains, digits: 4)) (TRPO-ANC − TRPO, paired by seed).
    """)
// Figure 6's terms: what the customers bought, and for how much, in TaobaoWorld.
func perCustomer(_ m: EngineMetrics, _ value: Double) -> Double { value / Double(max(m.sessions, 1)) }
let turnover = (
    plain.map { perCustomer($0.final!.real, $0.final!.real.turnover) },
    constrained.map { perCustomer($0.final!.real, $0.final!.real.turnover) }
)
let volume = (
    plain.map { perCustomer($0.final!.real, Double($0.final!.real.itemsBought)) },
    constrained.map { perCustomer($0.final!.real, Double($0.final!.real.itemsBought)) }
)
var figure6 = Table(columns: [
    .init("in TaobaoWorld, per customer"), .init("TRPO"), .init("TRPO-ANC"), .init("TRPO-ANC − TRPO, %"),
])
for (name, pair, digits) in [("turnover TT (yuan)", turnover, 2), ("volume TV (items)", volume, 4)] {
    let gains = zip(pair.0, pair.1).map { 100 * ($1 - $0) / $0 }
    figure6.row(
        name, meanStd(pair.0, digits: digits), meanStd(pair.1, digits: digits), meanStd(gains, digits: 1))
    metrics["trpo_anc_real_\(name.hasPrefix("turnover") ? "turnover" : "volume")_gain_percent"] = .numbers(gains)
}
notebook.table(
    figure6,
    caption:
        "The paper's Figure 6 terms in the world: total turnover and volume of the final policies, per customer (prices: ItemCatalogue.price(of:), a median of 100 yuan; paired by seed)"
)
metrics["steps_per_run"] = .number(Double(iterations * 2048))
for (key, runs) in [("trpo", plain), ("trpo_anc", constrained)] {
    metrics["\(key)_final_virtual_r2p"] = .numbers(runs.map { $0.final!.virtual.r2p })
    metrics["\(key)_final_real_r2p"] = .numbers(runs.map { $0.final!.real.r2p })
    metrics["\(key)_final_action_norm"] = .numbers(runs.map { $0.final!.meanActionNorm })
    metrics["\(key)_final_real_ctr"] = .numbers(runs.map { $0.final!.real.ctr })
    metrics["\(key)_best_virtual_real_r2p"] = .numbers(runs.map { $0.bestVirtual!.real.r2p })
    metrics["\(key)_curve_virtual_r2p"] = .numbers(runs[0].virtualR2P)
    metrics["\(key)_curve_real_r2p"] = .numbers(runs[0].realR2P)
    metrics["\(key)_curve_action_norm"] = .numbers(runs[0].norm)
    notebook.timings["\(key)_seconds"] = .numbers(runs.map(\.seconds))
}
metrics["curve_steps"] = .numbers(plain[0].steps)
metrics["trpo_anc_real_r2p_gain"] = .numbers(trpoGains)

// MARK: - 4. PPO with the same wrapper

var ppoGains: [Double] = []
if options.ppo == .on {
    notebook.heading("4. PPO through the same wrapper")
    notebook.text(
        """
        ANC is a reward wrapper, so any learner can use it. PPO-clip with chapter 5's TaobaoWorld \
        setting (`PPOConfig.taobaoWorld`, the same rollout size), the same \(iterations) iterations, \
        ρ and μ, seeds and customers.
        """)
    print("training PPO and PPO-ANC…")
    let ppoSpecs = seeds.flatMap {
        [
            spec(.ppo, rho: 0, mu: options.anc.mu, seed: $0),
            spec(.ppo, rho: options.anc.rho, mu: options.anc.mu, seed: $0),
        ]
    }
    let ppoRuns = notebook.stopIfFails(metrics: metrics) {
        try runAll(ppoSpecs, simulator: simulator, arena: arena, ancReward: ancFunction)
    }
    let ppoPlain = ppoRuns.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    let ppoConstrained = ppoRuns.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    _ = notebook.figure(
        comparisonFigure(ppoPlain, ppoConstrained, learner: "PPO"), name: "ppo-anc",
        caption: "PPO and PPO-ANC in the simulator and in TaobaoWorld")
    notebook.table(finalTable(ppoPlain, ppoConstrained, paper: nil), caption: "PPO after \(iterations * 2048) pages")
    ppoGains = realGains(ppoPlain, ppoConstrained)
    notebook.text(
        """
        PPO-ANC − PPO in real R2P: \(meanStd(ppoGains, digits: 4)); gap without ANC \
        \(meanStd(ppoPlain.map { $0.final!.r2pGap }, digits: 4)), with \
        \(meanStd(ppoConstrained.map { $0.final!.r2pGap }, digits: 4)); final ‖μ(s)‖ \
        \(meanStd(ppoPlain.map { $0.final!.meanActionNorm }, digits: 2)) and \
        \(meanStd(ppoConstrained.map { $0.final!.meanActionNorm }, digits: 2)).
        """)
    for (key, runs) in [("ppo", ppoPlain), ("ppo_anc", ppoConstrained)] {
        metrics["\(key)_final_virtual_r2p"] = .numbers(runs.map { $0.final!.virtual.r2p })
        metrics["\(key)_final_real_r2p"] = .numbers(runs.map { $0.final!.real.r2p })
        metrics["\(key)_final_action_norm"] = .numbers(runs.map { $0.final!.meanActionNorm })
        notebook.timings["\(key)_seconds"] = .numbers(runs.map(\.seconds))
    }
    metrics["ppo_anc_real_r2p_gain"] = .numbers(ppoGains)
}

// MARK: - 5. The ρ / μ sweep

if sweeps {
    notebook.heading("5. How much constraint: a ρ / μ sweep")
    let sigmaLog = -2.0
    let grid: [(rho: Double, mu: Double, logStd: Double)] =
        [0.1, 1, 10].map { ($0, options.anc.mu, -1) } + [0.5, 2].map { (options.anc.rho, $0, -1) }
        + [(0, options.anc.mu, sigmaLog), (options.anc.rho, options.anc.mu, sigmaLog)]
    notebook.text(
        """
        TRPO-ANC at ρ ∈ {0.1, 1, 10} (μ = \(shortNumber(options.anc.mu))) and μ ∈ {0.5, 2} (ρ = \
        \(shortNumber(options.anc.rho))): μ = 0.5 is about the log's norm, μ = 2 about the norm of TRPO's first \
        samples. Then both arms again with σ₀ = e⁻² ≈ 0.14 instead of e⁻¹ ≈ 0.37: with less exploration \
        noise in ‖a‖, eq. 3's penalty falls more on the mean action. Seed \(seeds[0]), the same budget; \
        the first row is section 3's TRPO.
        """)
    print("sweeping ρ, μ and σ₀ (\(grid.count) runs)…")
    let sweepSpecs = grid.map { g -> RunSpec in
        var s = spec(.trpo, rho: g.rho, mu: g.mu, seed: seeds[0])
        s.trpo.initialLogStd = g.logStd
        return s
    }
    let sweepRuns = notebook.stopIfFails(metrics: metrics) {
        try runAll(sweepSpecs, simulator: simulator, arena: arena, ancReward: ancFunction)
    }
    var sweepTable = Table(columns: [
        .init("ρ"), .init("μ"), .init("log σ₀"), .init("virtual R2P", precision: 4), .init("real R2P", precision: 4),
        .init("gap", precision: 4), .init("‖μ(s)‖", precision: 2),
        .init("real R2P, best-virtual checkpoint", precision: 4),
    ])
    sweepTable.row(
        "0", "–", "-1", plain[0].final!.virtual.r2p, plain[0].final!.real.r2p, plain[0].final!.r2pGap,
        plain[0].final!.meanActionNorm, plain[0].bestVirtual!.real.r2p)
    for r in sweepRuns {
        sweepTable.row(
            shortNumber(r.spec.rho), r.spec.rho == 0 ? "–" : shortNumber(r.spec.mu),
            shortNumber(r.spec.trpo.initialLogStd), r.final!.virtual.r2p, r.final!.real.r2p, r.final!.r2pGap,
            r.final!.meanActionNorm, r.bestVirtual!.real.r2p)
    }
    notebook.table(sweepTable, caption: "TRPO-ANC's final policy against ρ and μ (seed \(seeds[0]))")
    metrics["sweep_rho"] = .numbers(sweepRuns.map(\.spec.rho))
    metrics["sweep_log_std"] = .numbers(sweepRuns.map(\.spec.trpo.initialLogStd))
    metrics["sweep_mu"] = .numbers(sweepRuns.map(\.spec.mu))
    metrics["sweep_real_r2p"] = .numbers(sweepRuns.map { $0.final!.real.r2p })
    metrics["sweep_virtual_r2p"] = .numbers(sweepRuns.map { $0.final!.virtual.r2p })
    metrics["sweep_action_norm"] = .numbers(sweepRuns.map { $0.final!.meanActionNorm })
    notebook.timings["sweep_seconds"] = .numbers(sweepRuns.map(\.seconds))
}

// MARK: - 6. What it says

notebook.heading("6. What this run says")
let overfits = plain.allSatisfy { $0.final!.r2pGap > 2 * abs(arena.random.r2pGap) + 0.01 }
let ancHelps = trpoGains.reduce(0, +) > 0
notebook.text(
    """
    Does TRPO overfit the simulator? \(overfits ? "Yes" : "Not clearly"): its final virtual R2P is \
    \(meanStd(plain.map { $0.final!.virtual.r2p }, digits: 4)) against a real \
    \(meanStd(plain.map { $0.final!.real.r2p }, digits: 4)) (the historical engine: \
    \(f4(arena.random.virtual.r2p)) virtual, \(f4(arena.random.real.r2p)) real). Does ANC at \
    ρ = \(shortNumber(options.anc.rho)), μ = \(shortNumber(options.anc.mu)) help in the real world? \
    \(ancHelps ? "On average, by" : "Not in this run:") \(meanStd(trpoGains, digits: 4)) R2P. \
    Seed-to-seed spread and the evaluation's own noise (\(evalCustomers) customers, \
    ≈ \(Int(arena.random.real.meanSessionLength * Double(evalCustomers))) pages: an R2P of 0.03 \
    has a standard error of about \(f4((0.03 * 0.97 / (arena.random.real.meanSessionLength * Double(evalCustomers))).squareRoot()))) \
    decide whether that difference means anything; the chapter page reports it over seeds.
    """)

exerciseSection(notebook: notebook)
notebook.timings["total_seconds"] = .number(ProgressLine.monotonicSeconds() - started)
notebook.note(
    "Total wall time \(String(format: "%.0f", ProgressLine.monotonicSeconds() - started)) s (all times in timings.json)."
)
notebook.finish(metrics: metrics)
