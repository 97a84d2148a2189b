import Foundation

/// The three networks of the published VirtualTB-v0 simulator (Shi et al., "Virtual-Taobao",
/// AAAI 2019; code eyounx/VirtualTaobao v0.0.5), loaded from a folder converted by
/// `Scripts/export_virtualtb.py`, with their forward passes in Double.
///
/// - user generator: z (128, z ~ U[0,1)) → Linear 128 → LeakyReLU → Linear 88 → softmax within
///   each of 11 feature groups: the probabilities of the customer's one-hot features.
/// - leave model: user (88) → 128 → 256 → 101 → softmax: the page L ∈ 0…100 after which the
///   customer leaves.
/// - action model: [user (88), page count c (1), action (27)] = 116 → 128 → 256 → 21 logits;
///   softmax of logits[0..<11] gives the clicks a ∈ 0…10 on the page (the reward), softmax of
///   logits[11..<21] a second output b ∈ 0…9 that only enters the observation.
///
/// The weights are float32 in the files and Double here; the reference outputs of the original
/// agree to 1e-5 (generator, leave) and, for the action model's huge logits, to ~1e-2 relative.
public struct VirtualTBModels: Sendable {
    /// Length of the customer's one-hot feature vector.
    public static let userSize = 88
    /// Length of the generator's noise z.
    public static let noiseSize = 128
    /// Length of an action (the engine's 27 item-feature weights).
    public static let actionSize = 27
    /// Number of leave pages: L ∈ 0…100.
    public static let leavePages = 101
    /// The generator's 11 one-hot feature groups, [start, end) in the 88 features
    /// (sizes 8, 8, 11, 11, 11, 11, 2, 2, 3, 18, 3).
    public static let userGroups: [Range<Int>] = [
        0..<8, 8..<16, 16..<27, 27..<38, 38..<49, 49..<60, 60..<62, 62..<64, 64..<67, 67..<85, 85..<88,
    ]
    /// The action model's two output heads in its 21 logits: clicks (0…10) and b (0…9).
    public static let clickHead = 0..<11
    public static let bHead = 11..<21

    let generator: VirtualTBNetwork
    let leave: VirtualTBNetwork
    let action: VirtualTBNetwork

    /// Loads `manifest.json` and the weight files from `directory`, checking every file's size
    /// against the manifest and every network's sizes against the original's.
    public init(directory: String) throws(VirtualTBError) {
        try VirtualTBFiles.checkDirectory(directory)
        let manifest = try VirtualTBManifest.load(directory: directory)
        generator = try VirtualTBNetwork.load(name: "user_generator", from: manifest, directory: directory)
        leave = try VirtualTBNetwork.load(name: "user_leave", from: manifest, directory: directory)
        action = try VirtualTBNetwork.load(name: "user_action", from: manifest, directory: directory)
        try Self.check(generator, inputs: Self.noiseSize, outputs: Self.userSize)
        try Self.check(leave, inputs: Self.userSize, outputs: Self.leavePages)
        try Self.check(action, inputs: Self.userSize + 1 + Self.actionSize, outputs: Self.bHead.upperBound)
        if let groups = manifest.models["user_generator"]?.groups,
            groups != Self.userGroups.map({ [$0.lowerBound, $0.upperBound] })
        {
            throw .malformedManifest(
                path: (directory as NSString).appendingPathComponent("manifest.json"),
                reason: "user_generator groups \(groups) differ from the original's \(Self.userGroups)")
        }
    }

    private static func check(_ network: VirtualTBNetwork, inputs: Int, outputs: Int) throws(VirtualTBError) {
        guard network.inputs == inputs, network.outputs == outputs else {
            throw .wrongShape(
                model: network.name, what: "input → output sizes", expected: [inputs, outputs],
                got: [network.inputs, network.outputs])
        }
    }

    // MARK: - User generator

    /// The generator's 88 probabilities for noise z: softmax of its logits within each group of
    /// `userGroups` (so each group sums to 1).
    public func generatorProbabilities(z: [Double]) -> [Double] {
        precondition(z.count == Self.noiseSize, "generator needs z of \(Self.noiseSize) values, got \(z.count)")
        var p = generator(z)
        for group in Self.userGroups { Self.softmax(&p, in: group) }
        return p
    }

    // MARK: - Leave model

    /// P(L = 0…100 | user): the probabilities of the page after which the customer leaves.
    public func leaveProbabilities(user: [Double]) -> [Double] {
        precondition(user.count == Self.userSize, "leave model needs a user of \(Self.userSize), got \(user.count)")
        var p = leave(user)
        Self.softmax(&p, in: p.indices)
        return p
    }

    // MARK: - Action model

    /// The action model's 21 logits for (user, page count, action).
    public func actionLogits(user: [Double], page: Double, action: [Double]) -> [Double] {
        actionLogits(userPart: actionUserPart(user: user), page: page, action: action)
    }

    /// The action model's outputs: its logits and the two heads' probabilities.
    public func actionOutputs(user: [Double], page: Double, action: [Double]) -> VirtualTBActionOutputs {
        VirtualTBActionOutputs(logits: actionLogits(user: user, page: page, action: action))
    }

    /// The part of the action model's first layer that depends on the user only: b₁ + W₁[:, 0..<88]·user.
    ///
    /// The first layer is linear, so W₁·[user; c; action] = W₁ᵤ·user + W₁꜀·c + W₁ₐ·action. A
    /// customer stays the same for a whole session, so the environment computes this part once per
    /// customer and only the 28 page-and-action columns per step (instead of all 116).
    func actionUserPart(user: [Double]) -> [Double] {
        precondition(user.count == Self.userSize, "action model needs a user of \(Self.userSize), got \(user.count)")
        let first = action.firstLinear
        var h = first.bias
        first.accumulate(user, fromInput: 0, into: &h)
        return h
    }

    /// The 21 logits from the user part of the first layer (see `actionUserPart`), the page count
    /// and the action.
    func actionLogits(userPart: [Double], page: Double, action weights: [Double]) -> [Double] {
        precondition(
            weights.count == Self.actionSize, "action model needs an action of \(Self.actionSize), got \(weights.count)"
        )
        var h = userPart
        action.firstLinear.accumulate([page] + weights, fromInput: Self.userSize, into: &h)
        return action.run(h, fromStep: 1)
    }

    /// softmax over `range` of `x`, in place: xᵢ ← exp(xᵢ − logΣexp(x_range)).
    static func softmax(_ x: inout [Double], in range: Range<Int>) {
        let lse = Tensor.logSumExp(x[range])
        for i in range { x[i] = Foundation.exp(x[i] - lse) }
    }
}

/// What the action model says about one page.
public struct VirtualTBActionOutputs: Sendable, Equatable {
    /// The 21 logits (they reach |x| ≈ 1e5, so the heads are nearly one-hot).
    public let logits: [Double]
    /// P(clicks = 0…10) = softmax(logits[0..<11]).
    public let clickProbabilities: [Double]
    /// P(b = 0…9) = softmax(logits[11..<21]).
    public let bProbabilities: [Double]

    public init(logits: [Double]) {
        precondition(logits.count == 21, "the action model has 21 logits, got \(logits.count)")
        var p = logits
        VirtualTBModels.softmax(&p, in: VirtualTBModels.clickHead)
        VirtualTBModels.softmax(&p, in: VirtualTBModels.bHead)
        self.logits = logits
        clickProbabilities = Array(p[VirtualTBModels.clickHead])
        bProbabilities = Array(p[VirtualTBModels.bHead])
    }
}
