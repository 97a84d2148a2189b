// Chapter 2 — Gradients: the library that every later chapter stands on.
//
// Run:  swift run ch02-gradients            (a few seconds)
//       swift run ch02-gradients --help     (flags)
//
// It reads top to bottom like a notebook: (1) a tiny expression differentiated by hand and by the
// tape; (2) every differentiable op checked against central differences; (3) a small network
// trained with Adam to predict a customer's click rate, beside a linear model; (4) your exercises.
import ArgumentParser
import Ch02Exercises
import Foundation
import RecRL

let options = Options.parseOrExit()
let steps = options.training.steps(options.chapter.budget, quick: 300, standard: 3_000, full: 10_000)
let notebook = options.chapter.notebook(chapter: "ch02-gradients", title: "Chapter 2 — Gradients")

// MARK: - 1. A tiny expression, by hand and by the tape

notebook.heading("1. A tiny expression, by hand and by the tape")
notebook.text(
    """
    Take L = (a·b + c)² at a = 2, b = −3, c = 10. Forward: e = a·b + c = 4, L = e² = 16. The chain \
    rule backwards: ∂L/∂e = 2e = 8, then ∂L/∂a = 8·b = −24, ∂L/∂b = 8·a = 16, ∂L/∂c = 8. The \
    library records each operation as it runs; `backward()` replays them in reverse and must agree.
    """)
let a = Tensor.scalar(2), b = Tensor.scalar(-3), c = Tensor.scalar(10)
for t in [a, b, c] { t.requiresGrad = true }
let loss = (a * b + c).square()
loss.backward()
var byHand = Table(columns: [.init("quantity"), .init("by hand", precision: 1), .init("by the tape", precision: 1)])
byHand.row("L", 16.0, loss.scalar)
byHand.row("∂L/∂a", -24.0, a.grad[0])
byHand.row("∂L/∂b", 16.0, b.grad[0])
byHand.row("∂L/∂c", 8.0, c.grad[0])
notebook.table(byHand)

// MARK: - 2. Every op against central differences

notebook.heading("2. Every op against central differences")
notebook.text(
    """
    For each op f we form L = Σ w ⊙ f(x) with random weights w, take ∂L/∂x from `backward()`, and \
    compare it entry by entry with (L(x + h) − L(x − h)) / 2h at h = 1e-5 (`GradientCheck.swift`; the error is relative for \
    gradients above 1 and absolute below). In Double a correct backward agrees to about 1e-9; a \
    wrong one is off by about the size of the gradient.
    """)
var rng = RNG(seed: options.chapter.seed)
let x = Tensor.uniform(4, 5, low: -2, high: 2, rng: &rng, requiresGrad: true)
let positive = Tensor.uniform(4, 5, low: 0.5, high: 2, rng: &rng, requiresGrad: true)
let row = Tensor.uniform(1, 5, low: 0.5, high: 2, rng: &rng, requiresGrad: true)
let w = Tensor.uniform(5, 3, low: -1, high: 1, rng: &rng, requiresGrad: true)
let gradientCases: [(String, () -> Tensor, [Tensor])] = [
    ("matmul [4×5]·[5×3]", { x.matmul(w) }, [x, w]),
    ("add a row [4×5]+[1×5]", { x + row }, [x, row]),
    ("subtract", { x - positive }, [x, positive]),
    ("multiply by a row", { x * row }, [x, row]),
    ("divide", { x / positive }, [x, positive]),
    ("minimum", { x.minimum(positive) }, [x, positive]),
    ("maximum", { x.maximum(positive) }, [x, positive]),
    ("exp", { x.exp() }, [x]),
    ("log", { positive.log() }, [positive]),
    ("tanh", { x.tanh() }, [x]),
    ("sigmoid", { x.sigmoid() }, [x]),
    ("relu", { x.relu() }, [x]),
    ("leaky relu", { x.leakyRelu() }, [x]),
    ("softplus", { x.softplus() }, [x]),
    ("square", { x.square() }, [x]),
    ("sqrt", { positive.sqrt() }, [positive]),
    ("abs", { x.abs() }, [x]),
    ("clamp to [−1, 1]", { x.clamped(-1, 1) }, [x]),
    ("sum over rows", { x.sum(axis: 0) }, [x]),
    ("mean over columns", { x.mean(axis: 1) }, [x]),
    ("log-softmax per row", { x.logSoftmax() }, [x]),
    ("softmax per row", { x.softmax() }, [x]),
    ("logsumexp per row", { x.logSumExp() }, [x]),
    ("layer norm per row", { x.layerNormalized() }, [x]),
    ("concat features", { Tensor.concat([x, positive], axis: 1) }, [x, positive]),
    ("slice", { x.slice(rows: 1..<3, cols: 0..<4) }, [x]),
    ("gather rows [3, 0, 3]", { x.gatherRows([3, 0, 3]) }, [x]),
    ("transpose", { x.transposed() }, [x]),
]
var checks = Table(columns: [.init("op"), .init("max relative error"), .init("verdict")])
var worstError = 0.0
for (name, f, inputs) in gradientCases {
    let error = GradientCheck.maxError(of: f, wrt: inputs)
    worstError = max(worstError, error)
    checks.row(name, String(format: "%.1e", error), error < 1e-6 ? "ok" : "WRONG")
}
notebook.table(checks, caption: "Analytic vs numerical gradients (h = 1e-5)")

// MARK: - 3. A network learns a customer's click rate

notebook.heading("3. A network learns a customer's click rate")
notebook.text(
    """
    A first taste of the course's problem. A shopper sees an item at some position on a page; \
    whether they click depends on how well the item matches their taste, on its price against \
    their purchase power, and on position (people read from the top). We make up such a rule, \
    draw 4,000 (features → click rate) examples from it, and fit two models by minimising the \
    mean squared error with Adam: a linear model, and an MLP with two tanh hidden layers. The \
    rule is not linear, so only the network can fit it.
    """)

/// The made-up click rate of one (match, price, purchase power, position) example.
func clickRate(_ f: [Double]) -> Double {
    let (match, price, power, position) = (f[0], f[1], f[2], f[3])
    let affordability = -2 * max(0, price - power)  // only too-expensive items are penalised
    let logit = 2.5 * match * match - 1 + affordability - 0.25 * position
    return 1 / (1 + exp(-logit))
}
func makeData(_ n: Int, rng: inout RNG) -> (x: Tensor, y: Tensor) {
    var features: [Double] = [], rates: [Double] = []
    for _ in 0..<n {
        let f = [rng.uniform(-1, 1), rng.uniform(0, 1), rng.uniform(0, 1), Double(rng.int(below: 10))]
        features += [f[0], f[1], f[2], f[3] / 10]  // position scaled to [0, 1) as the input
        rates.append(clickRate(f))
    }
    return (Tensor(rows: n, cols: 4, data: features), Tensor(rows: n, cols: 1, data: rates))
}
let train = makeData(4_000, rng: &rng)
let test = makeData(1_000, rng: &rng)

let linear = MLP(sizes: [4, 1], activation: .none, rng: &rng)
let network = MLP(sizes: [4, options.hidden, options.hidden, 1], activation: .tanh, rng: &rng)
let models: [(name: String, model: MLP)] = [
    ("linear", linear), ("MLP 4-\(options.hidden)-\(options.hidden)-1", network),
]
let optimizers = models.map { Adam(parameters: $0.model.parameters, learningRate: options.learningRate) }

func meanSquaredError(_ model: MLP, on data: (x: Tensor, y: Tensor)) -> Double {
    Tensor.withoutGradients { (model(data.x) - data.y).square().mean().scalar }
}
let evaluateEvery = max(1, steps / 20)
var curveSteps: [Double] = []
var curves: [[Double]] = models.map { _ in [] }
var lossTable = Table(
    columns: [.init("step", precision: 0)] + models.map { .init("\($0.name) test MSE", precision: 5) })
let progress = ProgressLine("training", total: steps, unit: "steps")
notebook.stopIfFails {
    for step in 1...steps {
        let batch = (0..<options.batchSize).map { _ in rng.int(below: train.x.rows) }
        let xb = train.x.gatherRows(batch), yb = train.y.gatherRows(batch)
        for (k, entry) in models.enumerated() {
            optimizers[k].zeroGrad()
            let loss = (entry.model(xb) - yb).square().mean()
            // A learning rate too large can blow the fit up: stop at the first non-finite loss.
            try DivergenceCheck(algorithm: "Adam on the \(entry.name)", iteration: step).finite(
                loss.scalar, "the minibatch MSE")
            loss.backward()
            optimizers[k].step()
        }
        if step % evaluateEvery == 0 || step == 1 {
            curveSteps.append(Double(step))
            let errors = models.map { meanSquaredError($0.model, on: test) }
            for k in models.indices { curves[k].append(errors[k]) }
            if step % (evaluateEvery * 4) == 0 || step == steps { lossTable.row([step] + errors) }
            progress.update(step: step, ("MLP test MSE", errors[1]))
        }
    }
}
progress.finish()
notebook.table(lossTable, caption: "Test mean squared error while training (1,000 held-out examples)")

var lossCurve = LinePlot(title: "Fitting a click rate with Adam", xLabel: "Adam step", yLabel: "test MSE (log scale)")
lossCurve.logScaleY = true
for (k, entry) in models.enumerated() { lossCurve.line(name: entry.name, x: curveSteps, y: curves[k]) }
notebook.figure(lossCurve, name: "loss-curve", caption: "Test MSE of the linear model and the MLP")

let finalErrors = models.map { meanSquaredError($0.model, on: test) }
let variance = Tensor.withoutGradients { (test.y - test.y.mean()).square().mean().scalar }
notebook.text(
    """
    The click rates have variance \(String(format: "%.4f", variance)) on the test set, so predicting \
    their mean scores MSE \(String(format: "%.4f", variance)). The linear model ends at \
    \(String(format: "%.4f", finalErrors[0])) (R² = \(String(format: "%.2f", 1 - finalErrors[0] / variance))), \
    the MLP at \(String(format: "%.5f", finalErrors[1])) (R² = \(String(format: "%.3f", 1 - finalErrors[1] / variance))): \
    \(finalErrors[1] < finalErrors[0]
        ? "the quadratic taste match and the price kink need the hidden layers."
        : "here the MLP did worse than the linear model — with this learning rate (\(options.learningRate)) Adam's steps are too large for it; the default 3e-3 fits it well.")
    """)

// MARK: - 4. Your exercises

notebook.heading("4. Your exercises")
notebook.text(
    """
    Exercises/ch02-gradients holds three stubs: the backward step of tanh, the backward step of \
    matmul, and a central-difference gradient checker. Fill them in, then run \
    `swift test --filter "Chapter 2"`. Here is what your code does right now:
    """)
var yours = Table(columns: [.init("exercise"), .init("status")])
yours.row(
    "2.1 tanh backward",
    exerciseStatus {
        let got = try tanhBackward(x: [0.3, -1.2], upstream: [1, 2])
        let h = Tensor.row([0.3, -1.2], requiresGrad: true)
        (h.tanh() * Tensor.row([1, 2])).sum().backward()
        return zip(got, h.grad).allSatisfy { abs($0 - $1) < 1e-9 }
    })
yours.row(
    "2.2 matmul backward",
    exerciseStatus {
        let (dA, dB) = try matmulBackward(a: x.detached(), b: w.detached(), upstream: Tensor.ones(4, 3))
        x.zeroGrad()
        w.zeroGrad()
        x.matmul(w).sum().backward()
        return dA.data.count == x.count && dB.data.count == w.count
            && zip(dA.data + dB.data, x.grad + w.grad).allSatisfy { abs($0 - $1) < 1e-9 }
    })
yours.row(
    "2.3 central differences",
    exerciseStatus {
        let got = try centralDifference(of: { $0[0] * $0[0] * $0[1] }, at: [1.5, 2])
        return abs(got[0] - 6) < 1e-5 && abs(got[1] - 2.25) < 1e-5
    })
notebook.table(yours)

// MARK: - Results

var metrics = Metrics()
metrics["seed"] = .number(Double(options.chapter.seed))
metrics["steps"] = .number(Double(steps))
metrics["max_gradient_check_error"] = .number(worstError)
metrics["linear_test_mse"] = .number(finalErrors[0])
metrics["mlp_test_mse"] = .number(finalErrors[1])
metrics["test_variance"] = .number(variance)
notebook.finish(metrics: metrics)
