import Foundation

/// The detection test of tabular-synthesis benchmarks (e.g. SDMetrics' "detection" metrics): train
/// a classifier to tell generated customers from real ones and measure its ROC AUC on customers it
/// did not train on. AUC 0.5: the classifier cannot tell them apart (a perfect generator); 1: it
/// always can.
///
/// The classifier is an MLP 88 → hidden (ReLU) → 1 logit, trained with BCE (Adam) on the first half
/// of each set; the AUC is computed on the second halves.
public enum DetectionTest {
    /// The held-out AUC of a classifier trained to score generated (1) above real (0).
    public static func auc(
        generated: CustomerSet, real: CustomerSet, hidden: Int = 64, steps: Int = 400, batchSize: Int = 256,
        rng: inout RNG
    ) -> Double {
        let n = min(generated.count, real.count) / 2
        precondition(n > 0, "DetectionTest needs at least 2 customers in each set")
        let classifier = MLP(sizes: [TaobaoLayout.staticSize, hidden, 1], activation: .relu, rng: &rng)
        let optimizer = Adam(parameters: classifier.parameters, learningRate: 1e-3)
        let half = batchSize / 2
        for _ in 0..<steps {
            let fake = generated.oneHot((0..<half).map { _ in rng.int(below: n) })
            let truth = real.oneHot((0..<half).map { _ in rng.int(below: n) })
            optimizer.zeroGrad()
            let loss = (-classifier(fake)).softplus().mean() + classifier(truth).softplus().mean()
            loss.backward()
            optimizer.step()
        }
        let held = Array(n..<(2 * n))
        let scores = Tensor.withoutGradients {
            classifier(generated.oneHot(held)).data + classifier(real.oneHot(held)).data
        }
        return auc(scores: scores, labels: held.map { _ in true } + held.map { _ in false })
    }

    /// ROC AUC = P(score of a positive > score of a negative) + ½ P(tie) (Mann–Whitney U / n₊n₋),
    /// by ranks with ties given their mean rank.
    public static func auc(scores: [Double], labels: [Bool]) -> Double {
        precondition(scores.count == labels.count, "auc: \(scores.count) scores, \(labels.count) labels")
        let ranks = midRanks(scores)
        let positives = Double(labels.filter { $0 }.count), negatives = Double(labels.count) - positives
        precondition(positives > 0 && negatives > 0, "auc needs both labels")
        let rankSum = zip(ranks, labels).reduce(0) { $0 + ($1.1 ? $1.0 : 0) }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }
}
