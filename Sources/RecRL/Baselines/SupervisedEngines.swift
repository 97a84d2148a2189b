import Foundation

/// The paper's supervised baselines ("Experiments in the real environment"): an engine π(s) → a
/// fitted to the historical log by regression, with no notion of what comes after the page.
///
/// The log's pages are split into S₁, the pages the customer bought on, and S₀, the others.
///
/// **SL1** (eq. 4) regresses the action on the state over the purchase pages only:
///
///     π*_SL1 = argmin_π (1/|S₁|) Σ_{(s,a)∈S₁} |π(s) − a|²
///
/// **SL2** (eq. 5) also pushes π(s) away from the actions of pages without a purchase, and
/// penalises the norm of the action so that the (unbounded) second term cannot win by making π
/// large:
///
///     π*_SL2 = argmin_π (1/|S₁|) Σ_{S₁} |π(s) − a|² − (λ₁/|S₂|) Σ_{S₂} |π(s) − a|² + (λ₂/|S|) Σ_S |π(s)|²
///
/// with λ₁ = 0.3 and λ₂ = 0.001 (the paper's values). **How S₂ is read:** the paper defines only S₁
/// (records with a purchase) and S₀ ("the other") and never defines S₂; its text says the second
/// term keeps the actions "far away from the 'wrong ones'", so S₂ is read as S₀, the pages without
/// a purchase, and S = S₁ ∪ S₀ is every page of the log.
///
/// Each term is a mean over its own set, so a minibatch draws its S₁ and S₀ rows separately (stratified:
/// `purchaseRowsPerBatch` of S₁ and the rest of S₀) and each term is an unbiased estimate of eq. 5's.
/// Note that eq. 5 is not bounded below in general: at a state where the S₀ term outweighs the S₁
/// term, moving π(s) away from everything lowers the loss, and only λ₂|π|² stops it; the chapter
/// reports the engines' action norms.
public enum SupervisedEngines {
    /// Which loss: eq. 4 or eq. 5.
    public enum Kind: String, Sendable, CaseIterable {
        case sl1 = "SL1"
        case sl2 = "SL2"
    }

    /// How an SL engine is trained.
    public struct Config: Sendable {
        public var hiddenSizes = [64]
        public var epochs = 10
        /// Rows per Adam step of SL2 (S₁ and S₀ rows together).
        public var minibatchSize = 128
        /// S₁ rows per Adam step: all of SL1's minibatch, and SL2's share of its `minibatchSize`
        /// (so both take the same number of steps per epoch).
        public var purchaseRowsPerBatch = 32
        public var learningRate = 1e-3
        /// λ₁ of eq. 5 (the paper: 0.3).
        public var lambda1 = 0.3
        /// λ₂ of eq. 5 (the paper: 0.001).
        public var lambda2 = 0.001
        public var seed: UInt64 = 0
        public init() {}
    }

    /// The mean squared distance (1/B) Σᵢ |pᵢ − aᵢ|² between the rows of `predictions` and
    /// `actions` [B×d]: eq. 4's loss on a minibatch of S₁.
    public static func sl1Loss(predictions: Tensor, actions: Tensor) -> Tensor {
        precondition(predictions.shape == actions.shape, "sl1Loss: \(predictions.shapeText) vs \(actions.shapeText)")
        return (predictions - actions).square().sum(axis: 1).mean()
    }

    /// Eq. 5's loss on a minibatch: rows with `purchased[i]` are S₁, the others S₂ (= S₀):
    ///
    ///     (1/n₁) Σ_{S₁} |pᵢ − aᵢ|² − (λ₁/n₂) Σ_{S₂} |pᵢ − aᵢ|² + (λ₂/n) Σ_all |pᵢ|²
    ///
    /// A term whose set is empty in the minibatch is 0.
    public static func sl2Loss(
        predictions: Tensor, actions: Tensor, purchased: [Bool], lambda1: Double = 0.3, lambda2: Double = 0.001
    ) -> Tensor {
        precondition(predictions.shape == actions.shape, "sl2Loss: \(predictions.shapeText) vs \(actions.shapeText)")
        precondition(
            purchased.count == predictions.rows, "sl2Loss: \(purchased.count) flags for \(predictions.rows) rows")
        let n1 = Double(purchased.filter { $0 }.count)
        let n2 = Double(purchased.count) - n1
        let weights = purchased.map { $0 ? 1 / n1 : -lambda1 / n2 }
        let w = Tensor(rows: purchased.count, cols: 1, data: weights)
        let distance = (predictions - actions).square().sum(axis: 1)
        let norm = predictions.square().sum(axis: 1).mean()
        return (distance * w).sum() + lambda2 * norm
    }

    /// The log's pages as a regression set: the 91-dim observation before each page, its 27 weights,
    /// and whether the customer bought on it.
    public struct Pages {
        public var observations: [Double]
        public var actions: [Double]
        public var purchased: [Bool]
        public var count: Int { purchased.count }

        public init(log: HistoricalLog) {
            let o = TaobaoLayout.observationSize
            observations = []
            observations.reserveCapacity(log.pageCount * o)
            actions = log.actions.map { Double($0) }
            purchased = log.purchases.map { $0 != 0 }
            let starts = log.firstPage
            for s in 0..<log.sessionCount {
                for t in starts[s]..<(starts[s] + Int(log.sessionLengths[s])) {
                    observations += log.observation(session: s, page: t)
                }
            }
        }

        func batch(_ rows: [Int]) -> (Tensor, Tensor, [Bool]) {
            let o = TaobaoLayout.observationSize
            let d = TaobaoLayout.actionSize
            var x = [Double]()
            var a = [Double]()
            x.reserveCapacity(rows.count * o)
            a.reserveCapacity(rows.count * d)
            for r in rows {
                x += observations[(r * o)..<((r + 1) * o)]
                a += actions[(r * d)..<((r + 1) * d)]
            }
            return (
                Tensor(rows: rows.count, cols: o, data: x), Tensor(rows: rows.count, cols: d, data: a),
                rows.map { purchased[$0] }
            )
        }
    }

    /// A trained SL engine: the network π(s) and its per-epoch training loss.
    public struct Trained {
        public var kind: Kind
        public var network: MLP
        public var epochLosses: [Double]
        public var engine: Engine {
            let net = network
            return Engine(name: kind.rawValue) { observation in
                Tensor.withoutGradients { net(Tensor(rows: 1, cols: observation.count, data: observation)) }.data
            }
        }
    }

    /// Fits SL1 or SL2 to `pages` with Adam. An epoch is one pass over S₁ at `purchaseRowsPerBatch`
    /// rows a step, with (SL2) S₀ rows drawn at random beside them up to `minibatchSize`. The last
    /// layer starts nearly at 0 (orthogonal, gain 0.01), so π(s) starts near the log's mean action. Throws `TrainingDiverged`
    /// at the first non-finite loss.
    public static func train(_ kind: Kind, pages: Pages, config: Config = Config()) throws(TrainingDiverged)
        -> Trained
    {
        let s1 = (0..<pages.count).filter { pages.purchased[$0] }
        let s0 = (0..<pages.count).filter { !pages.purchased[$0] }
        precondition(!s1.isEmpty, "SL engines need pages with a purchase in the log")
        var rng = RNG(seed: config.seed)
        let network = MLP(
            sizes: [TaobaoLayout.observationSize] + config.hiddenSizes + [TaobaoLayout.actionSize], outputGain: 0.01,
            rng: &rng)
        let optimizer = Adam(parameters: network.parameters, learningRate: config.learningRate)
        var losses: [Double] = []
        var order1 = s1
        let per1 = config.purchaseRowsPerBatch
        let per0 = max(0, config.minibatchSize - per1)
        var step = 0
        for _ in 0..<config.epochs {
            for i in stride(from: order1.count - 1, to: 0, by: -1) { order1.swapAt(i, rng.int(below: i + 1)) }
            var sum = 0.0
            var batches = 0
            for start in stride(from: 0, to: order1.count, by: per1) {
                step += 1
                var rows = Array(order1[start..<min(start + per1, order1.count)])
                if kind == .sl2 && !s0.isEmpty { rows += (0..<per0).map { _ in s0[rng.int(below: s0.count)] } }
                let (x, a, purchased) = pages.batch(rows)
                network.zeroGrad()
                let p = network(x)
                let loss =
                    kind == .sl1
                    ? sl1Loss(predictions: p, actions: a)
                    : sl2Loss(
                        predictions: p, actions: a, purchased: purchased, lambda1: config.lambda1,
                        lambda2: config.lambda2)
                try DivergenceCheck(algorithm: kind.rawValue, iteration: step).finite(loss.data[0], "the loss")
                loss.backward()
                optimizer.step()
                sum += loss.data[0]
                batches += 1
            }
            losses.append(sum / Double(max(batches, 1)))
        }
        return Trained(kind: kind, network: network, epochLosses: losses)
    }
}
