import Foundation
import Testing

@testable import RecRL

@Suite("TaobaoWorld clicked items")
struct WorldLastClickedTests {
    @Test("lastClicked marks the clicked positions of the last page and agrees with the click count")
    func lastClickedAgreesWithClicks() {
        var env = TaobaoWorld()
        var pages = 0
        var clicked = 0
        for s in 0..<200 {
            _ = env.reset(seed: UInt64(s))
            #expect(env.lastClicked.isEmpty)
            while !env.isSessionOver {
                let result = env.step(env.oracleAction())
                #expect(env.lastClicked.count == 10)
                #expect(env.lastClicked.filter { $0 }.count == result.info.clicks)
                pages += 1
                clicked += result.info.clicks
            }
        }
        // The check above must have met pages with and without clicks.
        #expect(pages > 200 && clicked > 0 && clicked < 10 * pages)
    }

    @Test("lastClicked follows the click probabilities: always at the top for a keen customer, never for a bored one")
    func lastClickedExtremes() {
        // Interest σ(0.65·m + 50) ≈ 1: the top item of page 1 (ρ₀ = 1, φ₁ = 1) is clicked for sure.
        var keen = CustomerResponse()
        keen.matchBias = 50
        var env = TaobaoWorld(truth: TaobaoTruth(response: keen))
        for s in 0..<50 {
            _ = env.reset(seed: UInt64(s))
            _ = env.step(env.oracleAction())
            #expect(env.lastClicked.first == true)
        }
        // Interest σ(0.65·m − 50) ≈ 0: nothing is clicked.
        var bored = CustomerResponse()
        bored.matchBias = -50
        env = TaobaoWorld(truth: TaobaoTruth(response: bored))
        _ = env.reset(seed: 1)
        _ = env.step(env.oracleAction())
        #expect(env.lastClicked == [Bool](repeating: false, count: 10))
    }
}
