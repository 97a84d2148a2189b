// Chapter 6 — Split-feature PPO (the report's §3.3) and the report's Figure 1, re-run.
//
// Run:  swift run ch06-split-ppo                   (10 s in the debug build: 3 learners × 3 seeds)
//       swift run ch06-split-ppo --quick           (a few seconds, one seed, for CI)
//       swift run ch06-split-ppo --full            (5 seeds and the ratio-1 ablation, ≈ 1.5 min)
//       swift run ch06-split-ppo --update-ratio 1  (the split network with plain joint updates)
//       swift run ch06-split-ppo --virtualtb DIR   (Figure 1 in the published VirtualTB-v0 as well)
//       swift run ch06-split-ppo --help            (flags)
//
// It reads top to bottom like a notebook: (1) the split network and its update schedule; (2) the
// engines and the report's measure (CTR over 50 customers); (3) Figure 1: DDPG, PPO and split PPO
// trained over several seeds, with mean ± std bands against the random and oracle engines;
// (4) split PPO against PPO at equal environment steps; (5) what a CTR near 1 would mean;
// (6) your exercises.
import ArgumentParser
import Ch06Exercises
import Foundation
import RecRL

let options = Options.parseOrExit()
/// The published VirtualTB-v0's networks with `--virtualtb DIR`; a bad folder stops here (exit 64).
let virtualTBModels = options.virtualTB.loadOrExit()
let budget = options.chapter.budget
let seedCount = options.seeds ?? [Budget.quick: 1, .standard: 3, .full: 5][budget]!
let ppoSteps = options.training.steps(options.chapter.budget, quick: 4_096, standard: 30_720, full: 102_400)
let ddpgSteps = options.ddpgSteps ?? [Budget.quick: 200, .standard: 1_000, .full: 4_000][budget]!
let runsAblation = options.ablation || budget == .full
let seeds = (0..<UInt64(seedCount)).map { options.chapter.seed &+ $0 }
let notebook = options.chapter.notebook(chapter: "ch06-split-ppo", title: "Chapter 6 — Split-feature PPO and Figure 1")
let format = { (x: Double, digits: Int) in String(format: "%.\(digits)f", x) }
let started = ProgressLine.monotonicSeconds()

/// PPO's configuration: chapter 5's TaobaoWorld setting `PPOConfig.taobaoWorld` (8 customers × 256
/// pages per 2,048-row rollout, minibatch 256, 4 epochs, lr 1e-3, γ = 0.3, λ = 0.5), the same for
/// PPO and split PPO.
let ppoConfig = options.ppo.configure(.taobaoWorld)
var splitConfig = SplitFeatureConfig()
splitConfig.updateRatio = options.updateRatio
let ppoIterations = TrainingSteps.iterations(covering: ppoSteps, stepsPerIteration: ppoConfig.rolloutSize)
let updatesPerIteration = ppoConfig.epochs * (ppoConfig.rolloutSize / ppoConfig.minibatchSize)

// MARK: - 1. The split network

notebook.heading("1. The split network and its schedule")
notebook.text(
    """
    The report's improved PPO (§3.3) splits the customer in two: the 88 one-hot attributes, \
    which never change during a session, and the 3 dynamic counters (last page's clicks, clicks \
    so far, pages so far). Each goes through its own three-layer tower of 128 tanh units; one \
    linear layer joins the two towers' outputs into the mean of the Gaussian policy over the 27 \
    ranking weights. log σ, the critic and the PPO loss are chapter 5's.
    """)
notebook.code(
    """
    s = [ s_static (88 one-hot) | s_dynamic (3 counts) ]
            │                            │
      Linear 88→128, tanh          Linear 3→128, tanh
      Linear 128→128, tanh         Linear 128→128, tanh
      Linear 128→128, tanh         Linear 128→128, tanh
            │ h_s (128)                  │ h_d (128)
            └──────────── concat ────────┘
                        │ [h_s, h_d] (256)
                 Linear 256→27 (the join)
                        │
               μ(s) (27)     log σ (27, learned)  →  π(a|s) = N(μ(s), σ²)
    """)
var probeRNG = RNG(seed: 0)
let probe = PPO(config: ppoConfig, split: splitConfig, observationSize: 91, actionSize: 27, rng: &probeRNG)
var sizes = Table(columns: [.init("part"), .init("parameters", precision: 0), .init("Adam step")])
sizes.row(
    "static tower (88→128→128→128)", probe.policy.staticTower.parameterCount, "every \(options.updateRatio)th update")
sizes.row("dynamic tower (3→128→128→128)", probe.policy.dynamicTower.parameterCount, "every update")
sizes.row("join (256→27) and log σ", probe.policy.join.parameterCount + 27, "every update")
sizes.row("critic (91→128→128→1, chapter 5's)", probe.value.parameterCount, "every update")
notebook.table(sizes, caption: "The split actor and PPO's critic")
notebook.text(
    """
    The schedule ("we set the update frequency of the 3-dimensions MLP is one hundred times that \
    of the other one"), as implemented: PPO counts its minibatch updates u = 0, 1, 2, … over the \
    run. After each minibatch's backward pass and the global gradient clip, the dynamic tower, the \
    join, log σ and the critic take an Adam step; the static tower takes one only when \
    (u + 1) is a multiple of the ratio (\(options.updateRatio)), with that minibatch's gradient — the \
    other minibatches' gradients for it are discarded, not accumulated. One PPO iteration here is \
    \(ppoConfig.epochs) epochs × \(ppoConfig.rolloutSize / ppoConfig.minibatchSize) minibatches = \
    \(updatesPerIteration) updates, so the static tower moves about every \
    \(format(Double(options.updateRatio) / Double(updatesPerIteration), 1)) iterations \
    (\(format(Double(options.updateRatio) / Double(updatesPerIteration) * Double(ppoConfig.rolloutSize), 0)) \
    environment steps). `--update-ratio 1` steps both towers on every update.
    """)
var schedule = Table(columns: [
    .init("update u", precision: 0), .init("dynamic tower, join, log σ, critic"), .init("static tower"),
])
let shown =
    options.updateRatio <= 5
    ? Array(0..<(2 * options.updateRatio + 1))
    : [0, 1, 2, options.updateRatio - 2, options.updateRatio - 1, options.updateRatio, 2 * options.updateRatio - 1]
for u in shown {
    schedule.row(
        u, "step", SplitFeatureSchedule.staticTowerIsStepped(update: u, ratio: options.updateRatio) ? "step" : "—")
}
notebook.table(
    schedule,
    caption: "Which parameter group takes an Adam step on which minibatch update (ratio \(options.updateRatio))")

// MARK: - 2. The worlds, the engines and the report's measure

notebook.heading("2. The report's measure and the engines")
notebook.text(
    """
    The report's Figure 1 plots "the mean CTR of 50 states generated randomly". We evaluate every \
    curve point the same way: the deterministic policy (the mean action; DDPG's μ(s)) on the same \
    \(options.customers) seeded customers, CTR pooled over their sessions — total clicks / \
    (10 × pages). The report's sessions were one page long ("our experiments are based on one page \
    items"), and with one page per customer the pooled CTR and the mean of per-customer CTRs are \
    the same number; our sessions last several pages, and we keep the pooled CTR because it is the \
    course's measure (chapters 1, 4, 5) and the one the normalised score is defined on. Fifty \
    customers make a noisy point (a few hundredths), so each run's final policy is also scored on \
    \(options.scoreCustomers) customers: (CTR − random) / (oracle − random).
    """)

let evaluationSeed: UInt64 = 2_019_050
let world = TaobaoWorld()
let taobaoArena = Arena(
    curve: .taobaoWorld(world, customers: options.customers, seed: evaluationSeed),
    final: .taobaoWorld(world, customers: options.scoreCustomers, seed: evaluationSeed))
let virtualTBArena: Arena? = virtualTBModels.map { models in
    func arena(_ sessions: Int) -> EvaluationArena {
        .environment(VirtualTB(models: models, seed: 0), name: "VirtualTB-v0", sessions: sessions, seed: evaluationSeed)
    }
    return Arena(curve: arena(options.customers), final: arena(options.scoreCustomers))
}
let arenas = [taobaoArena] + (virtualTBArena.map { [$0] } ?? [])
let setting = FigureSetting(
    ppoConfig: ppoConfig, splitConfig: splitConfig, ppoIterations: ppoIterations, ddpgSteps: ddpgSteps,
    evaluations: options.evaluations, world: world, virtualTBModels: virtualTBModels)

var engines = Table(columns: [
    .init("world"), .init("engine"), .init("CTR, \(options.customers) customers", precision: 3),
    .init("CTR, \(options.scoreCustomers) customers", precision: 3),
])
for arena in arenas {
    engines.row(
        arena.name, arena.name == "VirtualTB-v0" ? "random (uniform in [−1, 1])" : "random (historical, σ = 0.1)",
        arena.random.curve, arena.random.score)
    if let oracle = arena.oracle { engines.row(arena.name, "oracle (knows each taste)", oracle.curve, oracle.score) }
}
notebook.table(engines, caption: "Reference engines on the evaluation customers (the same customers for every policy)")

// MARK: - 3. Figure 1

notebook.heading("3. The report's Figure 1, re-run")
notebook.text(
    """
    What an "iteration" is differs between the learners, so the common x axis is environment \
    steps (pages shown while training). A DDPG iteration is one environment step followed by one \
    gradient step on a minibatch of 100 (the report's Algorithm 1 with an update every step; the \
    first min(1,000, steps/4) steps act at random and do not update). A PPO iteration — plain or \
    split — is a rollout of \(ppoConfig.rolloutSize) environment steps (\(ppoConfig.environmentCount) \
    customers × \(ppoConfig.stepsPerEnvironment) pages) followed by \(updatesPerIteration) minibatch \
    updates. DDPG does far more computing per environment step (an update per step), so at one \
    minute it sees far fewer steps: each algorithm gets its own budget, and the figure shows both \
    axes honestly — the curves end where each budget ended.
    """)
var budgetTable = Table(columns: [
    .init("algorithm"), .init("env steps per seed", precision: 0), .init("iterations per seed", precision: 0),
    .init("seeds", precision: 0),
])
for algorithm in options.algorithms {
    let steps = algorithm == .ddpg ? ddpgSteps : ppoIterations * ppoConfig.rolloutSize
    budgetTable.row(algorithm.label, steps, algorithm == .ddpg ? ddpgSteps : ppoIterations, seedCount)
}
if runsAblation && options.algorithms.contains(.split) && options.updateRatio != 1 {
    budgetTable.row("split PPO, ratio 1", ppoIterations * ppoConfig.rolloutSize, ppoIterations, seedCount)
}
notebook.table(budgetTable, caption: "Budgets of this run")

/// The learners of one figure: label, algorithm, ratio.
var learners: [(label: String, algorithm: Algorithm, ratio: Int)] = options.algorithms.map { algorithm in
    (
        algorithm == .split ? "split PPO (ratio \(options.updateRatio))" : algorithm.label, algorithm,
        options.updateRatio
    )
}
if runsAblation && options.algorithms.contains(.split) && options.updateRatio != 1 {
    learners.append(("split PPO (ratio 1)", .split, 1))
}

/// The report's numbers (read off its Figure 1 and text; VirtualTB-v0, one-page sessions).
let reported: [Algorithm: String] = [
    .ddpg: "≈ 0.5 peak by 200 iterations, then ≈ 0.42 after 2,000",
    .ppo: "rises to ≈ 0.37, never above 0.4",
    .split: "→ ≈ 1.0 by 5,000 iterations",
]

var allRuns: [String: [String: [Run]]] = [:]  // arena → learner → runs
var metrics = Metrics()
for arena in arenas {
    notebook.heading("Figure 1 in \(arena.name)", level: 3)
    var figure = LinePlot(
        title: "Figure 1 re-run in \(arena.name): \(seedCount) seed\(seedCount == 1 ? "" : "s"), mean ± std",
        xLabel: "environment steps while training",
        yLabel: "CTR of the deterministic policy (\(options.customers) customers, pooled)")
    var perSeed = Table(
        columns: [
            .init("learner"), .init("seed", precision: 0), .init("env steps", precision: 0),
            .init("iterations", precision: 0),
            .init("peak CTR@\(options.customers)", precision: 3), .init("at step", precision: 0),
            .init("final CTR@\(options.customers)", precision: 3),
            .init("final CTR@\(options.scoreCustomers)", precision: 3),
        ] + (arena.oracle == nil ? [] : [.init("score", precision: 2)]) + [
            .init("seconds", precision: 0, isTiming: true)
        ])
    var csv = CSV(header: ["world", "learner", "seed", "env_steps", "iterations", "ctr"])
    for learner in learners {
        // The seeds train at once, one per core (Training.swift): the same numbers as one by one.
        let runs = notebook.stopIfFails(metrics: metrics) {
            try trainSeeds(
                seeds, label: learner.label, algorithm: learner.algorithm, ratio: learner.ratio, arena: arena,
                setting: setting)
        }
        for run in runs {
            let seed = run.seed
            let score = arena.oracle.map {
                EngineMetrics.normalisedScore(run.finalCTR, random: arena.random.score, oracle: $0.score)
            }
            let peak = run.curve.peak
            perSeed.row(
                [
                    learner.label, Int(seed), run.curve.steps.last!, run.curve.iterations.last!, peak.value, peak.step,
                    run.curve.final, run.finalCTR,
                ] + (score.map { [$0] } ?? []) + [run.curve.seconds])
            for (i, step) in run.curve.steps.enumerated() {
                csv.row(arena.name, learner.label, Int(seed), step, run.curve.iterations[i], run.curve.values[i])
            }
        }
        allRuns[arena.name, default: [:]][learner.label] = runs
        let (x, values) = LearningCurve.runs(runs.map(\.curve))
        figure.band(name: learner.label, x: x, runs: values)
    }
    if let oracle = arena.oracle { figure.hline(name: "oracle", y: oracle.curve) }
    figure.hline(name: "random engine", y: arena.random.curve)
    let figureName = arena.name == "TaobaoWorld" ? "figure-1" : "figure-1-virtualtb"
    notebook.figure(
        figure, name: figureName,
        caption:
            "CTR against environment steps in \(arena.name), mean ± std over seeds \(seeds.map(String.init).joined(separator: ", "))"
    )
    // DDPG's budget is a sliver of the shared axis: draw its seeds alone, one line each, to show
    // the report's rise and fall.
    if let ddpgRuns = allRuns[arena.name]?["DDPG"] {
        var zoom = LinePlot(
            title: "DDPG in \(arena.name), each seed", xLabel: "environment steps (= DDPG iterations)",
            yLabel: "CTR of μ(s) (\(options.customers) customers, pooled)")
        for run in ddpgRuns {
            zoom.line(name: "DDPG, seed \(run.seed)", x: run.curve.steps.map(Double.init), y: run.curve.values)
        }
        if let oracle = arena.oracle { zoom.hline(name: "oracle", y: oracle.curve) }
        zoom.hline(name: "random engine", y: arena.random.curve)
        notebook.figure(
            zoom, name: figureName + "-ddpg",
            caption: "DDPG's curves, one per seed (the report: ≈ 0.5 by 200 iterations, then ≈ 0.42)")
    }
    notebook.table(
        perSeed,
        caption:
            "Every run (\(arena.name)). Peak and final on the report's \(options.customers) customers; final also on \(options.scoreCustomers)"
    )
    try? csv.write(to: notebook.directory.appendingPathComponent("\(figureName)-curves.csv"))

    // The report's numbers beside ours.
    var beside = Table(
        columns: [
            .init("learner"), .init("the report (VirtualTB-v0)"),
            .init("ours: peak CTR@\(options.customers), mean ± std", precision: 3),
            .init("ours: final CTR@\(options.customers)", precision: 3),
            .init("ours: final CTR@\(options.scoreCustomers)"),
        ] + (arena.oracle == nil ? [] : [.init("ours: score")]))
    for learner in learners {
        let runs = allRuns[arena.name]![learner.label]!
        let peaks = runs.map(\.curve.peak.value)
        let finals = runs.map(\.curve.final)
        let scored = runs.map(\.finalCTR)
        let (pm, ps) = LinePlot.meanAndStd(over: peaks.map { [$0] })
        let (fm, fs) = LinePlot.meanAndStd(over: finals.map { [$0] })
        let (sm, ss) = LinePlot.meanAndStd(over: scored.map { [$0] })
        var row: [any TableCellConvertible] = [
            learner.label, learner.ratio == 1 && learner.algorithm == .split ? "—" : reported[learner.algorithm]!,
            "\(format(pm[0], 3)) ± \(format(ps[0], 3))", "\(format(fm[0], 3)) ± \(format(fs[0], 3))",
            "\(format(sm[0], 3)) ± \(format(ss[0], 3))",
        ]
        if let oracle = arena.oracle {
            let scores = scored.map {
                EngineMetrics.normalisedScore($0, random: arena.random.score, oracle: oracle.score)
            }
            let (m, s) = LinePlot.meanAndStd(over: scores.map { [$0] })
            row.append("\(format(m[0], 2)) ± \(format(s[0], 2))")
            metrics["\(arena.name)_\(learner.label)_score_mean"] = .number(m[0])
            metrics["\(arena.name)_\(learner.label)_score_std"] = .number(s[0])
            metrics["\(arena.name)_\(learner.label)_scores"] = .numbers(scores)
        }
        metrics["\(arena.name)_\(learner.label)_final_ctr"] = .numbers(scored)
        metrics["\(arena.name)_\(learner.label)_peak_ctr"] = .numbers(peaks)
        metrics["\(arena.name)_\(learner.label)_steps"] = .number(Double(runs[0].curve.steps.last!))
        notebook.timings["\(arena.name)_\(learner.label)_seconds"] = .numbers(runs.map(\.curve.seconds))
        beside.row(row)
    }
    notebook.table(
        beside,
        caption:
            "The report's Figure 1 beside ours in \(arena.name) (mean ± std over \(seedCount) seeds, population std)")
    metrics["\(arena.name)_random_ctr"] = .number(arena.random.score)
    if let oracle = arena.oracle { metrics["\(arena.name)_oracle_ctr"] = .number(oracle.score) }
}

// MARK: - 4. Split PPO against PPO

notebook.heading("4. Does splitting help? Split PPO against PPO at equal environment steps")
let splitLabel = "split PPO (ratio \(options.updateRatio))"
var comparedAny = false
for arena in arenas {
    guard let learned = allRuns[arena.name], let plain = learned["PPO"], let split = learned[splitLabel] else {
        continue
    }
    comparedAny = true
    // In TaobaoWorld the normalised score; in VirtualTB-v0 (no oracle) the CTR itself.
    let measure = arena.oracle == nil ? "CTR" : "score"
    func measured(_ runs: [Run]) -> [Double] {
        guard let oracle = arena.oracle else { return runs.map(\.finalCTR) }
        return runs.map { EngineMetrics.normalisedScore($0.finalCTR, random: arena.random.score, oracle: oracle.score) }
    }
    let a = measured(plain), b = measured(split)
    let jointScores = learned["split PPO (ratio 1)"].map(measured)
    var pairs = Table(
        columns: [
            .init("seed", precision: 0), .init("PPO \(measure)", precision: 3),
            .init("\(splitLabel) \(measure)", precision: 3), .init("split − PPO", precision: 3),
        ] + (jointScores == nil ? [] : [.init("split PPO (ratio 1) \(measure)", precision: 3)]))
    for (i, seed) in seeds.enumerated() {
        pairs.row([Int(seed), a[i], b[i], b[i] - a[i]] + (jointScores.map { [$0[i]] } ?? []))
    }
    notebook.table(
        pairs,
        caption:
            "\(arena.name): the final policy's \(measure) on \(options.scoreCustomers) customers after \(ppoIterations * ppoConfig.rolloutSize) environment steps, same seeds"
    )
    // The paired differences (same seed, same customers): their mean and its standard error.
    let differences = zip(a, b).map { $1 - $0 }
    let n = Double(differences.count)
    let meanA = a.reduce(0, +) / n, meanB = b.reduce(0, +) / n
    let meanDifference = differences.reduce(0, +) / n
    let standardError =
        differences.count < 3
        ? Double.nan
        : (differences.reduce(0) { $0 + ($1 - meanDifference) * ($1 - meanDifference) } / (n - 1) / n).squareRoot()
    let verdict: String
    if standardError.isNaN {
        verdict = "fewer than 3 seeds are too few to tell a difference from noise (run with more --seeds)"
    } else if Swift.abs(meanDifference) < 2 * standardError {
        verdict =
            "the difference is within twice its standard error (\(format(standardError, 3))): not measurable with these seeds"
    } else {
        verdict =
            "the difference is more than twice its standard error (\(format(standardError, 3))): \(meanDifference > 0 ? "split PPO is measurably ahead" : "PPO is measurably ahead")"
    }
    var ablationText = ""
    if let c = jointScores {
        ablationText =
            " The split network with ratio 1 (both towers stepped every update) reaches \(format(c.reduce(0, +) / n, 3)): the gap between it and ratio \(options.updateRatio) is the schedule's doing, the gap between it and PPO the towers'."
    }
    let claim =
        arena.oracle.map { oracle in
            " The report's claim — split PPO far above PPO, near CTR 1 — \(meanDifference > 0.2 ? "holds in direction (a large lead), but" : "does not reproduce in TaobaoWorld: the two are not in different leagues, and") no policy can approach CTR 1 here (the oracle, which knows every taste, is at \(format(oracle.score, 3)))."
        }
        ?? " (The report's split PPO reached ≈ 1.0 in VirtualTB-v0 by 5,000 iterations; see the table above for ours at this budget.)"
    notebook.text(
        """
        \(arena.name), \(ppoIterations * ppoConfig.rolloutSize) environment steps: PPO \(format(meanA, 3)), \
        \(splitLabel) \(format(meanB, 3)) (\(measure), mean over \(seedCount) seed\(seedCount == 1 ? "" : "s")); split − PPO \
        = \(format(meanDifference, 3)) on average, ahead on \(differences.filter { $0 > 0 }.count) of \(seedCount) \
        seeds; \(verdict).\(ablationText)\(claim)
        """)
    metrics["\(arena.name)_split_minus_ppo_mean"] = .number(meanDifference)
    metrics["\(arena.name)_split_minus_ppo_standard_error"] = .number(standardError)
}
if !comparedAny {
    notebook.text("(Needs PPO and split PPO: run without --only, or with --only ppo,split.)")
}

// MARK: - 5. What a CTR near 1 would mean

notebook.heading("5. What a CTR near 1 means in a learned simulator")
notebook.text(
    """
    The report's split PPO "nearly get[s] 1 CTR for one page items. It means customer will choose \
    to click all ten items on one page we recommend." In TaobaoWorld that is impossible: a click \
    needs interest, the best item on a page is clicked with probability well below 1, and the \
    oracle that knows each customer's hidden taste reaches only the CTR in the table above. In \
    VirtualTB-v0 the clicks come from a neural network trained on logs, which was never shown a \
    page that every customer clicks in full; a policy that finds 27 weights for which the \
    network's output saturates has found an error of the simulator, not a better ranking. That is \
    why the report's conclusion worries about "the dangerous area of the overfitting", and why \
    Virtual-Taobao's authors add Action Norm Constraint (ANC) when they train policies in their \
    simulator: it penalises actions far from those the logged engine took, where the simulator is \
    unreliable. Chapter 9 builds a simulator from logged data, lets a policy exploit it, and \
    measures the gap on the ground truth with and without ANC — TaobaoWorld's oracle line is the \
    honest ceiling a learned simulator lets a policy forget.
    """)
// The highest final CTR any run reached in each world, for the reader to set beside the report's ≈ 1.
var highest = Table(columns: [.init("world"), .init("highest final CTR@\(options.scoreCustomers)"), .init("run")])
for (worldName, learners) in allRuns.sorted(by: { $0.key < $1.key }) {
    let best = learners.flatMap { label, runs in runs.map { (label: label, run: $0) } }.max {
        $0.run.finalCTR < $1.run.finalCTR
    }
    if let best { highest.row(worldName, best.run.finalCTR, "\(best.label), seed \(best.run.seed)") }
}
notebook.table(highest, caption: "The highest CTR of this run's final policies, per world")

// MARK: - 6. Your exercises

notebook.heading("6. Your exercises")
notebook.text(
    """
    Exercises/ch06-split-ppo holds two stubs: 6.1 the split network's mean from the two towers' \
    outputs and the joining layer, 6.2 the update schedule of the static tower. Fill them in, then \
    run `swift test --filter "Chapter 6"`. Here is what your code does right now:
    """)
var yours = Table(columns: [.init("exercise"), .init("status")])
yours.row(
    "6.1 the split network's mean",
    exerciseStatus {
        let got = try splitNetworkMean(
            staticFeatures: [0.5, -1], dynamicFeatures: [2], joinWeight: [[1, 0], [0, 1], [0.5, -0.5]],
            joinBias: [0.1, -0.2])
        return got.count == 2 && zip(got, [1.6, -2.2]).allSatisfy { abs($0 - $1) < 1e-9 }
    })
yours.row(
    "6.2 the schedule",
    exerciseStatus {
        try (0..<300).allSatisfy {
            try staticTowerIsStepped(update: $0, ratio: 3)
                == SplitFeatureSchedule.staticTowerIsStepped(update: $0, ratio: 3)
        }
    })
notebook.table(yours)

// MARK: - Results

let totalSeconds = ProgressLine.monotonicSeconds() - started
notebook.note("Wall time of this run: \(format(totalSeconds, 0)) s (wall times are in timings.json).")
metrics["seeds"] = .numbers(seeds.map(Double.init))
metrics["update_ratio"] = .number(Double(options.updateRatio))
metrics["ppo_env_steps"] = .number(Double(ppoIterations * ppoConfig.rolloutSize))
metrics["ddpg_env_steps"] = .number(Double(ddpgSteps))
metrics["curve_customers"] = .number(Double(options.customers))
metrics["score_customers"] = .number(Double(options.scoreCustomers))
notebook.timings["total_seconds"] = .number(totalSeconds)
notebook.finish(metrics: metrics)
