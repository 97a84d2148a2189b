import Foundation

/// The ground-truth catalogue: a few thousand items, each a 27-dim feature vector (`ItemFeature`),
/// grouped by the 18 query categories. A customer's search shows only items of their query
/// category.
///
/// Each category k has 160 + U{0…160} items, stored contiguously: item ids
/// `start[k] ..< start[k] + count[k]`, row-major features in `features` (item × 27). An item is
/// drawn from two latents, quality q and price level p (N = fresh standard normal):
///
///     price = p                          sales = 0.5q − 0.4p − 0.3·newness + 0.7N
///     historical CTR = 0.5q + 0.3·sales + 0.7N      rating = 0.7q + 0.7N
///     review count = 0.85·sales + 0.5N    favourites = 0.6·sales + 0.3q + 0.7N
///     brand tier = 0.6p + 0.4q + 0.7N     shop reputation = 0.5q + 0.85N
///     return rate = −0.5q + 0.85N         image quality = 0.3q + 0.95N
///     discount, delivery speed, newness = N      free shipping = ±1 (P(+1) = 0.6)
///     promotion = ±1 (P(+1) = 0.3)       style_j = 0.3·centre_{k,j} + N
///
/// then every column is standardised over the whole catalogue (mean 0, sd 1). Drift moves the
/// popularity signals: with z_i ~ N(0, 1) per item, at `day` the sales volume gains
/// `δ(day)·0.8·z_i`, the historical CTR `δ(day)·(0.4·z_i + 0.3N)`, the review count
/// `δ(day)·0.5·z_i`, the favourites `δ(day)·(0.6·z_i + 0.3N)` (δ as in `PreferenceModel`).
public struct ItemCatalogue: Sendable {
    /// Number of query categories (18).
    public static let categoryCount = 18
    /// First item id of each category.
    public let start: [Int]
    /// Number of items in each category.
    public let count: [Int]
    /// Item features at the catalogue's day, items × 27, row-major.
    public let features: [Double]
    /// The same features transposed per category, for ranking: category k's block starts at
    /// `27·start[k]` and holds feature f of its item i at `27·start[k] + f·count[k] + i`, so a page's
    /// scores are 27 passes of `score[i] += w_f · x_{f,i}` over contiguous memory.
    public let featureMajor: [Double]
    /// The day the features describe.
    public let day: Double

    /// All items.
    public var itemCount: Int { start.last! + count.last! }

    /// The category of an item.
    public func category(ofItem id: Int) -> Int {
        precondition(id >= 0 && id < itemCount, "item id must be in 0..<\(itemCount), got \(id)")
        return start.lastIndex(where: { $0 <= id })!
    }

    /// The 27 features of one item.
    public func features(ofItem id: Int) -> [Double] {
        let d = TaobaoLayout.actionSize
        return Array(features[(id * d)..<((id + 1) * d)])
    }

    /// Builds the seeded catalogue, drifted to `day`.
    public init(rng: inout RNG, day: Double) {
        let d = TaobaoLayout.actionSize
        typealias F = ItemFeature
        var starts: [Int] = []
        var counts: [Int] = []
        var x: [Double] = []
        for _ in 0..<Self.categoryCount {
            starts.append(x.count / d)
            let n = 160 + rng.int(below: 161)
            counts.append(n)
            let centre = (0..<12).map { _ in 0.3 * rng.normal() }
            for _ in 0..<n {
                var f = [Double](repeating: 0, count: d)
                let q = rng.normal()
                let p = rng.normal()
                f[F.newness.rawValue] = rng.normal()
                f[F.price.rawValue] = p
                f[F.salesVolume.rawValue] =
                    0.5 * q - 0.4 * p - 0.3 * f[F.newness.rawValue] + 0.7 * rng.normal()
                let sales = f[F.salesVolume.rawValue]
                f[F.historicalCTR.rawValue] = 0.5 * q + 0.3 * sales + 0.7 * rng.normal()
                f[F.rating.rawValue] = 0.7 * q + 0.7 * rng.normal()
                f[F.reviewCount.rawValue] = 0.85 * sales + 0.5 * rng.normal()
                f[F.favourites.rawValue] = 0.6 * sales + 0.3 * q + 0.7 * rng.normal()
                f[F.brandTier.rawValue] = 0.6 * p + 0.4 * q + 0.7 * rng.normal()
                f[F.shopReputation.rawValue] = 0.5 * q + 0.85 * rng.normal()
                f[F.returnRate.rawValue] = -0.5 * q + 0.85 * rng.normal()
                f[F.imageQuality.rawValue] = 0.3 * q + 0.95 * rng.normal()
                f[F.discount.rawValue] = rng.normal()
                f[F.deliverySpeed.rawValue] = rng.normal()
                f[F.freeShipping.rawValue] = rng.bernoulli(0.6) ? 1 : -1
                f[F.promotion.rawValue] = rng.bernoulli(0.3) ? 1 : -1
                for j in 0..<12 { f[F.style0.rawValue + j] = centre[j] + rng.normal() }
                x += f
            }
        }
        let n = x.count / d
        // Standardise each column over the catalogue.
        for f in 0..<d {
            var mean = 0.0
            for i in 0..<n { mean += x[i * d + f] }
            mean /= Double(n)
            var variance = 0.0
            for i in 0..<n { variance += (x[i * d + f] - mean) * (x[i * d + f] - mean) }
            let sd = (variance / Double(n)).squareRoot()
            for i in 0..<n { x[i * d + f] = (x[i * d + f] - mean) / sd }
        }
        // Popularity drift (drawn always, so the catalogue is the same at every day up to the shift).
        let delta = PreferenceModel.driftAmount(day: day)
        for i in 0..<n {
            let z = rng.normal()
            let ctrNoise = rng.normal()
            let favouriteNoise = rng.normal()
            x[i * d + F.salesVolume.rawValue] += delta * 0.8 * z
            x[i * d + F.historicalCTR.rawValue] += delta * (0.4 * z + 0.3 * ctrNoise)
            x[i * d + F.reviewCount.rawValue] += delta * 0.5 * z
            x[i * d + F.favourites.rawValue] += delta * (0.6 * z + 0.3 * favouriteNoise)
        }
        var transposed = [Double](repeating: 0, count: x.count)
        for k in 0..<Self.categoryCount {
            let base = starts[k] * d
            for i in 0..<counts[k] {
                for f in 0..<d { transposed[base + f * counts[k] + i] = x[(starts[k] + i) * d + f] }
            }
        }
        start = starts
        count = counts
        features = x
        featureMajor = transposed
        self.day = day
    }

    /// The price of `item` in yuan, for turnover (the paper's TT): the item's standardised log-price
    /// feature x read as log(price / 100) / 0.5, i.e. price = 100 · e^(0.5·x) — a median of 100
    /// yuan, two thirds of the items between 61 and 165. The world's dynamics never read it; it
    /// only turns purchases into money.
    public func price(of item: Int) -> Double {
        100 * Foundation.exp(0.5 * features[item * TaobaoLayout.actionSize + ItemFeature.price.rawValue])
    }
}
