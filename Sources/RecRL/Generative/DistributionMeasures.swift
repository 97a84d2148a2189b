import Foundation

/// How far a generated set of customers is from a reference set (the log, or a large sample of the
/// true population), attribute by attribute and pair by pair.
///
/// - KL per attribute, KL(P_gen ‖ P_ref) = Σⱼ P_gen(j) log(P_gen(j) / P_ref(j)) — the direction of
///   the paper's Table 1 ("the KL divergence from the generated customers to the real"). Empty
///   cells are smoothed by add-½ (Krichevsky–Trofimov): P(j) = (nⱼ + ½) / (n + ½·K) for both
///   histograms, so a value one set never shows costs a finite amount.
/// - Total variation per attribute, ½ Σⱼ |P_gen(j) − P_ref(j)| (raw proportions, in [0, 1]).
/// - Total variation on the joint of each of the 55 pairs of attributes (contingency similarity is
///   1 minus it), averaged over the pairs.
/// - The mean absolute error of the 55 pairwise mutual informations,
///   I(a; b) = Σ P(a, b) log(P(a, b) / (P(a) P(b))) (plug-in, nats): does a model keep the
///   dependencies between attributes, not only the marginals?
public enum DistributionMeasures {
    /// The add-½ smoothed proportions of `counts`.
    public static func smoothed(_ counts: [Int]) -> [Double] {
        let n = Double(counts.reduce(0, +)) + 0.5 * Double(counts.count)
        return counts.map { (Double($0) + 0.5) / n }
    }

    /// KL(p ‖ q) = Σ pⱼ log(pⱼ / qⱼ) of two distributions over the same cells (zero pⱼ add 0).
    public static func kl(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "kl: \(p.count) vs \(q.count) cells")
        return zip(p, q).reduce(0) { $0 + ($1.0 > 0 ? $1.0 * Foundation.log($1.0 / $1.1) : 0) }
    }

    /// KL(generated ‖ reference) of attribute `group`, both add-½ smoothed.
    public static func kl(_ generated: CustomerSet, _ reference: CustomerSet, group: Int) -> Double {
        kl(smoothed(generated.counts(group: group)), smoothed(reference.counts(group: group)))
    }

    /// KL(generated ‖ reference) of attribute `group` against a known distribution (e.g. the
    /// exact marginal of the truth, `CustomerPopulation.exactMarginals()`); the generated
    /// histogram is add-½ smoothed, the reference is used as given.
    public static func kl(_ generated: CustomerSet, reference: [Double], group: Int) -> Double {
        kl(smoothed(generated.counts(group: group)), reference)
    }

    /// ½ Σ |pⱼ − qⱼ|.
    public static func totalVariation(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "totalVariation: \(p.count) vs \(q.count) cells")
        return 0.5 * zip(p, q).reduce(0) { $0 + Swift.abs($1.0 - $1.1) }
    }

    /// Total variation of attribute `group` between the two sets.
    public static func totalVariation(_ generated: CustomerSet, _ reference: CustomerSet, group: Int) -> Double {
        totalVariation(generated.proportions(group: group), reference.proportions(group: group))
    }

    /// The 55 pairs (a, b), a < b, of the 11 attributes.
    public static let pairs: [(Int, Int)] = (0..<TaobaoLayout.groupCount).flatMap { a in
        ((a + 1)..<TaobaoLayout.groupCount).map { (a, $0) }
    }

    /// The mean over the 55 pairs of the total variation between the joint proportions of the pair.
    public static func meanPairTotalVariation(_ generated: CustomerSet, _ reference: CustomerSet) -> Double {
        let tvs = pairs.map { a, b in
            totalVariation(proportions(generated.pairCounts(a, b)), proportions(reference.pairCounts(a, b)))
        }
        return tvs.reduce(0, +) / Double(tvs.count)
    }

    /// The plug-in mutual information (nats) of attributes a and b in `set`.
    public static func mutualInformation(_ set: CustomerSet, _ a: Int, _ b: Int) -> Double {
        let joint = proportions(set.pairCounts(a, b))
        let sa = TaobaoLayout.groupSizes[a], sb = TaobaoLayout.groupSizes[b]
        var pa = [Double](repeating: 0, count: sa), pb = [Double](repeating: 0, count: sb)
        for i in 0..<sa {
            for j in 0..<sb {
                pa[i] += joint[i * sb + j]
                pb[j] += joint[i * sb + j]
            }
        }
        var mi = 0.0
        for i in 0..<sa {
            for j in 0..<sb where joint[i * sb + j] > 0 {
                mi += joint[i * sb + j] * Foundation.log(joint[i * sb + j] / (pa[i] * pb[j]))
            }
        }
        return mi
    }

    /// The mean over the 55 pairs of |I_gen(a; b) − I_ref(a; b)|.
    public static func meanMutualInformationError(_ generated: CustomerSet, _ reference: CustomerSet) -> Double {
        let errors = pairs.map { a, b in
            Swift.abs(mutualInformation(generated, a, b) - mutualInformation(reference, a, b))
        }
        return errors.reduce(0, +) / Double(errors.count)
    }

    /// The mean KL(generated ‖ reference) over the paper's four Table 1 columns (History,
    /// Purchase, Query, User).
    public static func meanTableOneKL(_ generated: CustomerSet, _ reference: CustomerSet) -> Double {
        let groups = CustomerAttribute.tableOne.map(\.group)
        return groups.reduce(0) { $0 + kl(generated, reference, group: $1) } / Double(groups.count)
    }

    /// Out-of-data customers: the share of `generated` whose whole 11-tuple never occurs in `data`,
    /// and, of those, the share that occurs in `population` (a large sample of the truth: customers
    /// the true population does produce, as opposed to impossible-looking ones).
    public static func outOfData(
        _ generated: CustomerSet, data: Set<Int>, population: Set<Int>
    ) -> (share: Double, plausibleShare: Double) {
        var outside = 0, plausible = 0
        for i in 0..<generated.count {
            let k = generated.key(i)
            if !data.contains(k) {
                outside += 1
                if population.contains(k) { plausible += 1 }
            }
        }
        return (
            Double(outside) / Double(max(generated.count, 1)), outside == 0 ? 0 : Double(plausible) / Double(outside)
        )
    }

    private static func proportions(_ counts: [Int]) -> [Double] {
        let n = Double(max(counts.reduce(0, +), 1))
        return counts.map { Double($0) / n }
    }
}
