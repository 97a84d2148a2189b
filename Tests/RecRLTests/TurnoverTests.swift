import Foundation
import Testing

@testable import RecRL

@Suite("TaobaoWorld: what was bought, and for how much (TT and TV)")
struct TurnoverTests {
    @Test("price = 100·e^(0.5·x) of the standardised log-price feature: 100 yuan at x = 0")
    func priceByHand() {
        let world = TaobaoWorld()
        let catalogue = world.truth.catalogue
        for item in [0, 7, 500] {
            let x = catalogue.features[item * TaobaoLayout.actionSize + ItemFeature.price.rawValue]
            #expect(Swift.abs(catalogue.price(of: item) - 100 * Foundation.exp(0.5 * x)) < 1e-12)
        }
    }

    @Test("a page with a purchase bought ≥ 1 of its clicked items, and paid for them at their prices")
    func boughtItemsAreClickedItems() {
        var world = TaobaoWorld(reward: .purchase, seed: 3)
        var rng = RNG(seed: 4)
        var metrics = EngineMetrics()
        var purchases = 0
        for _ in 0..<400 {
            var observation = world.reset()
            while true {
                let action = Engine.random(sigma: 1).action(observation: observation, world: world, rng: &rng)
                let result = world.step(action)
                metrics.record(result)
                let info = result.info
                #expect((info.itemsBought > 0) == info.purchase)
                #expect(info.itemsBought <= info.clicks)
                let prices = zip(world.lastPage, world.lastClicked).filter(\.1).map {
                    world.truth.catalogue.price(of: $0.0)
                }
                if info.purchase {
                    purchases += 1
                    #expect(info.turnover >= Double(info.itemsBought) * prices.min()! - 1e-9)
                    #expect(info.turnover <= Double(info.itemsBought) * prices.max()! + 1e-9)
                } else {
                    #expect(info.turnover == 0)
                }
                if result.done { break }
                observation = result.observation
            }
        }
        #expect(purchases > 10)
        #expect(metrics.itemsBought >= metrics.purchases && metrics.turnover > 0)
    }
}
