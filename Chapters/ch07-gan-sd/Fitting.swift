import Foundation
import RecRL

/// One fitted model and, for the adversarial ones, its training curve. (Sendable by hand: a model is
/// made and trained inside one seed's call of `fitSeeds` and read only after every call has
/// returned — handed over, never shared.)
struct Fitted: @unchecked Sendable {
    let name: String
    let model: any CustomerModel
    let curve: AdversarialCurve?
    let seconds: Double
}

/// What the five models of Table 1 are fitted with.
struct FitSettings: Sendable {
    let log: CustomerSet
    let ganSD: GANSDConfig
    let iterations: Int
    let wganIterations: Int
    let components: Int
    let classes: Int
}

/// Trains a GAN-SD-family model (GAN-SD, the GAN, an ablation) on `log` with a progress line,
/// redrawn in place when `progressInPlace`, else logged every 10 s (while seeds train at once).
func trainAdversarial(
    _ name: String, _ config: GANSDConfig, log: CustomerSet, iterations: Int, seed: UInt64,
    progressInPlace: Bool = ProgressLine.stdoutIsTerminal
) -> (GANSD, AdversarialCurve) {
    var rng = RNG(seed: seed)
    let model = GANSD(config: config, data: log, rng: &rng)
    let progress = ProgressLine(
        "\(name), seed \(seed)", total: iterations, unit: "iterations", isTerminal: progressInPlace)
    let curve = model.train(iterations: iterations, logEvery: max(1, iterations / 20), rng: &rng) { i, kl in
        progress.update(step: i, ("Table 1 KL", kl))
    }
    progress.finish(("Table 1 KL", curve.tableOneKL.last ?? .nan))
    return (model, curve)
}

/// Fits the five models of Table 1 with `seed`: GMM, latent classes, GAN, WGAN, GAN-SD.
func fitAll(_ s: FitSettings, seed: UInt64, progressInPlace: Bool) -> [Fitted] {
    var rng = RNG(seed: seed)
    var fitted: [Fitted] = []
    var t = ProgressLine.monotonicSeconds()
    func lap() -> Double {
        let now = ProgressLine.monotonicSeconds()
        defer { t = now }
        return now - t
    }
    let f3 = { (x: Double) in String(format: "%.3f", x) }
    let gmm = GaussianMixture(
        data: s.log.oneHotRows.data, dimension: 88, components: s.components, iterations: 20, rng: &rng)
    fitted.append(Fitted(name: "GMM", model: gmm, curve: nil, seconds: lap()))
    print("GMM: mean log-likelihood per customer \(f3(gmm.logLikelihoods.first!)) → \(f3(gmm.logLikelihoods.last!))")
    let classes = LatentClassModel(data: s.log.values, classes: s.classes, iterations: 30, rng: &rng)
    fitted.append(Fitted(name: "latent classes", model: classes, curve: nil, seconds: lap()))
    print(
        "latent classes: mean log-likelihood \(f3(classes.logLikelihoods.first!)) → \(f3(classes.logLikelihoods.last!))"
    )
    let (gan, ganCurve) = trainAdversarial(
        "GAN", GANSDConfig.plainGAN(like: s.ganSD), log: s.log, iterations: s.iterations, seed: seed &+ 100,
        progressInPlace: progressInPlace)
    fitted.append(Fitted(name: "GAN", model: gan, curve: ganCurve, seconds: lap()))
    var wganConfig = WGANConfig()
    wganConfig.temperature = s.ganSD.temperature
    let wgan = WGAN(config: wganConfig, data: s.log, rng: &rng)
    let progress = ProgressLine(
        "WGAN, seed \(seed)", total: s.wganIterations, unit: "generator iterations", isTerminal: progressInPlace)
    let wganCurve = wgan.train(iterations: s.wganIterations, logEvery: max(1, s.wganIterations / 20), rng: &rng) {
        i, kl in progress.update(step: i, ("Table 1 KL", kl))
    }
    progress.finish(("Table 1 KL", wganCurve.tableOneKL.last ?? .nan))
    fitted.append(Fitted(name: "WGAN", model: wgan, curve: wganCurve, seconds: lap()))
    let (sd, sdCurve) = trainAdversarial(
        "GAN-SD", s.ganSD, log: s.log, iterations: s.iterations, seed: seed &+ 200, progressInPlace: progressInPlace)
    fitted.append(Fitted(name: "GAN-SD", model: sd, curve: sdCurve, seconds: lap()))
    return fitted
}

/// Every seed's five models and their scores against `references` (`generatedCount` generated
/// customers each), the seeds at once on the machine's cores (one after another on one core).
/// Each seed owns its models and random streams, so the numbers are those of one seed at a time.
func fitSeeds(_ seeds: [UInt64], settings: FitSettings, references: References, generatedCount: Int) -> (
    runs: [[Fitted]], scores: [[Scores]]
) {
    let inPlace = ProgressLine.redrawsInPlace(runningAtOnce: seeds.count)
    let perSeed = concurrentMap(seeds) { seed -> ([Fitted], [Scores]) in
        let fitted = fitAll(settings, seed: seed, progressInPlace: inPlace)
        let scores = fitted.enumerated().map { m, fit in
            var rng = RNG(seed: seed &+ 1_000 &+ UInt64(m))
            return references.score(fit.model.sample(count: generatedCount, rng: &rng), detectionSeed: seed &+ 7)
        }
        return (fitted, scores)
    }
    return (perSeed.map(\.0), perSeed.map(\.1))
}

/// The three ablations of GAN-SD, as (metric key, label, settings, iterations): α = β = 0; the other
/// choice of V; a discriminator fed the soft rows y_soft (300 iterations are enough to see it win).
func ablations(of ganSD: GANSDConfig, iterations: Int) -> [(String, String, GANSDConfig, Int)] {
    var noTerms = ganSD
    noTerms.alpha = 0
    noTerms.beta = 0
    var otherV = ganSD
    otherV.variable = ganSD.variable == .customerCategory ? .everyAttribute : .customerCategory
    var softInput = ganSD
    softInput.discriminatorInput = .soft
    let softIterations = min(iterations, 300)
    return [
        ("no_terms", "α = β = 0 (D(G(z)) alone)", noTerms, iterations),
        ("other_v", "V = \(otherV.variable.rawValue)", otherV, iterations),
        ("soft_d", "D fed soft rows y_soft, \(softIterations) iterations", softInput, softIterations),
    ]
}
