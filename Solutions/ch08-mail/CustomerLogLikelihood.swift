import Foundation
import RecRL

/// Exercise 8.2 — behaviour cloning's log-likelihood of one page (reference solution).
public func customerLogLikelihood(logits: [Double], clicks: Int, decision: Int) throws -> Double {
    let m = logits.max()!
    let logSum = m + Foundation.log(logits.reduce(0) { $0 + Foundation.exp($1 - m) })
    return logits[3 * clicks + decision] - logSum
}
