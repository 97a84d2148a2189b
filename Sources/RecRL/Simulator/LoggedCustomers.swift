/// A customer generator that resamples the customers of a historical log: each new customer is
/// one of the logged customers drawn uniformly, k = ⌊u · N⌋ with u ~ U[0, 1) (one uniform).
///
/// The simplest P^c a learned simulator can have before a generative model (chapter 7's GAN-SD)
/// replaces it: it never produces a customer the log did not contain, which is the paper's
/// argument for GAN-SD ("sampling from the database can not generate out-of-data customers").
public struct LoggedCustomers: CustomerGenerator, Sendable, Equatable {
    /// The customers' 11 attribute values each, customer-major ([N·11]).
    public let attributes: [UInt8]

    /// The customers of every session of `log` (one per session, repeats kept: a customer who
    /// came twice is twice as likely).
    public init(log: HistoricalLog) {
        self.init(attributes: log.customers)
    }

    /// Customers given by their attribute values, 11 per customer, each in range for its group.
    public init(attributes: [UInt8]) {
        precondition(
            !attributes.isEmpty && attributes.count % TaobaoLayout.groupCount == 0,
            "LoggedCustomers needs 11 attribute values per customer, got \(attributes.count) values")
        for (i, v) in attributes.enumerated() {
            let g = i % TaobaoLayout.groupCount
            precondition(
                Int(v) < TaobaoLayout.groupSizes[g], "attribute \(g) is \(v), expected < \(TaobaoLayout.groupSizes[g])")
        }
        self.attributes = attributes
    }

    /// Number of customers N.
    public var count: Int { attributes.count / TaobaoLayout.groupCount }

    public var customerSize: Int { TaobaoLayout.staticSize }

    public func nextCustomer<Draws: SimulatorDraws>(draws: inout Draws) -> [Double] {
        let k = min(Int(draws.uniform() * Double(count)), count - 1)
        let g = TaobaoLayout.groupCount
        return TaobaoLayout.oneHot(attributes[(k * g)..<((k + 1) * g)].map { Int($0) })
    }
}
