import Foundation

/// The baseline a customer model must beat: the marginal frequency of each a^c in the training
/// log, ignoring s^c,
///
///     p(a) = (n_a + 1) / (N + 33)
///
/// (add-one smoothing, so an action never seen in training still has a finite log-likelihood on
/// held-out pages). A behaviour-cloned policy that reads s^c must give held-out pages a higher
/// log-likelihood than this.
public struct MarginalCustomerModel: Sendable {
    /// p(a) for the 33 actions, index 3·c + d.
    public let probabilities: [Double]

    /// The smoothed frequencies of `dataset`'s actions.
    public init(dataset: CustomerDataset) {
        var counts = [Double](repeating: 1, count: CustomerAction.count)
        for a in dataset.actions { counts[a.index] += 1 }
        let total = counts.reduce(0, +)
        probabilities = counts.map { $0 / total }
    }

    /// The mean over `dataset`'s pages of log p(a^c).
    public func meanLogLikelihood(_ dataset: CustomerDataset) -> Double {
        precondition(dataset.count > 0, "meanLogLikelihood needs at least one page")
        return dataset.actions.reduce(0) { $0 + Foundation.log(probabilities[$1.index]) } / Double(dataset.count)
    }
}
