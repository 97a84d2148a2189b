/// Building a page: the 10 not-yet-shown items of the query category with the highest
/// `weights · features`, best first.
///
/// One pass over the category computes each score (a 27-term dot product) and keeps the best k in
/// a small sorted list (insertion): O(n·27 + n·k) for n items, no full sort. Ties go to the lower
/// item index, so the page is a deterministic function of the weights.
enum PageRanking {
    /// Fills `best` with the local indices (0..<count) of the best `k` items not marked in `shown`,
    /// best first (fewer if fewer are left). `features` is the category's item × 27 block;
    /// `scores` is scratch space.
    static func topUnshown(
        features: UnsafeBufferPointer<Double>, count: Int, weights: UnsafeBufferPointer<Double>,
        shown: UnsafeBufferPointer<Bool>, k: Int, best: inout [Int], scores: inout [Double]
    ) {
        let d = TaobaoLayout.actionSize
        precondition(weights.count == d && features.count >= count * d && shown.count >= count)
        best = [Int](repeating: 0, count: k)
        scores = [Double](repeating: 0, count: k)
        var filled = 0
        best.withUnsafeMutableBufferPointer { ids in
            scores.withUnsafeMutableBufferPointer { top in
                for i in 0..<count where !shown[i] {
                    var s = 0.0
                    let row = i * d
                    for f in 0..<d { s += weights[f] * features[row + f] }
                    if filled == k && s <= top[k - 1] { continue }
                    // Insert s into the descending list, dropping the last one if it is full.
                    var j = filled < k ? filled : k - 1
                    while j > 0 && top[j - 1] < s {
                        top[j] = top[j - 1]
                        ids[j] = ids[j - 1]
                        j -= 1
                    }
                    top[j] = s
                    ids[j] = i
                    if filled < k { filled += 1 }
                }
            }
        }
        best.removeLast(k - filled)
    }
}
