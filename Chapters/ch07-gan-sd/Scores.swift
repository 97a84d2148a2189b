import Foundation
import RecRL

/// Everything chapter 7 measures about one method's generated customers.
struct Scores: Sendable {
    /// KL(generated ‖ log) on History, Purchase, Query, User: the paper's Table 1.
    var tableOneVsLog: [Double]
    /// KL(generated ‖ truth) on the same four columns.
    var tableOneVsTruth: [Double]
    /// Mean KL(generated ‖ truth) over all 11 attributes.
    var meanKLVsTruth: Double
    /// Mean total variation per attribute against the truth.
    var meanTVVsTruth: Double
    /// Mean total variation on the 55 pairs against the truth.
    var pairTVVsTruth: Double
    /// Mean |I_gen − I_truth| over the 55 pairs (nats).
    var mutualInformationError: Double
    /// Held-out AUC of a classifier telling generated from true customers (0.5 = indistinguishable).
    var detectionAUC: Double
    /// Share of generated customers not in the log, and of those the share the truth sample shows.
    var outOfData: Double
    var plausible: Double
    /// Distinct customers among the generated.
    var distinct: Int

    var meanTableOneVsLog: Double { tableOneVsLog.reduce(0, +) / 4 }
    var meanTableOneVsTruth: Double { tableOneVsTruth.reduce(0, +) / 4 }
}

/// The reference sets every method is measured against (built once).
struct References: Sendable {
    /// The training data: the customers of the historical log.
    let log: CustomerSet
    /// The exact marginals of the true population (`CustomerPopulation.exactMarginals()`).
    let exact: [[Double]]
    /// A large seeded sample of the true population, for the pair measures.
    let jointTruth: CustomerSet
    /// Fresh true customers for the detection test.
    let detectionTruth: CustomerSet
    let logKeys: Set<Int>
    /// The distinct customers of a larger true sample (out-of-data plausibility).
    let truthKeys: Set<Int>
    let attributes = Array(0..<TaobaoLayout.groupCount)
    let tableOne = CustomerAttribute.tableOne.map(\.group)

    func score(_ s: CustomerSet, detectionSeed: UInt64) -> Scores {
        var rng = RNG(seed: detectionSeed)
        let (outside, plausible) = DistributionMeasures.outOfData(s, data: logKeys, population: truthKeys)
        let joint = s.prefix(jointTruth.count)
        return Scores(
            tableOneVsLog: tableOne.map { DistributionMeasures.kl(s, log, group: $0) },
            tableOneVsTruth: tableOne.map { DistributionMeasures.kl(s, reference: exact[$0], group: $0) },
            meanKLVsTruth: attributes.reduce(0) { $0 + DistributionMeasures.kl(s, reference: exact[$1], group: $1) }
                / 11,
            meanTVVsTruth: attributes.reduce(0) {
                $0 + DistributionMeasures.totalVariation(s.proportions(group: $1), exact[$1])
            } / 11,
            pairTVVsTruth: DistributionMeasures.meanPairTotalVariation(joint, jointTruth),
            mutualInformationError: DistributionMeasures.meanMutualInformationError(joint, jointTruth),
            detectionAUC: DetectionTest.auc(
                generated: s.prefix(detectionTruth.count), real: detectionTruth, rng: &rng),
            outOfData: outside, plausible: plausible, distinct: s.distinctKeys.count)
    }
}

/// "m ± s" of some numbers (population std), or just "m" for one.
func meanStd(_ xs: [Double], _ digits: Int = 3) -> String {
    let m = xs.reduce(0, +) / Double(xs.count)
    let f = { (x: Double) in String(format: "%.\(digits)f", x) }
    guard xs.count > 1 else { return f(m) }
    let s = (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count)).squareRoot()
    return "\(f(m)) ± \(f(s))"
}
