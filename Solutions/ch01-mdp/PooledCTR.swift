import RecRL

/// Exercise 1.2 — the pooled click-through rate of a session log (reference solution).
///
/// CTR = Σ clicks / (10 × Σ pages); `nil` when there are no pages.
public func pooledCTR(_ sessions: [[Int]]) throws -> Double? {
    let pages = sessions.reduce(0) { $0 + $1.count }
    guard pages > 0 else { return nil }
    let clicks = sessions.reduce(0) { $0 + $1.reduce(0, +) }
    return Double(clicks) / Double(TaobaoLayout.pageSize * pages)
}
