import Ch10Exercises
import Foundation
import RecRL

/// What each of the student's exercises does right now, against the library.
func exerciseTable() -> Table {
    var yours = Table(columns: [.init("exercise"), .init("status")])
    yours.row(
        "10.1 SL2's loss (eq. 5)",
        exerciseStatus {
            let p = [[1.0, 0], [0, 2], [1, 1]]
            let a = [[0.0, 0], [0, 0], [1, 0]]
            let purchased = [true, false, true]
            let want = SupervisedEngines.sl2Loss(
                predictions: Tensor(rows: 3, cols: 2, data: p.flatMap { $0 }),
                actions: Tensor(rows: 3, cols: 2, data: a.flatMap { $0 }), purchased: purchased
            ).data[0]
            return abs(
                try sl2Loss(predictions: p, actions: a, purchased: purchased, lambda1: 0.3, lambda2: 0.001) - want)
                < 1e-9
        })
    yours.row(
        "10.2 the SNIPS estimate",
        exerciseStatus {
            let b = LoggedBandit(logWeights: [0, Foundation.log(2), -1, 3], rewards: [1, 0, 1, 0.5])
            return abs(try snips(logWeights: b.logWeights, rewards: b.rewards) - b.snips) < 1e-9
        })
    return yours
}
