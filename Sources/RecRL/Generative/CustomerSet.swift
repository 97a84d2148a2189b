import Foundation

/// A set of customers as their 11 static attribute values, stored flat: customer i's attribute g
/// is `values[i·11 + g]` (the layout of `HistoricalLog.customers`). It is what every customer model
/// of chapter 7 is fitted to and what it generates, and what the distribution measures compare.
public struct CustomerSet: Sendable, Equatable {
    /// The attribute values, 11 per customer, each in 0..<`TaobaoLayout.groupSizes[g]`.
    public private(set) var values: [Int]

    /// The number of customers.
    public var count: Int { values.count / TaobaoLayout.groupCount }

    /// An empty set.
    public init() { values = [] }

    /// Customers from flat attribute values (11 per customer, each inside its group's range).
    public init(values: [Int]) {
        precondition(
            values.count % TaobaoLayout.groupCount == 0,
            "CustomerSet needs 11 values per customer, got \(values.count) values")
        for (k, v) in values.enumerated() {
            let g = k % TaobaoLayout.groupCount
            precondition(
                v >= 0 && v < TaobaoLayout.groupSizes[g],
                "attribute \(g) must be in 0..<\(TaobaoLayout.groupSizes[g]), got \(v)")
        }
        self.values = values
    }

    /// The customers of the historical log, one per session (the paper's training data).
    public init(log: HistoricalLog) {
        values = log.customers.map { Int($0) }
    }

    /// `count` customers drawn from the true population (evaluation only, never for fitting).
    public init(population: CustomerPopulation, count: Int, rng: inout RNG) {
        var values: [Int] = []
        values.reserveCapacity(count * TaobaoLayout.groupCount)
        for _ in 0..<count { values += population.sample(rng: &rng).attributes }
        self.values = values
    }

    /// The customers of one-hot rows ([n×88], exactly one 1 per group).
    public init(oneHot x: Tensor) {
        precondition(x.cols == TaobaoLayout.staticSize, "CustomerSet(oneHot:) needs 88 columns, got \(x.shapeText)")
        var values: [Int] = []
        values.reserveCapacity(x.rows * TaobaoLayout.groupCount)
        for i in 0..<x.rows { values += TaobaoLayout.attributes(ofOneHot: x.row(i)) }
        self.values = values
    }

    /// Adds one customer.
    public mutating func append(_ attributes: [Int]) {
        precondition(
            attributes.count == TaobaoLayout.groupCount, "a customer has 11 attributes, got \(attributes.count)")
        values += attributes
    }

    /// Adds every customer of `other`.
    public mutating func append(contentsOf other: CustomerSet) { values += other.values }

    /// The 11 attribute values of customer i.
    public func attributes(_ i: Int) -> [Int] {
        Array(values[(i * TaobaoLayout.groupCount)..<((i + 1) * TaobaoLayout.groupCount)])
    }

    /// The customers at `indices` as one-hot rows, [indices.count × 88].
    public func oneHot(_ indices: [Int]) -> Tensor {
        let d = TaobaoLayout.staticSize, n = TaobaoLayout.groupCount
        var data = [Double](repeating: 0, count: indices.count * d)
        for (r, i) in indices.enumerated() {
            for g in 0..<n { data[r * d + TaobaoLayout.groupOffsets[g] + values[i * n + g]] = 1 }
        }
        return Tensor(rows: indices.count, cols: d, data: data)
    }

    /// Every customer as one-hot rows, [count × 88].
    public var oneHotRows: Tensor { oneHot(Array(0..<count)) }

    /// The first `n` customers (or all, if fewer).
    public func prefix(_ n: Int) -> CustomerSet {
        var s = CustomerSet()
        s.values = Array(values.prefix(n * TaobaoLayout.groupCount))
        return s
    }

    /// A number that identifies the whole 11-tuple (mixed radix over the group sizes; the
    /// 8·8·11⁴·2·2·3·18·3 ≈ 6·10⁸ possible customers fit an Int): equal keys, equal customers.
    public func key(_ i: Int) -> Int {
        var k = 0
        for g in 0..<TaobaoLayout.groupCount {
            k = k * TaobaoLayout.groupSizes[g] + values[i * TaobaoLayout.groupCount + g]
        }
        return k
    }

    /// The keys of every distinct customer.
    public var distinctKeys: Set<Int> { Set((0..<count).map(key)) }

    /// How many customers take each value of attribute `group`.
    public func counts(group: Int) -> [Int] {
        var c = [Int](repeating: 0, count: TaobaoLayout.groupSizes[group])
        for i in 0..<count { c[values[i * TaobaoLayout.groupCount + group]] += 1 }
        return c
    }

    /// The empirical distribution (proportions) of attribute `group`.
    public func proportions(group: Int) -> [Double] {
        let c = counts(group: group)
        return c.map { Double($0) / Double(max(count, 1)) }
    }

    /// The joint counts of attributes a and b, row-major [size(a) × size(b)].
    public func pairCounts(_ a: Int, _ b: Int) -> [Int] {
        let sb = TaobaoLayout.groupSizes[b]
        var c = [Int](repeating: 0, count: TaobaoLayout.groupSizes[a] * sb)
        for i in 0..<count {
            c[values[i * TaobaoLayout.groupCount + a] * sb + values[i * TaobaoLayout.groupCount + b]] += 1
        }
        return c
    }
}
