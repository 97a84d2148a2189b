import RecRL

/// Exercise 1.2 — the pooled click-through rate of a session log.
///
/// `sessions[j]` lists the clicks (0…10) on each page of session j; every page shows 10 items.
/// The pooled CTR is
///
///     CTR = total clicks / (10 × total pages)
///
/// over all sessions together (not the mean of each session's CTR, which weighs a one-page session
/// as much as a fifteen-page one). A log with no pages at all has no CTR: return `nil`.
///
/// Example: sessions [[3, 0, 5], [1]] have 9 clicks on 4 pages, so CTR = 9 / 40 = 0.225.
///
/// Check with: `swift test --filter "Exercise 1.2"`.
public func pooledCTR(_ sessions: [[Int]]) throws -> Double? {
    // Replace this line with your answer.
    throw NotAttempted(
        "add up the clicks of every page of every session, count the pages, and divide the clicks by 10 × pages "
            + "(nil when there are no pages)")
}
