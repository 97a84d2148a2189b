import Foundation
import Testing

@testable import RecRL

@Suite("Customer view of the log")
struct CustomerViewTests {
    static let log = HistoricalLog.generate(world: TaobaoWorld(), sessions: 300, seed: 11)

    @Test("a^c numbers the 33 (clicks, decision) pairs 3·c + d, and back")
    func actionIndex() {
        for i in 0..<CustomerAction.count { #expect(CustomerAction(index: i).index == i) }
        #expect(CustomerAction(clicks: 4, decision: .buy).index == 14)
        #expect(CustomerAction(index: 31) == CustomerAction(clicks: 10, decision: .leave))
        #expect(CustomerAction(clicks: 2, decision: .leave).pageDecision == .leave)
    }

    @Test("each row is a logged page: s^c = one-hot ‖ counts / 10 ‖ the raw action, a^c its clicks and decision")
    func rowsAreLoggedPages() {
        let log = Self.log
        let data = CustomerDataset(log: log)
        #expect(data.count == log.pageCount)
        #expect(data.sessionCount == log.sessionCount)
        #expect(data.features.count == log.pageCount * 118)
        let starts = log.firstPage
        for s in [0, 17, 299] {
            #expect(data.sessionStarts[s] == starts[s])
            for t in starts[s]..<(starts[s] + Int(log.sessionLengths[s])) {
                let row = Array(data.features[(t * 118)..<((t + 1) * 118)])
                #expect(Array(row[0..<88]) == log.oneHot(session: s))
                #expect(row[88] == Double(log.lastClicks[t]) / 10)
                #expect(row[89] == Double(log.sessionClicks[t]) / 10)
                #expect(row[90] == Double(log.pageIndex[t]) / 10)
                #expect(Array(row[91...]) == log.action(page: t))
                #expect(data.actions[t].clicks == Int(log.clicks[t]))
                #expect(data.actions[t].decision.rawValue == Int(log.decisions[t]))
            }
        }
    }

    @Test("the split is by session: disjoint, complete, seeded")
    func splitBySession() {
        let log = Self.log
        let (train, heldOut) = CustomerDataset.split(log: log, heldOutFraction: 0.2, seed: 3)
        #expect(heldOut.sessionCount == 60)
        #expect(train.sessionCount == 240)
        #expect(train.count + heldOut.count == log.pageCount)
        // Every session's first row is its customer and page 0; no customer row is on both sides
        // unless the same attributes were drawn twice, so compare the sessions' whole feature blocks.
        func sessions(_ d: CustomerDataset) -> Set<[Double]> {
            Set(
                (0..<d.sessionCount).map { i in
                    let end = i + 1 < d.sessionCount ? d.sessionStarts[i + 1] : d.count
                    return Array(d.features[(d.sessionStarts[i] * 118)..<(end * 118)])
                })
        }
        #expect(sessions(train).isDisjoint(with: sessions(heldOut)))
        for d in [train, heldOut] {
            for i in 0..<d.sessionCount { #expect(d.features[d.sessionStarts[i] * 118 + 90] == 0) }
        }
        let again = CustomerDataset.split(log: log, heldOutFraction: 0.2, seed: 3)
        #expect(again.heldOut.features == heldOut.features && again.train.actions == train.actions)
        #expect(CustomerDataset.split(log: log, heldOutFraction: 0.2, seed: 4).heldOut.features != heldOut.features)
    }

    @Test("the marginal model is the add-one-smoothed frequency of each a^c")
    func marginalByHand() {
        let data = CustomerDataset(log: Self.log)
        let marginal = MarginalCustomerModel(dataset: data)
        let turnPageZero = data.actions.filter { $0 == CustomerAction(clicks: 0, decision: .turnPage) }.count
        let p = Double(turnPageZero + 1) / Double(data.count + 33)
        #expect(Swift.abs(marginal.probabilities[0] - p) < 1e-15)
        #expect(Swift.abs(marginal.probabilities.reduce(0, +) - 1) < 1e-12)
        let expected = data.actions.map { Foundation.log(marginal.probabilities[$0.index]) }.reduce(0, +)
        #expect(Swift.abs(marginal.meanLogLikelihood(data) - expected / Double(data.count)) < 1e-12)
    }
}
