/// R2P by customer feature (the Virtual-Taobao paper's Figure 4): for one attribute, the share of
/// pages with a purchase among the pages shown to customers with each value,
///
///     R2P(g = v) = pages with a purchase shown to customers with attribute g = v / pages shown to them
///
/// measured for one engine in one environment (`SessionStatistics.play`: the same customers, in
/// the same order, in every environment of the same seed).
public struct PurchaseByAttribute: Sendable {
    /// The attribute.
    public let attribute: CustomerAttribute
    /// Pages shown to customers with each value.
    public private(set) var pages: [Int]
    /// Of those, pages with a purchase.
    public private(set) var purchases: [Int]

    public init(attribute: CustomerAttribute) {
        self.attribute = attribute
        pages = Array(repeating: 0, count: TaobaoLayout.groupSizes[attribute.group])
        purchases = pages
    }

    /// R2P of each value (nil where no page was shown to that value).
    public var r2p: [Double?] { zip(purchases, pages).map { $1 == 0 ? nil : Double($0) / Double($1) } }

    /// Adds one page shown to the customer whose observation is `observation`.
    public mutating func record(observation: [Double], result: StepResult) {
        let g = attribute.group
        let offset = TaobaoLayout.groupOffsets[g]
        guard let value = (0..<TaobaoLayout.groupSizes[g]).first(where: { observation[offset + $0] == 1 }) else {
            preconditionFailure("PurchaseByAttribute: the observation has no value for \(attribute.name)")
        }
        pages[value] += 1
        if result.info.purchase { purchases[value] += 1 }
    }

    /// `engine` on `sessions` customers of `environment`, R2P by each of `attributes`.
    public static func measure<Env: Environment>(
        _ environment: Env, engine: Engine = .random(), attributes: [CustomerAttribute] = CustomerAttribute.tableOne,
        sessions: Int, seed: UInt64, world: TaobaoWorld
    ) -> [PurchaseByAttribute] {
        var out = attributes.map { PurchaseByAttribute(attribute: $0) }
        SessionStatistics.play(environment, engine: engine, sessions: sessions, seed: seed, world: world) {
            observation, _, result in
            for k in out.indices { out[k].record(observation: observation, result: result) }
        }
        return out
    }
}
