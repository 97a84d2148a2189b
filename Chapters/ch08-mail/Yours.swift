import Ch08Exercises
import Foundation
import RecRL

/// MAIL's reward from Exercise 8.1 if it is attempted (`--mine`), with a note saying which reward
/// trains; nil and why while the stub still throws.
func studentReward() -> (MAILReward?, String) {
    do {
        _ = try discriminatorReward(logit: 0)
    } catch {
        return (nil, "--mine: \(error) — training with the library's reward")
    }
    // It ran once without throwing; a later throw is a bug in the exercise, not the chapter.
    return (.custom { (try? discriminatorReward(logit: $0)) ?? $0 }, "--mine: your discriminatorReward")
}

/// What each of the student's exercises does right now, against the library.
func exerciseTable() -> Table {
    var yours = Table(columns: [.init("exercise"), .init("status")])
    yours.row(
        "8.1 MAIL's reward from the logit",
        exerciseStatus {
            try [-40.0, -1, 0, Foundation.log(3), 40].allSatisfy {
                abs(try discriminatorReward(logit: $0) - MAILReward.logit($0)) < 1e-6
            }
        })
    yours.row(
        "8.2 the log-likelihood of a customer's answer",
        exerciseStatus {
            let logits = (0..<33).map { Double($0 % 7) - 3 }
            let want = Categorical(logits: .row(logits)).logProb([3 * 4 + 2]).data[0]
            return abs(try customerLogLikelihood(logits: logits, clicks: 4, decision: 2) - want) < 1e-9
        })
    return yours
}
