// Chapter 3 — Policy gradient: from the likelihood-ratio trick to GAE, learning in TaobaoWorld.
//
// Run:  swift run ch03-policy-gradient            (8 s in the debug build)
//       swift run ch03-policy-gradient --quick    (a few seconds)
//       swift run ch03-policy-gradient --mine     (train with your GAE from Exercise 3.2)
//       swift run ch03-policy-gradient --help     (flags)
//
// It reads top to bottom like a notebook: (1) the likelihood-ratio trick on a one-dimensional
// policy, where the true gradient is known; (2) the four choices of Ψ in ∇J = E[∇ log π · Ψ] —
// total return, reward-to-go, reward-to-go minus a learned baseline, GAE — compared by the
// variance of the gradient they give on one fixed policy; (3) REINFORCE with a value baseline and
// GAE trained in TaobaoWorld, against the random and oracle engines; (4) your exercises.
import ArgumentParser
import Ch03Exercises
import Foundation
import RecRL

let options = Options.parseOrExit()
let budget = options.chapter.budget
let iterations = options.training.steps(options.chapter.budget, quick: 30, standard: 500, full: 3_000)
let batchCount = options.batches ?? [Budget.quick: 6, .standard: 30, .full: 100][budget]!
let customers = options.customers ?? (budget == .quick ? 100 : 500)
let warmupIterations = budget == .quick ? 10 : 100
let notebook = options.chapter.notebook(
    chapter: "ch03-policy-gradient", title: "Chapter 3 — Policy gradient: from the likelihood-ratio trick to GAE")
let clock = Date()
func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

let config = options.config

// MARK: - 1. The likelihood-ratio trick on one dimension

notebook.heading("1. The likelihood-ratio trick, where the answer is known")
notebook.text(
    """
    We want ∇_θ J with J(θ) = E_{a~π_θ}[f(a)], but f (the customers) cannot be differentiated: we \
    only see f at the actions we try. The likelihood-ratio (score-function) trick moves the \
    gradient onto the policy, which we can differentiate: ∇_θ E[f(a)] = ∫ f(a) ∇_θ π_θ(a) da = \
    E[f(a) ∇_θ log π_θ(a)], because ∇π = π ∇log π. So the average of f(aᵢ) ∇ log π(aᵢ) over \
    sampled actions is an unbiased estimate. Subtracting a constant b from f changes nothing on \
    average (E[∇ log π] = ∫ ∇π = ∇1 = 0) but can cut the variance a lot.

    Try it where the answer is known: π = N(μ, 1) at μ = 0 and f(a) = −(a − 2)², so \
    J(μ) = −((μ − 2)² + 1) and ∂J/∂μ = −2(μ − 2) = 4. With ∇_μ log π(a) = (a − μ)/σ², each \
    estimate below averages n = 100 samples; we repeat it 2,000 times to see its spread. The \
    baseline is b = E[f] = −5.
    """)
var rng = RNG(seed: options.chapter.seed)
var toy = Table(columns: [
    .init("estimator"), .init("mean of 2,000 estimates"), .init("std of one estimate"),
    .init("true ∂J/∂μ", precision: 0),
])
var toyStd: [Double] = []
for (name, baseline) in [("f(a) · ∇log π", 0.0), ("(f(a) − b) · ∇log π", -5.0)] {
    var estimates: [Double] = []
    var toyRNG = RNG(seed: options.chapter.seed &+ 1)  // the same samples for both estimators
    for _ in 0..<2_000 {
        var sum = 0.0
        for _ in 0..<100 {
            let a = toyRNG.normal()
            sum += (-(a - 2) * (a - 2) - baseline) * a
        }
        estimates.append(sum / 100)
    }
    let mean = estimates.reduce(0, +) / Double(estimates.count)
    let std = (estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(estimates.count - 1)).squareRoot()
    toyStd.append(std)
    toy.row(name, mean, std, 4)
}
notebook.table(toy, caption: "Score-function estimates of ∂J/∂μ = 4 (n = 100 samples each)")
notebook.text(
    """
    Both are right on average; the baseline cuts the spread of one estimate from \(f(toyStd[0], 2)) to \
    \(f(toyStd[1], 2)). Everything in the rest of the chapter is this idea applied to whole sessions.
    """)

// MARK: - 2. Which Ψ? The variance of the gradient on a fixed policy

/// Weights and biases of each layer of the mean network, plus the log σ vector.
let policySizes = [TaobaoLayout.observationSize] + config.hiddenSizes + [TaobaoLayout.actionSize]
let policyParameterCount =
    zip(policySizes, policySizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 } + TaobaoLayout.actionSize

notebook.heading("2. From R(τ) to GAE: the variance of the gradient on one fixed policy")
notebook.text(
    """
    For a session τ = (s₀, a₀, r₀, s₁, …) the same trick gives ∇J = E[Σₜ ∇ log π(aₜ|sₜ) · Ψₜ] \
    (Williams 1992; Sutton et al. 2000), and Ψₜ can be any of (Schulman et al. 2016, §2):

    - R(τ), the whole session's discounted return — the trick applied to p_θ(τ) as is;
    - R̂ₜ = Σ_{t′≥t} γ^{t′−t} r_{t′}, the reward-to-go: an action cannot change the clicks that \
    came before it, so those terms are zero on average and only add noise;
    - R̂ₜ − V(sₜ): subtract a learned baseline, the value of the state (how many clicks this \
    customer at this page usually gives), so Ψ says whether aₜ did better or worse than usual;
    - GAE(γ, λ): Âₜ = Σ_l (γλ)^l δₜ₊ₗ with δₜ = rₜ + γV(sₜ₊₁) − V(sₜ), which trusts V for the \
    far future: λ = 1 is R̂ₜ − V(sₜ) (bootstrapped), λ = 0 the one-step TD error δₜ.

    To compare them we fix a policy — REINFORCE trained for \(warmupIterations) batches, so it is \
    better than random and V has been fitted to it — then draw \(batchCount) fresh batches of \
    \(config.batchSize) pages from it and compute, for each Ψ, the gradient estimate \
    ĝ = (1/B) Σᵢ Ψᵢ ∇_θ log π(aᵢ|sᵢ) on each batch (raw Ψ, not standardised; θ is all \
    \(policyParameterCount) policy parameters). \
    The table gives the total variance tr Var[ĝ] of one batch's estimate (summed over \
    parameters), how many batches you would have to average before the noise is as small as the \
    signal (tr Var[ĝ] / ‖∇J‖², with ‖∇J‖² estimated from R̂ₜ − V(sₜ), an unbiased Ψ), and the \
    bias of GAE: how far its average gradient is from that of R̂ₜ − V(sₜ) on the same batches, \
    relative to ‖∇J‖ (noise subtracted; R(τ) and R̂ₜ are unbiased by construction). \
    The last two columns are rough: ‖∇J‖² is itself estimated from \(batchCount) noisy batches \
    (`--full` uses 100); the variance ratios are the robust part.
    """)
let world = TaobaoWorld()
func makeCollector(seed: UInt64) -> RolloutCollector<TaobaoWorld> {
    RolloutCollector(
        environments: (0..<config.environments).map { TaobaoWorld(truth: world.truth, seed: seed &+ UInt64($0)) },
        seed: seed)
}
var studyConfig = config
studyConfig.weight = .gae
let studied = REINFORCE(
    config: studyConfig, observationSize: world.observationSize, actionSize: world.actionSize, rng: &rng)
var studyCollector = makeCollector(seed: options.chapter.seed &+ 100)
notebook.stopIfFails {
    _ = try studied.train(collector: &studyCollector, iterations: warmupIterations, rng: &rng)
    for _ in 0..<3 {  // fit V a little more to the policy we now hold fixed
        try studied.fitValue(
            on: studyCollector.collect(
                steps: config.stepsPerEnvironment, policy: studied.policy, value: studied.value, rng: &rng), rng: &rng)
    }
}
let estimators: [(name: String, short: String, psi: (Rollout) -> [Double])] = [
    ("total return R(τ)", "R(τ)", { studied.weights(.totalReturn, for: $0) }),
    ("reward-to-go R̂ₜ", "R̂ₜ", { studied.weights(.rewardToGo, for: $0) }),
    ("R̂ₜ − V(sₜ)", "R̂ₜ − V", { studied.weights(.baseline, for: $0) }),
    (
        "GAE λ = \(config.lambda)", "GAE \(config.lambda)",
        {
            $0.advantages(gamma: config.gamma, lambda: config.lambda).advantages
        }
    ),
    ("GAE λ = 0.5", "GAE 0.5", { $0.advantages(gamma: config.gamma, lambda: 0.5).advantages }),
    ("GAE λ = 0 (TD error)", "TD error", { $0.advantages(gamma: config.gamma, lambda: 0).advantages }),
]
var gradients: [[[Double]]] = estimators.map { _ in [] }
for _ in 0..<batchCount {
    let batch = studyCollector.collect(
        steps: config.stepsPerEnvironment, policy: studied.policy, value: studied.value, rng: &rng)
    for (k, estimator) in estimators.enumerated() {
        gradients[k].append(studied.policyGradient(on: batch, weights: estimator.psi(batch)))
    }
}
func meanVector(_ vectors: [[Double]]) -> [Double] {
    (0..<vectors[0].count).map { i in vectors.reduce(0) { $0 + $1[i] } / Double(vectors.count) }
}
func squaredNorm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 } }
/// tr Var and mean of a list of per-batch vectors: Σᵢ Var[vᵢ] with K − 1 in the denominator.
func spread(_ vectors: [[Double]]) -> (mean: [Double], trace: Double) {
    let mean = meanVector(vectors)
    let trace = vectors.reduce(0) { $0 + squaredNorm(zip($1, mean).map { $0 - $1 }) } / Double(vectors.count - 1)
    return (mean, trace)
}
// ‖E ĝ‖², the true gradient's squared length, estimated without bias from the reference Ψ = R̂ₜ − V(sₜ):
// E‖ḡ‖² = ‖E ĝ‖² + tr Var[ĝ] / K.
let referenceIndex = 2
let referenceSpread = spread(gradients[referenceIndex])
let trueSquaredNorm = squaredNorm(referenceSpread.mean) - referenceSpread.trace / Double(batchCount)
// With few batches the noise term can exceed ‖ḡ‖²: then the gradient's length cannot be told from
// the noise, and the two columns that divide by it say so instead of printing nonsense.
let signalMeasurable = trueSquaredNorm > 0
var varianceTable = Table(columns: [
    .init("Ψ"), .init("tr Var[ĝ]", precision: 2), .init("÷ R(τ)'s", precision: 3),
    .init("batches for SNR 1", precision: 0), .init("bias ÷ ‖∇J‖", precision: 2),
])
var varianceCSV = CSV(header: ["psi", "trace_variance", "variance_ratio", "batches_for_snr_1", "relative_bias"])
var traces: [Double] = []
var varianceRows: [(name: String, trace: Double, batches: Double, bias: Double)] = []
for (k, estimator) in estimators.enumerated() {
    let trace = spread(gradients[k]).trace
    traces.append(trace)
    // Bias against the unbiased reference, from the paired differences on the same batches.
    let difference = spread(zip(gradients[k], gradients[referenceIndex]).map { zip($0, $1).map { $0 - $1 } })
    // R(τ) and R̂ₜ are unbiased by construction (their paired differences are pure noise, too
    // large to subtract reliably); GAE shares most of its noise with R̂ₜ − V(sₜ), so its bias shows.
    let isGAE = k > referenceIndex
    let bias =
        isGAE
        ? (max(0, squaredNorm(difference.mean) - difference.trace / Double(batchCount)) / trueSquaredNorm)
            .squareRoot() : 0
    let batches = trace / trueSquaredNorm
    varianceRows.append((estimator.name, trace, batches, bias))
    let biasCell: any TableCellConvertible
    if !isGAE {
        biasCell = k == referenceIndex ? "0 (reference)" : "0 (unbiased)"
    } else {
        biasCell = signalMeasurable ? String(format: "%.2f", bias) : "n/a"
    }
    let batchesCell = signalMeasurable ? String(format: "%.0f", batches) : "n/a"
    varianceTable.row(estimator.name, trace, trace / traces[0], batchesCell, biasCell)
    varianceCSV.row(estimator.name, trace, trace / traces[0], batches, bias)
}
notebook.table(
    varianceTable,
    caption: "The policy gradient's variance for each Ψ, over \(batchCount) batches of \(config.batchSize) pages "
        + "from one fixed policy")
var varianceBars = BarPlot(
    title: "Variance of the policy-gradient estimate (one fixed policy)", yLabel: "tr Var[ĝ] ÷ that of R(τ)",
    categories: estimators.map(\.short))
varianceBars.bars(name: "\(batchCount) batches of \(config.batchSize) pages", values: traces.map { $0 / traces[0] })
notebook.figure(varianceBars, name: "gradient-variance", caption: "Variance of ĝ relative to Ψ = R(τ)")
let (rtgRow, baselineRow, gaeRow, tdRow) = (varianceRows[1], varianceRows[2], varianceRows[3], varianceRows[5])
notebook.text(
    """
    Reading the table: the whole-session return is by far the noisiest. Dropping the past rewards \
    leaves \(f(rtgRow.trace / traces[0], 3)) of its variance, subtracting V(sₜ) \
    \(f(baselineRow.trace / traces[0], 3)): the same expected gradient from \
    \(f(traces[0] / baselineRow.trace, 0))× fewer samples. GAE with λ = \(config.lambda) is almost the \
    baseline estimator; smaller λ removes more variance but leans on V, which is only an estimate — \
    the bias-variance trade-off λ controls.
    """)
if signalMeasurable {
    notebook.text(
        """
        Against the gradient's own length: R(τ) needs about \(f(varianceRows[0].batches, 0)) batches \
        before their average points the right way (signal-to-noise 1), R̂ₜ − V(sₜ) about \
        \(f(baselineRow.batches, 0)); GAE's bias is \(f(gaeRow.bias, 2)) of the gradient's length at \
        λ = \(config.lambda) and \(f(tdRow.bias, 2)) at λ = 0. These two columns are rough: they \
        divide by ‖∇J‖², itself estimated from \(batchCount) noisy batches.
        """)
} else {
    notebook.text(
        """
        The last two columns need the true gradient's length ‖∇J‖, estimated as ‖ḡ‖² − tr Var/K; on \
        this run the noise term was the larger (the policy sits on a plateau where the gradient is \
        small), so they read n/a: \(batchCount) batches are too few to see the signal at all — \
        which is itself the lesson: REINFORCE's steps are mostly noise, so it must take small ones.
        """)
}

// MARK: - 3. REINFORCE with a value baseline and GAE, in TaobaoWorld

notebook.heading("3. REINFORCE with a value baseline and GAE in TaobaoWorld")
/// With `--mine`: the student's `gaeAdvantages` as an `AdvantageFunction`, and a sentence saying
/// which GAE the run uses (the library's when the exercise is not attempted yet).
func chooseGAE() -> (function: AdvantageFunction?, source: String) {
    guard options.mine else { return (nil, "the library's generalizedAdvantages") }
    do {
        let probe = try gaeAdvantages(
            rewards: [1, 2, 3], values: [1, 1, 1], nextValues: [1, 1, 4], terminated: [false, false, true],
            truncated: [false, false, false], gamma: 0.5, lambda: 0.5)
        let agrees = probe.count == 3 && zip(probe, [1.0, 2, 2]).allSatisfy { abs($0 - $1) < 1e-9 }
        let function: AdvantageFunction = { rewards, values, nextValues, terminated, truncated, gamma, lambda in
            do {
                return try gaeAdvantages(
                    rewards: rewards, values: values, nextValues: nextValues, terminated: terminated,
                    truncated: truncated, gamma: gamma, lambda: lambda)
            } catch {
                fatalError("your gaeAdvantages threw \(error) during training")
            }
        }
        return (
            function,
            "your gaeAdvantages (Exercise 3.2)"
                + (agrees ? "" : " — which disagrees with the hand-worked example (1, 2, 2): see swift test")
        )
    } catch let stub as NotAttempted {
        return (
            nil,
            "the library's generalizedAdvantages: --mine was given, but Exercise 3.2 is not attempted yet "
                + "(\(stub.hint))"
        )
    } catch {
        return (nil, "the library's generalizedAdvantages: your gaeAdvantages threw \(error)")
    }
}
let (studentGAE, gaeSource) = chooseGAE()
if options.mine { print("--mine: training with \(gaeSource).") }
notebook.text(
    """
    Now train (Spinning Up's VPG): each iteration collects a batch of \(config.batchSize) pages \
    (\(config.environments) customers in lockstep × \(config.stepsPerEnvironment) pages, sessions \
    restarting as they end), computes Ψ = \(config.weight.label) with γ = \(config.gamma), \
    λ = \(config.lambda) — using \(gaeSource) — standardises Ψ over the batch, takes ONE Adam step \
    (lr \(config.policyLearningRate)) on −(1/B) Σ log π(a|s) Ψ, then fits V with \(config.valueEpochs) passes \
    of minibatches of \(config.valueMinibatchSize). Policy and value are \
    \(config.hiddenSizes.isEmpty ? "linear in the 91 features" : "MLPs \(config.hiddenSizes) (tanh)"), \
    log σ starts at \(config.initialLogStd). Every few iterations we evaluate the deterministic \
    policy (the mean action) on the same \(customers) seeded customers as the random and oracle \
    engines, and report CTR and the normalised score (policy − random) / (oracle − random).
    """)
let evaluationSeed = options.chapter.seed &+ 7_777
let randomMetrics = world.evaluate(.random(), customers: customers, seed: evaluationSeed)
let oracleMetrics = world.evaluate(.oracle, customers: customers, seed: evaluationSeed)
func score(_ ctr: Double) -> Double {
    EngineMetrics.normalisedScore(ctr, random: randomMetrics.ctr, oracle: oracleMetrics.ctr)
}
func evaluatePolicy(_ policy: MLPGaussianPolicy) -> EngineMetrics {
    world.evaluate(Engine(name: "REINFORCE", policy: policy.meanAction), customers: customers, seed: evaluationSeed)
}
/// Trains a fresh agent with weights Ψ = `weight` for `iterations` batches (agent and sessions
/// seeded from the chapter's seed, so every Ψ starts from the same policy and customers), with a
/// progress line, evaluating the mean action every `every` batches.
@MainActor func trainRun(_ weight: PolicyGradientWeight, iterations: Int, every: Int, label: String) throws -> (
    agent: REINFORCE, log: [REINFORCEIteration]
) {
    var runConfig = config
    runConfig.weight = weight
    var runRNG = RNG(seed: options.chapter.seed &+ 300)
    let agent = REINFORCE(
        config: runConfig, observationSize: world.observationSize, actionSize: world.actionSize, rng: &runRNG)
    var collector = makeCollector(seed: options.chapter.seed &+ 200)
    let progress = ProgressLine(label, total: iterations, unit: "batches")
    let log = try agent.train(
        collector: &collector, iterations: iterations, rng: &runRNG, gae: weight == .gae ? studentGAE : nil,
        evaluateEvery: every, evaluate: evaluatePolicy
    ) { entry in
        if let evaluation = entry.evaluation {
            progress.update(step: entry.iteration, ("CTR", evaluation.ctr), ("score", score(evaluation.ctr)))
        } else {
            progress.update(step: entry.iteration)
        }
    }
    progress.finish()
    return (agent, log)
}
let evaluateEvery = max(1, iterations / 20)
let trainingStart = Date()
let (agent, log) = notebook.stopIfFails {
    try trainRun(config.weight, iterations: iterations, every: evaluateEvery, label: "training")
}
let trainingSeconds = Date().timeIntervalSince(trainingStart)
let untrained: EngineMetrics = {
    var fresh = RNG(seed: options.chapter.seed &+ 300)  // the same initial policy as every run
    return evaluatePolicy(
        REINFORCE(config: config, observationSize: world.observationSize, actionSize: world.actionSize, rng: &fresh)
            .policy)
}()

let evaluated = log.filter { $0.evaluation != nil }
let finalCTR = evaluated.last!.evaluation!.ctr
var curveTable = Table(columns: [
    .init("iteration", precision: 0), .init("pages", precision: 0), .init("AverageEpRet", precision: 2),
    .init("LossV", precision: 2), .init("KL", precision: 4), .init("Entropy", precision: 2), .init("CTR", precision: 4),
    .init("score", precision: 3),
])
curveTable.row(0, 0, Double.nan, Double.nan, Double.nan, Double.nan, untrained.ctr, score(untrained.ctr))
for entry in evaluated where entry.iteration % (evaluateEvery * 4) == 0 || entry.iteration == iterations {
    let ctr = entry.evaluation!.ctr
    curveTable.row(
        entry.iteration, entry.environmentSteps, entry.averageEpisodeReturn, entry.lossV, entry.kl, entry.entropy, ctr,
        score(ctr))
}
notebook.table(
    curveTable,
    caption: "Training log (Spinning Up's column names; CTR and score of the mean action on \(customers) customers)")
var curve = LinePlot(
    title: "REINFORCE + value baseline + GAE in TaobaoWorld", xLabel: "pages of experience", yLabel: "CTR")
curve.line(
    name: "REINFORCE (\(config.weight.rawValue)), mean action",
    x: [0] + evaluated.map { Double($0.environmentSteps) }, y: [untrained.ctr] + evaluated.map { $0.evaluation!.ctr })
curve.hline(name: "oracle engine", y: oracleMetrics.ctr)
curve.hline(name: "random engine", y: randomMetrics.ctr)
notebook.figure(curve, name: "learning-curve", caption: "CTR of the deterministic policy while training")

var results = Table(columns: [
    .init("engine"), .init("CTR", precision: 4), .init("pages per session", precision: 2), .init("score", precision: 3),
])
results.row("random", randomMetrics.ctr, randomMetrics.meanSessionLength, 0.0)
results.row("untrained policy (mean action)", untrained.ctr, untrained.meanSessionLength, score(untrained.ctr))
results.row(
    "REINFORCE after \(iterations) batches", finalCTR, evaluated.last!.evaluation!.meanSessionLength, score(finalCTR))
results.row("oracle", oracleMetrics.ctr, oracleMetrics.meanSessionLength, 1.0)
notebook.table(results, caption: "On the same \(customers) customers (seed \(evaluationSeed))")
notebook.text(
    """
    After \(iterations) policy-gradient steps (\(log.last!.environmentSteps) pages) the mean action reaches CTR \(f(finalCTR, 4)), a normalised score of \
    \(f(score(finalCTR))). One step per batch is the price of being on-policy with no trust region: \
    a batch is used once and thrown away. Chapter 5's PPO takes many minibatch steps per batch \
    and keeps them safe with the clipped ratio.
    """)

// MARK: - 3b. The same training with each Ψ

let comparisonIterations = min(
    iterations, options.compareSteps ?? [Budget.quick: 5, .standard: 0, .full: 500][budget]!)
if comparisonIterations > 0 {
    notebook.heading("Learning with each Ψ", level: 3)
    notebook.text(
        """
        Does lower variance mean faster learning here? Train each Ψ for \(comparisonIterations) \
        batches from the same initial policy and customers (the GAE curve is the run above; Ψ is \
        standardised per batch in every run, as Spinning Up does). Measured on one seed — see the \
        chapter page for what we found: in TaobaoWorld, with Adam and standardised Ψ, the four \
        learn at much the same pace at this scale, although their gradient variances differ 20×.
        """)
    let comparisonEvery = max(1, comparisonIterations / 10)
    var comparison = LinePlot(title: "REINFORCE with each Ψ", xLabel: "batches (policy-gradient steps)", yLabel: "CTR")
    var comparisonTable = Table(columns: [
        .init("Ψ"), .init("CTR after \(comparisonIterations)", precision: 4), .init("score", precision: 3),
    ])
    for weight in PolicyGradientWeight.allCases {
        let runLog =
            weight == config.weight
            ? Array(log.prefix(comparisonIterations))
            : notebook.stopIfFails {
                try trainRun(weight, iterations: comparisonIterations, every: comparisonEvery, label: weight.rawValue)
                    .log
            }
        let points = runLog.filter { $0.evaluation != nil }
        comparison.line(
            name: weight.label, x: [0] + points.map { Double($0.iteration) },
            y: [untrained.ctr] + points.map { $0.evaluation!.ctr })
        let last = points.last!.evaluation!.ctr
        comparisonTable.row(weight.label + " (at batch \(points.last!.iteration))", last, score(last))
    }
    comparison.hline(name: "oracle engine", y: oracleMetrics.ctr)
    comparison.hline(name: "random engine", y: randomMetrics.ctr)
    notebook.table(comparisonTable, caption: "Mean-action CTR on the same \(customers) customers")
    notebook.figure(comparison, name: "psi-comparison", caption: "Learning curves for each choice of Ψ (one seed)")
}

// MARK: - 4. Your exercises

notebook.heading("4. Your exercises")
notebook.text(
    """
    Exercises/ch03-policy-gradient holds two stubs: the diagonal Gaussian log-likelihood (3.1) \
    and GAE (3.2). Fill them in and run `swift test --filter "Chapter 3"`; then \
    `swift run ch03-policy-gradient --mine` trains with your GAE. Here is what your code does now:
    """)
var yours = Table(columns: [.init("exercise"), .init("status")])
yours.row(
    "3.1 Gaussian log-likelihood",
    exerciseStatus {
        let gaussian = DiagonalGaussian(mean: Tensor.row([0.2, -0.4, 1.0]), logStd: Tensor.row([-0.5, 0, 0.3]))
        let x = [0.5, -1.0, 0.7]
        let got = try gaussianLogLikelihood(x: x, mean: [0.2, -0.4, 1.0], logStd: [-0.5, 0, 0.3])
        return abs(got - gaussian.logProb(Tensor.row(x)).scalar) < 1e-9
    })
yours.row(
    "3.2 GAE",
    exerciseStatus {
        let got = try gaeAdvantages(
            rewards: [1, 2, 3], values: [1, 1, 1], nextValues: [1, 1, 4], terminated: [false, true, false],
            truncated: [false, false, false], gamma: 0.5, lambda: 0.5)
        return got.count == 3 && zip(got, [0.75, 1, 4]).allSatisfy { abs($0 - $1) < 1e-9 }
    })
notebook.table(yours)
if options.mine { notebook.text("This run's GAE: \(gaeSource).") }

// MARK: - Results

let totalSeconds = Date().timeIntervalSince(clock)
var logCSV = CSV(header: [
    "Epoch", "TotalEnvInteracts", "AverageEpRet", "Episodes", "RolloutCTR", "LossPi", "LossV", "DeltaLossV", "KL",
    "Entropy", "EvalCTR", "Score",
])
for e in log {
    logCSV.row(
        e.iteration, e.environmentSteps, e.averageEpisodeReturn, e.episodes, e.rolloutCTR, e.lossPi, e.lossV,
        e.deltaLossV, e.kl, e.entropy, e.evaluation?.ctr ?? Double.nan, e.evaluation.map { score($0.ctr) } ?? Double.nan
    )
}
var metrics = Metrics()
metrics["seed"] = .number(Double(options.chapter.seed))
metrics["iterations"] = .number(Double(iterations))
metrics["pages"] = .number(Double(log.last!.environmentSteps))
metrics["batch_size"] = .number(Double(config.batchSize))
metrics["psi"] = .text(config.weight.rawValue)
metrics["gae_source"] = .text(gaeSource)
metrics["random_ctr"] = .number(randomMetrics.ctr)
metrics["oracle_ctr"] = .number(oracleMetrics.ctr)
metrics["final_ctr"] = .number(finalCTR)
metrics["final_normalised_score"] = .number(score(finalCTR))
notebook.timings["training_seconds"] = .number(trainingSeconds)
notebook.timings["total_seconds"] = .number(totalSeconds)
notebook.note("Training took \(f(trainingSeconds, 1)) s (wall times are in timings.json).")
for row in varianceRows {
    let key = row.name.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " }.split(separator: " ")
        .joined(separator: "_")
    metrics["variance_\(key)"] = .number(row.trace)
    metrics["batches_for_snr_1_\(key)"] = .number(row.batches)
}
print("\nTotal \(f(totalSeconds, 1)) s.")
notebook.finish(metrics: metrics, csvFiles: [("gradient-variance-table", varianceCSV), ("progress", logCSV)])
