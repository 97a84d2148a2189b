/// A search engine: what it sees → the 27 ranking weights of the next page.
///
/// Most engines read only the 91-dim observation (a learned policy, a fixed weight vector). Some
/// also draw random numbers: they get a generator that `evaluate` seeds per customer, so an
/// engine's randomness never disturbs the customers' (common random numbers). Only `oracle`
/// reads the world, through `TaobaoWorld.oracleAction()`.
public struct Engine {
    /// A short name for tables ("random", "oracle", …).
    public let name: String
    private let act: (_ observation: [Double], _ world: TaobaoWorld, _ rng: inout RNG) -> [Double]

    /// An engine that reads only the observation.
    public init(name: String, policy: @escaping (_ observation: [Double]) -> [Double]) {
        self.name = name
        self.act = { observation, _, _ in policy(observation) }
    }

    /// An engine that reads the observation and draws random numbers.
    public init(name: String, randomPolicy: @escaping (_ observation: [Double], _ rng: inout RNG) -> [Double]) {
        self.name = name
        self.act = { observation, _, rng in randomPolicy(observation, &rng) }
    }

    private init(name: String, readingTheWorld: @escaping ([Double], TaobaoWorld, inout RNG) -> [Double]) {
        self.name = name
        self.act = readingTheWorld
    }

    /// The same engine under another name (e.g. "random ×10" for `random(sigma: 1)`).
    public func named(_ name: String) -> Engine { Engine(name: name, readingTheWorld: act) }

    /// The engine's weights for the page `world` is about to show.
    public func action(observation: [Double], world: TaobaoWorld, rng: inout RNG) -> [Double] {
        act(observation, world, &rng)
    }

    /// The default σ of the historical engine's weights.
    public static let historicalSigma = 0.1

    /// The random ("historical") engine: every page, fresh weights w_f ~ N(0, σ²), σ = 0.1 by
    /// default. Ranking ignores the norm, so σ only matters to a learned simulator, which sees the
    /// raw weights: the log then covers only small-norm actions (what ANC guards against).
    public static func random(sigma: Double = historicalSigma) -> Engine {
        Engine(name: "random") { _, rng in
            (0..<TaobaoLayout.actionSize).map { _ in rng.normal(std: sigma) }
        }
    }

    /// The popularity engine: ranks by sales volume alone (weight 1 on `salesVolume`, 0 elsewhere).
    public static var popularity: Engine {
        fixed(weightsFor: [.salesVolume: 1], name: "popularity")
    }

    /// The oracle engine: ranks by the customer's hidden preference θ (`TaobaoWorld.oracleAction`).
    /// The upper bound of the course's tables; the only engine that reads the world.
    public static var oracle: Engine {
        Engine(name: "oracle") { _, world, _ in world.oracleAction() }
    }

    /// The attribute oracle: ranks by the part of the hidden preference θ that the customer's 88
    /// attributes explain (`PreferenceModel.attributePreference`), without the customer's own
    /// taste noise. It reads only the observation, so it is roughly the ceiling of any policy that
    /// sees what a learner sees (chapter 5 measures it at a normalised score of about 0.88).
    public static func attributeOracle(_ truth: TaobaoTruth) -> Engine {
        Engine(name: "attribute oracle") { observation in
            truth.preferences.attributePreference(
                TaobaoLayout.attributes(ofOneHot: Array(observation[0..<TaobaoLayout.staticSize])))
        }
    }

    /// The same weights for every customer and page.
    public static func fixed(_ weights: [Double], name: String = "fixed") -> Engine {
        precondition(
            weights.count == TaobaoLayout.actionSize,
            "a fixed engine needs \(TaobaoLayout.actionSize) weights, got \(weights.count)")
        return Engine(name: name) { _ in weights }
    }

    /// The same weights for every page, given by feature (unnamed features get 0).
    public static func fixed(weightsFor named: [ItemFeature: Double], name: String = "fixed") -> Engine {
        var w = [Double](repeating: 0, count: TaobaoLayout.actionSize)
        for (f, v) in named { w[f.rawValue] = v }
        return fixed(w, name: name)
    }
}
