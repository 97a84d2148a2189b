import Foundation
import Testing

@testable import RecRL

@Suite("SL1 and SL2 (eqs. 4–5)")
struct SupervisedEnginesTests {
    @Test("SL1 by hand: π = (1, 0), (0, 2); a = 0, (1, 0) → distances 1 and 5, loss 3, ∂/∂π = (π − a)·2/B")
    func sl1WorkedExample() {
        let p = Tensor(rows: 2, cols: 2, data: [1, 0, 0, 2], requiresGrad: true)
        let a = Tensor(rows: 2, cols: 2, data: [0, 0, 1, 0])
        let loss = SupervisedEngines.sl1Loss(predictions: p, actions: a)
        #expect(Swift.abs(loss.data[0] - 3) < 1e-12, "expected 3, got \(loss.data[0])")
        loss.backward()
        // 2(π − a)/2: row 0 (1, 0), row 1 (−1, 2).
        for (g, w) in zip(p.grad, [1.0, 0, -1, 2]) { #expect(Swift.abs(g - w) < 1e-12, "gradient \(p.grad)") }
    }

    @Test("SL2 by hand: λ₁ = 0.3, λ₂ = 0.001 → 1 − 1.2 + 0.007/3 = −0.197667, and its gradient")
    func sl2WorkedExample() {
        // π = (1, 0), (0, 2), (1, 1); a = 0, 0, (1, 0); S₁ = rows 0 and 2, S₂ = row 1.
        let p = Tensor(rows: 3, cols: 2, data: [1, 0, 0, 2, 1, 1], requiresGrad: true)
        let a = Tensor(rows: 3, cols: 2, data: [0, 0, 0, 0, 1, 0])
        let loss = SupervisedEngines.sl2Loss(predictions: p, actions: a, purchased: [true, false, true])
        // S₁: (1 + 1)/2 = 1; S₂: 0.3 · 4 = 1.2; norms: 0.001 · (1 + 4 + 2)/3.
        let want = 1 - 1.2 + 0.001 * 7 / 3
        #expect(Swift.abs(loss.data[0] - want) < 1e-12, "expected \(want), got \(loss.data[0])")
        loss.backward()
        // Row i: wᵢ·2(πᵢ − aᵢ) + (λ₂/n)·2πᵢ with w = ½ on S₁, −0.3 on S₂, λ₂/n = 0.001/3.
        let c = 0.002 / 3
        let grad = [1 + c, 0, 0, -1.2 + 2 * c, c, 1 + c]
        for (g, w) in zip(p.grad, grad) {
            #expect(Swift.abs(g - w) < 1e-12, "gradient: expected \(grad), got \(p.grad)")
        }
    }

    @Test("SL2 with no page without a purchase is SL1 plus the norm penalty")
    func sl2WithoutS2() {
        let p = Tensor(rows: 2, cols: 2, data: [1, 0, 0, 2])
        let a = Tensor(rows: 2, cols: 2, data: [0, 0, 1, 0])
        let l2 = SupervisedEngines.sl2Loss(predictions: p, actions: a, purchased: [true, true]).data[0]
        #expect(Swift.abs(l2 - (3 + 0.001 * 5 / 2)) < 1e-12, "got \(l2)")
    }

    @Test("training lowers eq. 4's and eq. 5's loss over the whole log; the same seed gives the same engine")
    func trains() throws {
        let log = HistoricalLog.generate(world: TaobaoWorld(), sessions: 600, seed: 3)
        let pages = SupervisedEngines.Pages(log: log)
        #expect(pages.count == log.pageCount && pages.observations.count == 91 * log.pageCount)
        let (x, a, purchased) = pages.batch(Array(0..<pages.count))
        let bought = (0..<pages.count).filter { purchased[$0] }
        func fullLoss(_ kind: SupervisedEngines.Kind, _ net: MLP) -> Double {
            Tensor.withoutGradients {
                kind == .sl1
                    ? SupervisedEngines.sl1Loss(predictions: net(x.gatherRows(bought)), actions: a.gatherRows(bought))
                    : SupervisedEngines.sl2Loss(predictions: net(x), actions: a, purchased: purchased)
            }.data[0]
        }
        for kind in SupervisedEngines.Kind.allCases {
            var config = SupervisedEngines.Config()
            config.epochs = 1
            let early = try SupervisedEngines.train(kind, pages: pages, config: config)
            config.epochs = 40
            let late = try SupervisedEngines.train(kind, pages: pages, config: config)
            let again = try SupervisedEngines.train(kind, pages: pages, config: config)
            #expect(late.epochLosses == again.epochLosses, "\(kind): same seed, different losses")
            let (before, after) = (fullLoss(kind, early.network), fullLoss(kind, late.network))
            #expect(after < before, "\(kind): whole-log loss after 1 epoch \(before), after 40 \(after)")
            var rng = RNG(seed: 0)
            let action = late.engine.action(
                observation: log.observation(session: 0, page: 0), world: TaobaoWorld(), rng: &rng)
            #expect(action.count == 27 && action.allSatisfy(\.isFinite))
        }
    }
}
