import Foundation

/// Independent categorical choices side by side, each written one-hot: the distribution of a
/// customer's static attributes in Virtual-Taobao (GAN-SD's generator outputs one such vector).
///
/// With group sizes [8, 8, 11, 11, 11, 11, 2, 2, 3, 18, 3] (88 columns in all), `logits` is
/// [B×88]; columns 0..<8 are the logits of attribute 1, 8..<16 of attribute 2, and so on. Each
/// group gets its own softmax:
///
///     log π(x) = Σ over groups g of log softmax(logits_g)[the hot index of x in g]
///
/// so a sample has exactly one 1 in each group, and log-probabilities and entropies are sums over
/// the groups. Log-probabilities and entropies back-propagate into the logits.
public struct GroupedOneHotCategorical: Distribution {
    /// The published VirtualTaobao customer attribute groups: 11 attributes, 88 one-hot columns.
    public static let customerAttributeGroupSizes = TaobaoLayout.groupSizes

    /// The number of choices of each group, in column order.
    public let groupSizes: [Int]
    /// The logits, [B×Σ groupSizes].
    public let logits: Tensor
    /// log π per column, [B×Σ groupSizes]: each group's columns are a log-softmax of its logits.
    public let logProbabilities: Tensor

    public init(logits: Tensor, groupSizes: [Int] = GroupedOneHotCategorical.customerAttributeGroupSizes) {
        precondition(
            !groupSizes.isEmpty && groupSizes.allSatisfy { $0 > 0 },
            "GroupedOneHotCategorical: group sizes must be positive, got \(groupSizes)")
        let total = groupSizes.reduce(0, +)
        precondition(
            logits.cols == total,
            "GroupedOneHotCategorical: logits need \(total) columns (groups \(groupSizes)), got \(logits.shapeText)")
        self.groupSizes = groupSizes
        self.logits = logits
        self.logProbabilities = Tensor.concat(groupRanges(groupSizes).map { logits.slice(cols: $0).logSoftmax() })
    }

    /// The batch size B.
    public var batchSize: Int { logits.rows }
    /// The column range of each group.
    public var groupColumns: [Range<Int>] { groupRanges(groupSizes) }

    /// π per column, [B×Σ groupSizes]: each group's columns sum to 1.
    public var probabilities: Tensor { logProbabilities.exp() }

    /// One one-hot vector per row, [B×Σ groupSizes], each group drawn independently with `rng`
    /// (groups in column order, rows first).
    public func sample(rng: inout RNG) -> Tensor {
        var values = [Double](repeating: 0, count: logits.count)
        for i in 0..<batchSize {
            let row = logProbabilities.row(i)
            for columns in groupColumns {
                let chosen = rng.categorical(row[columns].map { Foundation.exp($0) })
                values[i * logits.cols + columns.lowerBound + chosen] = 1
            }
        }
        return Tensor(rows: batchSize, cols: logits.cols, data: values)
    }

    /// The most likely one-hot vector of each row (the first index on ties).
    public var mode: Tensor {
        var values = [Double](repeating: 0, count: logits.count)
        for i in 0..<batchSize {
            let row = logits.row(i)
            for columns in groupColumns {
                let best = columns.max { row[$0] < row[$1] || (row[$0] == row[$1] && $0 > $1) }!
                values[i * logits.cols + best] = 1
            }
        }
        return Tensor(rows: batchSize, cols: logits.cols, data: values)
    }

    /// log π(x) of each row of the one-hot batch `x` ([B×Σ groupSizes]), summed over groups, as
    /// [B×1]: Σⱼ log πᵢⱼ · xᵢⱼ. Each group of each row of x must hold exactly one 1.
    public func logProb(_ x: Tensor) -> Tensor {
        precondition(
            x.shape == logits.shape,
            "GroupedOneHotCategorical.logProb: x \(x.shapeText) must have the logits' shape \(logits.shapeText)")
        for i in 0..<x.rows {
            for (g, columns) in groupColumns.enumerated() {
                let ones = columns.filter { x[i, $0] == 1 }.count
                let zeros = columns.filter { x[i, $0] == 0 }.count
                precondition(
                    ones == 1 && zeros == columns.count - 1,
                    "GroupedOneHotCategorical.logProb: row \(i), group \(g) (columns \(columns)) is not one-hot")
            }
        }
        return (logProbabilities * x).sum(axis: 1)
    }

    /// H = Σ over groups of −Σⱼ πⱼ log πⱼ, per row, as [B×1] (the groups are independent, so their
    /// entropies add).
    public func entropy() -> Tensor {
        -(probabilities * logProbabilities).sum(axis: 1)
    }

    /// KL(self ‖ other) of each row, as [B×1]: the groups are independent, so it is the sum over
    /// groups of Σⱼ πⱼ (log πⱼ − log π′ⱼ), which is that sum over all columns. Differentiable in both.
    public func kl(to other: GroupedOneHotCategorical) -> Tensor {
        precondition(
            other.groupSizes == groupSizes && other.logits.rows == logits.rows,
            "GroupedOneHotCategorical.kl: the other has groups \(other.groupSizes) and \(other.logits.rows) rows, "
                + "this one \(groupSizes) and \(logits.rows)")
        return categoricalKL(logP: logProbabilities, logQ: other.logProbabilities)
    }

    /// Values are already one-hot rows of numbers.
    public func tensor(of value: Tensor) -> Tensor { value }
    public func value(of tensor: Tensor) -> Tensor { tensor }
}

/// The consecutive column ranges of groups of the given sizes.
private func groupRanges(_ sizes: [Int]) -> [Range<Int>] {
    var start = 0
    return sizes.map { size in
        defer { start += size }
        return start..<(start + size)
    }
}
