/// Building a page: the 10 not-yet-shown items of the query category with the highest
/// `weights · features`, best first.
///
/// First every item's score `w · x_i` (over the category's feature-major block, 8 items at a time
/// in two `SIMD4<Double>` registers, as `MatrixKernel` does); then one pass keeps the best k unshown
/// items in a small sorted list (insertion): O(27·n + k·n) for n items, no full sort. Ties go to
/// the lower item index, so the page is a deterministic function of the weights.
enum PageRanking {
    /// Writes into `best` the local indices (0..<count) of the `best.count` highest-scoring items
    /// not listed in `shown`, best first, and returns how many it found. `featureMajor` is the
    /// category's 27 × count block; `scores` is scratch space of at least `count` values.
    static func topUnshown(
        featureMajor x: UnsafeBufferPointer<Double>, count: Int, weights: UnsafeBufferPointer<Double>,
        shown: [Int], best: UnsafeMutableBufferPointer<Int>, bestScores: UnsafeMutableBufferPointer<Double>,
        scores: UnsafeMutableBufferPointer<Double>
    ) -> Int {
        let k = best.count
        precondition(
            weights.count == TaobaoLayout.actionSize && x.count >= count * TaobaoLayout.actionSize
                && scores.count >= count && bestScores.count == k)
        computeScores(featureMajor: x, count: count, weights: weights, into: scores)
        for i in shown { scores[i] = -.infinity }  // shown items can never enter the page
        // `threshold` is the score to beat: −∞ while the list has room, then its last score.
        var threshold = -Double.infinity
        var filled = 0
        for i in 0..<count {
            let s = scores[i]
            if s <= threshold { continue }
            // Insert s into the descending list, dropping the last one if it is full.
            var j = filled < k ? filled : k - 1
            while j > 0 && bestScores[j - 1] < s {
                bestScores[j] = bestScores[j - 1]
                best[j] = best[j - 1]
                j -= 1
            }
            bestScores[j] = s
            best[j] = i
            if filled < k { filled += 1 }
            if filled == k { threshold = bestScores[k - 1] }
        }
        return filled
    }

    /// scores[i] = Σ_f w_f · x[f·count + i]. Eight items at a time: two `SIMD4<Double>`
    /// accumulators run over the 27 features (loads of contiguous items, no bounds checks), then
    /// the last `count % 8` items one by one. The sum for each item is in feature order, as in the
    /// plain loop, so the result is the same to the last bit.
    static func computeScores(
        featureMajor x: UnsafeBufferPointer<Double>, count: Int, weights: UnsafeBufferPointer<Double>,
        into scores: UnsafeMutableBufferPointer<Double>
    ) {
        let d = TaobaoLayout.actionSize
        let raw = UnsafeRawPointer(x.baseAddress!)
        let out = UnsafeMutableRawPointer(scores.baseAddress!)
        let blocks = count - count % 8
        var i = 0
        while i < blocks {
            var low = SIMD4<Double>()
            var high = SIMD4<Double>()
            for f in 0..<d {
                let w = weights[f]
                low += w * raw.loadUnaligned(fromByteOffset: (f * count + i) * 8, as: SIMD4<Double>.self)
                high += w * raw.loadUnaligned(fromByteOffset: (f * count + i + 4) * 8, as: SIMD4<Double>.self)
            }
            out.storeBytes(of: low, toByteOffset: i * 8, as: SIMD4<Double>.self)
            out.storeBytes(of: high, toByteOffset: (i + 4) * 8, as: SIMD4<Double>.self)
            i += 8
        }
        for j in blocks..<count {
            var s = 0.0
            for f in 0..<d { s += weights[f] * x[f * count + j] }
            scores[j] = s
        }
    }
}
