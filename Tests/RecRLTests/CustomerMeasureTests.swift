import Foundation
import Testing

@testable import RecRL

@Suite("Customer distribution measures")
struct CustomerMeasureTests {
    @Test("KL(gen ‖ ref) with add-½ smoothing, by hand: counts (3, 1, 0) against (2, 2, 0)")
    func smoothedKL() {
        // (3.5, 1.5, 0.5)/5.5 = (7, 3, 1)/11 and (5, 5, 1)/11:
        // KL = 7/11·ln(7/5) + 3/11·ln(3/5) = 0.2141162 − 0.1393135 = 0.0748026.
        let p = DistributionMeasures.smoothed([3, 1, 0]), q = DistributionMeasures.smoothed([2, 2, 0])
        #expect(abs(p[0] - 7.0 / 11) < 1e-15 && abs(q[2] - 1.0 / 11) < 1e-15)
        #expect(abs(DistributionMeasures.kl(p, q) - 0.0748026) < 1e-7)
        #expect(abs(DistributionMeasures.totalVariation([0.5, 0.5, 0], [0.25, 0.5, 0.25]) - 0.25) < 1e-15)
    }

    @Test("mutual information: 0 for independent attributes, H(a) for a copy")
    func mutualInformation() {
        // Gender and device: all four combinations once → independent, I = 0.
        var s = CustomerSet()
        for (gender, device) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            s.append([0, 0, 0, 0, 0, 0, gender, device, 0, 0, 0])
        }
        #expect(abs(DistributionMeasures.mutualInformation(s, 6, 7)) < 1e-15)
        // Gender = device, half and half → I = ln 2.
        var t = CustomerSet()
        for v in [0, 1, 0, 1] { t.append([0, 0, 0, 0, 0, 0, v, v, 0, 0, 0]) }
        #expect(abs(DistributionMeasures.mutualInformation(t, 6, 7) - Foundation.log(2)) < 1e-12)
    }

    @Test("ROC AUC by ranks, by hand: 3 of 4 positive–negative pairs ordered, ties count ½")
    func auc() {
        #expect(DistributionMeasures.pairs.count == 55)
        #expect(DetectionTest.auc(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true]) == 0.75)
        #expect(DetectionTest.auc(scores: [0.5, 0.5], labels: [true, false]) == 0.5)
    }

    @Test("out-of-data share: customers missing from the data, and of those the ones the population shows")
    func outOfData() {
        var generated = CustomerSet()
        let a = [1, 2, 3, 4, 5, 6, 0, 1, 2, 17, 2], b = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            c = [7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        for x in [a, a, b, c] { generated.append(x) }
        var data = CustomerSet(), population = CustomerSet()
        data.append(a)
        population.append(b)
        // b and c are not in the data (2 of 4); of those only b is in the population sample (1 of 2).
        let r = DistributionMeasures.outOfData(generated, data: data.distinctKeys, population: population.distinctKeys)
        #expect(r.share == 0.5 && r.plausibleShare == 0.5)
        #expect(generated.key(0) != generated.key(2) && generated.key(0) == generated.key(1))
    }
}
