// Chapter 8 — Virtual Taobao learned from the historical log: MAIL (the paper's Algorithm 2)
// against behaviour cloning, and both judged against TaobaoWorld itself — which the paper, with
// only Taobao's logs, could not do.
//
// Run:  swift run ch08-mail            (≈ 3 min in the debug build)
//       swift run ch08-mail --quick    (seconds, for CI)
//       swift run ch08-mail --full     (larger logs, longer MAIL, Table 2 over 3 seeds)
//       swift run ch08-mail --mine     (MAIL with your reward from the logit, Exercise 8.1)
//       swift run ch08-mail --generator results/ch07-gan-sd/gan-sd-generator.params
//       swift run ch08-mail --help     (flags: log size, iterations, reward, ρ, μ, …)
//
// It reads top to bottom like a notebook: (1) the day-0 log and the customers P^c; (2) two
// simulators from it — behaviour cloning, and MAIL warm-started from it — with MAIL's training
// curves; (3) their fidelity under the historical engine, against TaobaoWorld; (4) Figure 4, R2P
// by customer feature; (5) does a simulator rank engines as the world does?; (6) Table 2, MAIL vs
// BC when the world drifts; (7) the saved simulators; (8) your exercises.
import ArgumentParser
import Foundation
import RecRL

let options = Options.parseOrExit()
let budget = options.chapter.budget
let sessions = options.sessions ?? (budget == .quick ? 2_000 : budget == .full ? 50_000 : 20_000)
let mailIterations = options.mailIterations ?? (budget == .quick ? 10 : budget == .full ? 300 : 100)
let epochs = options.epochs ?? (budget == .quick ? 2 : budget == .full ? 20 : 10)
let trpoIterations = options.trpoIterations ?? (budget == .quick ? 1 : budget == .full ? 30 : 10)
let seedCount = options.seeds ?? (budget == .full ? 3 : 1)
let evaluationSessions = options.evaluationSessions ?? (budget == .quick ? 500 : 4_000)
let notebook = options.chapter.notebook(
    chapter: "ch08-mail", title: "Chapter 8 — MAIL: learning Virtual Taobao from the historical log")
let started = ProgressLine.monotonicSeconds()
var metrics = Metrics()
let f3 = { (x: Double) in String(format: "%.3f", x) }
let f4 = { (x: Double) in String(format: "%.4f", x) }

// MARK: - 1. The log and the customers

notebook.heading("1. The historical log, and who arrives")
notebook.text(
    """
    Everything this chapter learns comes from one day's historical log: \(sessions) sessions of the \
    historical engine (random weights, σ = \(Engine.historicalSigma)) on TaobaoWorld at day 0. A page of it \
    is seen from the customer's side: the customer's view s^c = ⟨s, a, n⟩ (88 attributes, the session's \
    counts, the engine's 27 weights — 118 numbers, `CustomerView`) and the customer's answer a^c = (c \
    clicks, decision d), one of 11 × 3 = 33 (`CustomerAction`; d is turn the page, leave or buy, so \
    both CTR and R2P can be simulated). The answer is one softmax over the 33 pairs — clicks and \
    decision are not independent given s^c (a purchase needs a click), and that joint head fits the \
    log better (held-out, `CustomerActionFactorisation`).
    """)
let world = TaobaoWorld()
let log = HistoricalLog.generate(world: world, sessions: sessions, seed: options.chapter.seed)
let customers: VirtualCustomers
let customersNote: String
if let path = options.generator {
    do {
        customers = .gan(try GANGenerator.load(from: URL(fileURLWithPath: path)))
        customersNote = "chapter 7's GAN-SD generator from \(path)"
    } catch {
        ChapterExit.fail("--generator: \(error)")
    }
} else {
    let t = ProgressLine.monotonicSeconds()
    var rng = RNG(seed: options.chapter.seed &+ 7)
    let ganSD = GANSD(config: GANSDConfig(), data: CustomerSet(log: log), rng: &rng)
    let ganIterations = budget == .quick ? 60 : 300
    let curve = ganSD.train(iterations: ganIterations, logEvery: ganIterations, rng: &rng) { _, _ in }
    customers = .gan(ganSD.generator)
    customersNote =
        "a GAN-SD generator trained here on the log's customers (\(ganIterations) iterations, Table 1 KL "
        + "\(f4(curve.tableOneKL.last ?? .nan)); chapter 7's is better, pass it with --generator)"
    notebook.timings["generator_seconds"] = .number(ProgressLine.monotonicSeconds() - t)
}
notebook.text("Customers P^c: \(customersNote). Both simulators draw their customers from it.")

// MARK: - 2. Two simulators from one log

notebook.heading("2. Two simulators from one log: behaviour cloning and MAIL")
notebook.text(
    """
    **Behaviour cloning** fits π_κ(a^c | s^c) by maximum likelihood on the log's pages, as if they \
    were independent. **MAIL** (Algorithm 2) learns the customer policy π_κ and an engine policy π_σ \
    — the unknown historical engine — *jointly*, as one policy π_κ,σ(a, a^c | s) = π_σ(a|s)·π_κ(a^c|⟨s,a,n⟩), \
    against a discriminator R_θ that tells the log's (s^c, a^c) pairs from generated ones. The \
    policies' reward is the discriminator's logit, r = log D − log(1 − D) (`MAILReward`): 0 where D \
    cannot tell, so a session earns nothing for being long or short, which matters because the \
    customer ends sessions. One TRPO step of the joint policy per iteration, with GAE along each \
    generated session. MAIL starts from the clone (`--no-warm-start` to start from scratch) and its \
    discriminator is first trained against the clone's sessions.
    """)
var recipe = LearnedSimulators.Recipe()
recipe.cloning.epochs = epochs
recipe.cloning.seed = options.chapter.seed
recipe.mail.seed = options.chapter.seed &+ 11
recipe.mail.reward = options.reward.reward
recipe.mailIterations = mailIterations
recipe.discriminatorPretraining = budget == .quick ? 20 : 100
recipe.warmStart = options.warmStart
recipe.mailTrainingCustomers = options.mailCustomers
var rewardNote = "reward \(recipe.mail.reward.name)"
if options.mine {
    let (mine, note) = studentReward()
    if let mine { recipe.mail.reward = mine }
    rewardNote = note
    print(note)
}
let mailProgress = ProgressLine("MAIL", total: mailIterations, unit: "iterations")
let built = notebook.stopIfFails(metrics: metrics) {
    try LearnedSimulators.build(log: log, customers: customers, recipe: recipe) { l in
        mailProgress.update(
            step: l.iteration, ("D accuracy", l.discriminatorAccuracy), ("CTR", l.ctr), ("pages", l.meanSessionLength))
    }
}
mailProgress.finish()
let bc = built.behaviourCloning
let mail = built.mail
notebook.timings["behaviour_cloning_seconds"] = .number(built.cloningSeconds)
notebook.timings["mail_seconds"] = .number(built.mailSeconds)
let mailRate = Double(mailIterations) / built.mailSeconds
notebook.timings["mail_iterations_per_second"] = .number(mailRate)
var buildTable = Table(columns: [
    .init("simulator"), .init("trained for"), .init("held-out log-likelihood (nats/page)", precision: 4),
    .init("seconds", precision: 1, isTiming: true),
])
let bcLL = built.cloningEpochs.last!.heldOutLogLikelihood
buildTable.row("behaviour cloning", "\(epochs) epochs", bcLL, built.cloningSeconds)
buildTable.row(
    "MAIL (\(rewardNote))", "\(mailIterations) iterations × \(recipe.mail.sessionsPerIteration) sessions",
    built.mailHeldOutLogLikelihood, built.mailSeconds)
notebook.table(buildTable, caption: "The two customer policies on the log's held-out 20 % of sessions")
metrics["bc_heldout_loglikelihood"] = .number(bcLL)
metrics["mail_heldout_loglikelihood"] = .number(built.mailHeldOutLogLikelihood)
let logs = built.mailLogs
let iterationAxis = logs.map { Double($0.iteration) }
var curves = LinePlot(title: "MAIL while training", xLabel: "iteration", yLabel: "")
curves.line(name: "discriminator accuracy (½ = cannot tell)", x: iterationAxis, y: logs.map(\.discriminatorAccuracy))
curves.line(name: "mean reward per page (logit)", x: iterationAxis, y: logs.map(\.meanReward))
curves.line(name: "KL of the TRPO step × 100", x: iterationAxis, y: logs.map { 100 * $0.update.kl })
curves.line(name: "generated pages per session / 10", x: iterationAxis, y: logs.map { $0.meanSessionLength / 10 })
curves.hline(name: "accuracy ½", y: 0.5)
notebook.figure(curves, name: "mail-training", caption: "MAIL's discriminator, reward and trust-region steps")
let first = logs.prefix(max(1, logs.count / 10))
let last = logs.suffix(max(1, logs.count / 10))
func mean(_ xs: some Collection<Double>) -> Double { xs.reduce(0, +) / Double(max(xs.count, 1)) }
notebook.text(
    """
    Discriminator accuracy over the first tenth of the iterations \(f3(mean(first.map(\.discriminatorAccuracy)))), \
    over the last \(f3(mean(last.map(\.discriminatorAccuracy)))); generated CTR \(f4(mean(first.map(\.ctr)))) → \
    \(f4(mean(last.map(\.ctr)))), pages per session \(f3(mean(first.map(\.meanSessionLength)))) → \
    \(f3(mean(last.map(\.meanSessionLength)))).
    """)
notebook.note("MAIL ran at \(String(format: "%.1f", mailRate)) iterations/s (timings.json).")
metrics["mail_accuracy_first"] = .number(mean(first.map(\.discriminatorAccuracy)))
metrics["mail_accuracy_last"] = .number(mean(last.map(\.discriminatorAccuracy)))

// MARK: - 3. Fidelity under the historical engine

notebook.heading("3. Fidelity under the historical engine: TaobaoWorld, BC and MAIL")
let fidelity = SimulatorFidelity(
    world: world, simulators: [("BC", bc), ("MAIL", mail)], sessions: evaluationSessions,
    seed: options.chapter.seed &+ 101)
notebook.table(
    fidelity.table,
    caption:
        "The historical engine on \(evaluationSessions) customers in each environment (the same seeds): the paper's \"Virtual Customer Distributions and Behaviors\", against the truth itself"
)
for (name, s) in [("world", fidelity.world)] + fidelity.simulators.map({ ($0.name.lowercased(), $0.statistics) }) {
    metrics["fidelity_\(name)_ctr"] = .number(s.metrics.ctr)
    metrics["fidelity_\(name)_r2p"] = .number(s.metrics.r2p)
    metrics["fidelity_\(name)_pages"] = .number(s.metrics.meanSessionLength)
}
var histogram = BarPlot(
    title: "Clicks per page under the historical engine", xLabel: "clicks on the page", yLabel: "share of pages",
    categories: (0..<CustomerAction.clickChoices).map(String.init))
histogram.bars(name: "TaobaoWorld", values: fidelity.world.clicksHistogram)
for (name, s) in fidelity.simulators { histogram.bars(name: name, values: s.clicksHistogram) }
notebook.figure(histogram, name: "clicks-histogram")
var leave = LinePlot(title: "Leave rate by page", xLabel: "page", yLabel: "share of customers who leave after it")
let reached = fidelity.world.leaveRate.prefix { $0 != nil }.count
let pagesAxis = (1...max(reached, 1)).map(Double.init)
for (name, s) in [("TaobaoWorld", fidelity.world)] + fidelity.simulators {
    leave.line(name: name, x: pagesAxis, y: (0..<pagesAxis.count).map { s.leaveRate[$0] ?? .nan })
}
notebook.figure(leave, name: "leave-rate")

// MARK: - 4. Figure 4

notebook.heading("4. Figure 4: R2P by customer feature, real and virtual")
let byFeature = [("TaobaoWorld", AnyEnvironment(world)), ("BC", AnyEnvironment(bc)), ("MAIL", AnyEnvironment(mail))]
    .map { name, env in
        (
            name,
            PurchaseByAttribute.measure(
                env, sessions: evaluationSessions, seed: options.chapter.seed &+ 202, world: world)
        )
    }
var featureError = Table(columns: [
    .init("attribute"), .init("BC: mean |R2P − world|", precision: 4), .init("MAIL: mean |R2P − world|", precision: 4),
])
for (k, attribute) in CustomerAttribute.tableOne.enumerated() {
    var plot = BarPlot(
        title: "R2P by \(attribute.name)", yLabel: "R2P", categories: attribute.labels.map { String($0.prefix(12)) })
    for (name, measured) in byFeature { plot.bars(name: name, values: measured[k].r2p.map { $0 ?? 0 }) }
    notebook.figure(plot, name: "figure4-\(attribute.name.replacingOccurrences(of: " ", with: "-"))")
    let truth = byFeature[0].1[k].r2p
    func gap(_ i: Int) -> Double {
        let pairs = zip(truth, byFeature[i].1[k].r2p).compactMap { a, b in a.flatMap { x in b.map { abs(x - $0) } } }
        return mean(pairs)
    }
    featureError.row(attribute.name, gap(1), gap(2))
    metrics["figure4_\(k)_bc_gap"] = .number(gap(1))
    metrics["figure4_\(k)_mail_gap"] = .number(gap(2))
}
notebook.table(featureError, caption: "How far each simulator's R2P by feature is from the world's (Figure 4)")

// MARK: - 5. Does a simulator rank engines as the world does?

notebook.heading("5. Beyond the paper: does a simulator rank engines as the world does?")
notebook.text(
    """
    A simulator is only useful if it orders engines as the world would. Engines that read only the \
    observation: the historical engine, popularity, the attribute oracle, a PPO policy trained in \
    TaobaoWorld, and the historical engine's weights scaled ×10 and ×100 — the world ranks items by \
    weight · features, so scale changes nothing there, but a learned customer reads the raw weights and \
    has never seen norms that large.
    """)
let ppoEngine = notebook.stopIfFails(metrics: metrics) {
    let ppo = try TrainedEngines.ppoInTaobaoWorld(
        world: world, steps: budget == .quick ? 4_096 : 40_960, seed: options.chapter.seed,
        label: "PPO in TaobaoWorld (an engine to rank)"
    ).policy
    return Engine(name: "PPO (trained in TaobaoWorld)", policy: { ppo.meanAction($0) })
}
let rankedEngines = [
    Engine.random(), .popularity, .attributeOracle(world.truth), ppoEngine,
    Engine.random(sigma: 10 * Engine.historicalSigma).named("random ×10 (σ = 1)"),
    Engine.random(sigma: 100 * Engine.historicalSigma).named("random ×100 (σ = 10)"),
]
let rankings = EngineRanking.rankings(
    engines: rankedEngines, world: world, simulators: [bc, mail], sessions: evaluationSessions / 2,
    seed: options.chapter.seed &+ 303)
for (name, ranking) in zip(["BC", "MAIL"], rankings) {
    notebook.table(ranking.table, caption: "Engines in TaobaoWorld and in the \(name) simulator")
    notebook.text(
        "\(name): Spearman's ρ between the world's and the simulator's order — CTR \(f3(ranking.ctrRankCorrelation)), "
            + "R2P \(f3(ranking.r2pRankCorrelation)).")
    metrics["ranking_\(name.lowercased())_ctr_spearman"] = .number(ranking.ctrRankCorrelation)
    metrics["ranking_\(name.lowercased())_r2p_spearman"] = .number(ranking.r2pRankCorrelation)
}

// MARK: - 6. Table 2

notebook.heading("6. Table 2: MAIL against behaviour cloning when the world drifts")
notebook.text(
    """
    The paper's test of generalisation: build simulators from the day-0 log, train TRPO with the \
    action norm constraint (ρ = \(options.anc.rho), μ = \(options.anc.mu), eq. 3) in each for R2P, and deploy the \
    policy in simulators built the same way from the logs of days 1, 7 and 30. We can also deploy it \
    in TaobaoWorld itself at those days — the number the paper wanted. R2P improvement of the policy \
    over the historical engine on the same customers. The simulators of days 1, 7 and 30 are built \
    as day 0's, from logs of the same size, with half the MAIL iterations (\(max(1, mailIterations / 2))).
    """)
let days: [Double] = [0, 1, 7, 30]
var laterSimulators: [Double: LearnedSimulators] = [:]
for day in days.dropFirst() {
    var r = recipe
    r.mailIterations = max(1, mailIterations / 2)
    let dayLog = HistoricalLog.generate(
        world: TaobaoWorld(day: day), sessions: sessions, seed: options.chapter.seed &+ UInt64(day))
    print("building the day-\(Int(day)) simulators")
    laterSimulators[day] = notebook.stopIfFails(metrics: metrics) {
        try LearnedSimulators.build(log: dayLog, customers: customers, recipe: r)
    }
}
var normNotes: [String] = []
let paper: [String: [Double]] = ["BC": [21.65, 8.33, 1.04, -0.54], "MAIL": [18.56, 16.67, 8.34, 8.49]]
var table2 = Table(
    columns: [.init("method"), .init("deployed in")]
        + days.map { Table.Column("day \(Int($0))", precision: 2) })
var table2CSV = CSV(header: ["method", "deployed_in", "seed"] + days.map { "day\(Int($0))" })
for method in ["BC", "MAIL"] {
    // The seeds train at once, one per core (Table2Runs.swift): the same numbers as one by one.
    let setting = Table2Setting(
        trainingSimulator: method == "BC" ? bc : mail,
        laterSimulators: laterSimulators.mapValues { method == "BC" ? $0.behaviourCloning : $0.mail }, days: days,
        trpoIterations: trpoIterations, rho: options.anc.rho, mu: options.anc.mu,
        evaluationSessions: evaluationSessions)
    let seeds = (0..<seedCount).map { s in options.chapter.seed &+ UInt64(1_000 * (s + 1)) }
    let runs = notebook.stopIfFails(metrics: metrics) { try table2Runs(method, seeds: seeds, setting: setting) }
    for run in runs {
        table2CSV.row([method, "simulators", "\(run.seed)"] + run.virtual.map { "\($0)" })
        table2CSV.row([method, "TaobaoWorld", "\(run.seed)"] + run.real.map { "\($0)" })
    }
    let (virtualRuns, realRuns, normRuns) = (runs.map(\.virtual), runs.map(\.real), runs.map(\.norms))
    let (vMean, vStd) = LinePlot.meanAndStd(over: virtualRuns)
    let (rMean, rStd) = LinePlot.meanAndStd(over: realRuns)
    func cells(_ m: [Double], _ s: [Double]) -> [any TableCellConvertible] {
        seedCount == 1
            ? m.map { String(format: "%+.2f %%", $0) } : zip(m, s).map { String(format: "%+.2f ± %.2f %%", $0, $1) }
    }
    table2.row(["\(method) (paper)", "its simulators"] + paper[method]!.map { String(format: "%+.2f %%", $0) })
    table2.row(["\(method) (ours)", "simulators of that day"] + cells(vMean, vStd))
    table2.row(["\(method) (ours)", "TaobaoWorld at that day"] + cells(rMean, rStd))
    metrics["table2_\(method.lowercased())_virtual"] = .numbers(vMean)
    metrics["table2_\(method.lowercased())_real"] = .numbers(rMean)
    let norm = mean(normRuns.map { $0[0] })
    metrics["table2_\(method.lowercased())_action_norm"] = .number(norm)
    normNotes.append("\(method) \(f3(norm))")
}
notebook.table(
    table2,
    caption:
        "R2P improvement of TRPO-ANC over the historical engine (\(seedCount) seed\(seedCount == 1 ? "" : "s"), \(trpoIterations) TRPO iterations of 2,048 pages, \(evaluationSessions) customers per cell)"
)
notebook.text(
    "The mean norm of the TRPO-ANC policies' weights in TaobaoWorld at day 0: \(normNotes.joined(separator: ", ")) "
        + "(the historical engine's: ≈ \(f3(Engine.historicalSigma * Double(TaobaoLayout.actionSize).squareRoot())))."
)

// MARK: - Figure 5

if options.overTheDay || budget == .full {
    let figure5Start = ProgressLine.monotonicSeconds()
    notebook.heading("Figure 5: R2P over the day, virtual and real")
    let timeOfDay = TimeOfDay()
    notebook.text(
        """
        The paper's Figure 5 cuts one day's log into 12 parts in time order, builds a simulator from each \
        and compares the historical engine's R2P per part, virtual against real. TaobaoWorld's purchase \
        intent has no clock unless asked for; here it gets its documented time-of-day effect (`TimeOfDay`: \
        the buying odds × e^(a·cos(2π(h − \(Int(timeOfDay.peakHour)))/24)), a = \(timeOfDay.amplitude), an \
        evening peak), the sessions of the day arrive in time order, and each 2-hour part gets its own \
        behaviour-cloning and MAIL simulator (MAIL: \(max(1, mailIterations / 4)) iterations). The \
        simulators do not see the hour: each only knows its part's log.
        """)
    let dayWorld = TaobaoWorld(timeOfDay: timeOfDay.withSessionsPerDay(sessions))
    let dayLog = HistoricalLog.generate(world: dayWorld, sessions: sessions, seed: options.chapter.seed &+ 55)
    var partRecipe = recipe
    partRecipe.mailIterations = max(1, mailIterations / 4)
    partRecipe.discriminatorPretraining = 20
    var realR2P: [Double] = []
    var bcR2P: [Double] = []
    var mailR2P: [Double] = []
    let partProgress = ProgressLine("simulators of the day's 12 parts", total: 12, unit: "parts")
    for (i, part) in dayLog.parts(12).enumerated() {
        realR2P.append(part.metrics().r2p)
        let sims = notebook.stopIfFails(metrics: metrics) {
            try LearnedSimulators.build(log: part, customers: .logged(LoggedCustomers(log: part)), recipe: partRecipe)
        }
        for (sim, into) in [(sims.behaviourCloning, 0), (sims.mail, 1)] {
            let r2p = SessionStatistics.measure(
                sim, engine: .random(), sessions: evaluationSessions / 4, seed: options.chapter.seed &+ 66,
                maxPages: 15, world: world
            ).metrics.r2p
            if into == 0 { bcR2P.append(r2p) } else { mailR2P.append(r2p) }
        }
        partProgress.update(step: i + 1, ("real R2P", realR2P.last!), ("MAIL R2P", mailR2P.last!))
    }
    partProgress.finish()
    let hours = (0..<12).map { Double(2 * $0 + 1) }
    var figure5 = LinePlot(title: "R2P of the historical engine over the day", xLabel: "hour", yLabel: "R2P")
    figure5.line(name: "TaobaoWorld (the part's log)", x: hours, y: realR2P)
    figure5.line(name: "BC simulator of the part", x: hours, y: bcR2P)
    figure5.line(name: "MAIL simulator of the part", x: hours, y: mailR2P)
    notebook.figure(figure5, name: "figure5-over-the-day")
    var partTable = Table(columns: [
        .init("hours"), .init("real R2P", precision: 4), .init("BC", precision: 4), .init("MAIL", precision: 4),
    ])
    for i in 0..<12 { partTable.row("\(2 * i)–\(2 * i + 2) h", realR2P[i], bcR2P[i], mailR2P[i]) }
    notebook.table(partTable, caption: "The historical engine's R2P per part of the day")
    func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let ma = mean(a), mb = mean(b)
        let cov = zip(a, b).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) }
        let va = a.reduce(0) { $0 + ($1 - ma) * ($1 - ma) }, vb = b.reduce(0) { $0 + ($1 - mb) * ($1 - mb) }
        return cov / (va * vb).squareRoot()
    }
    notebook.text(
        "Pearson correlation with the real curve over the 12 parts: BC \(f3(correlation(realR2P, bcR2P))), "
            + "MAIL \(f3(correlation(realR2P, mailR2P))).")
    metrics["figure5_real"] = .numbers(realR2P)
    metrics["figure5_bc"] = .numbers(bcR2P)
    metrics["figure5_mail"] = .numbers(mailR2P)
    notebook.timings["figure5_seconds"] = .number(ProgressLine.monotonicSeconds() - figure5Start)
}

// MARK: - 7. The saved simulators

notebook.heading("7. The saved simulators, for chapters 9 and 10")
for (name, simulator) in [("bc", bc), ("mail", mail)] {
    let url = notebook.directory.appendingPathComponent("virtual-taobao-\(name).params")
    do {
        try simulator.save(to: url.path)
        notebook.text("Saved `\(url.lastPathComponent)`: chapter 9 loads it with `--simulator`.")
    } catch {
        ChapterExit.fail("could not save the \(name) simulator: \(error)")
    }
}

// MARK: - 8. Your exercises

notebook.heading("8. Your exercises")
notebook.text(
    """
    Exercises/ch08-mail holds two stubs: 8.1 MAIL's reward from the discriminator's logit (with --mine \
    MAIL trains with it), 8.2 behaviour cloning's log-likelihood of one page. Fill them in, then run \
    `swift test --filter "Chapter 8"`. Here is what your code does right now:
    """)
notebook.table(exerciseTable())

let totalSeconds = ProgressLine.monotonicSeconds() - started
notebook.note("Wall time of this run: \(String(format: "%.0f", totalSeconds)) s (wall times are in timings.json).")
metrics["sessions"] = .number(Double(sessions))
metrics["mail_iterations"] = .number(Double(mailIterations))
notebook.timings["total_seconds"] = .number(totalSeconds)
notebook.finish(metrics: metrics, csvFiles: [("table2", table2CSV)])
