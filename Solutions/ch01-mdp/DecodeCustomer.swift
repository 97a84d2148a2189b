import RecRL

/// Exercise 1.1 — decode a one-hot customer (reference solution).
///
/// For each group g (start = sum of the sizes before it): exactly one entry is 1 and the rest are
/// 0; its index minus the start is the attribute value. Anything else is invalid → `nil`.
public func decodeCustomer(_ oneHot: [Double]) throws -> [Int]? {
    guard oneHot.count == TaobaoLayout.staticSize else { return nil }
    var values: [Int] = []
    var start = 0
    for size in TaobaoLayout.groupSizes {
        let group = oneHot[start..<(start + size)]
        guard group.allSatisfy({ $0 == 0 || $0 == 1 }), group.filter({ $0 == 1 }).count == 1 else { return nil }
        values.append(group.firstIndex(of: 1)! - start)
        start += size
    }
    return values
}
