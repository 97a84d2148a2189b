import Foundation

/// The three networks of the published VirtualTB-v0 simulator (Shi et al., "Virtual-Taobao",
/// AAAI 2019; code eyounx/VirtualTaobao v0.0.5) as the simulator's three parts, loaded from a
/// folder converted by `Scripts/export_virtualtb.py`:
///
/// - user generator (`GroupedSoftmaxGenerator`): z (128, z ~ U[0,1)) → Linear 128 → LeakyReLU →
///   Linear 88 → softmax within each of 11 feature groups: the probabilities of the customer's
///   one-hot features.
/// - leave model (`VirtualTBLeaveModel`): user (88) → 128 → 256 → 101 → softmax: the page
///   L ∈ 0…100 after which the customer leaves.
/// - action model (`VirtualTBClickModel`): [user (88), page count c (1), action (27)] = 116 → 128 →
///   256 → 21 logits; softmax of logits[0..<11] gives the clicks a ∈ 0…10 on the page (the reward),
///   softmax of logits[11..<21] a second output b ∈ 0…9 that only enters the observation.
///
/// Each network is an ordinary `MLP` (LeakyReLU(0.01) between its layers), frozen. The weights
/// are float32 in the files and Double here; the reference outputs of the original agree to 1e-5
/// (generator, leave) and, for the action model's huge logits, to ~1e-2 relative.
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

    public let generator: GroupedSoftmaxGenerator
    public let clickModel: VirtualTBClickModel
    public let leaveModel: VirtualTBLeaveModel

    /// Loads `manifest.json` and the weight files from `directory`, checking every file's size,
    /// SHA-256 and values against the manifest and every network's sizes against the original's.
    public init(directory: String) throws(VirtualTBError) {
        try VirtualTBFiles.checkDirectory(directory)
        let manifest = try VirtualTBManifest.load(directory: directory)
        let generator = try VirtualTBNetworkLoader.load(name: "user_generator", from: manifest, directory: directory)
        let leave = try VirtualTBNetworkLoader.load(name: "user_leave", from: manifest, directory: directory)
        let action = try VirtualTBNetworkLoader.load(name: "user_action", from: manifest, directory: directory)
        try Self.check(generator, "user_generator", inputs: Self.noiseSize, outputs: Self.userSize)
        try Self.check(leave, "user_leave", inputs: Self.userSize, outputs: Self.leavePages)
        try Self.check(
            action, "user_action", inputs: Self.userSize + 1 + Self.actionSize,
            outputs: VirtualTBClickModel.bHead.upperBound)
        if let groups = manifest.models["user_generator"]?.groups,
            groups != Self.userGroups.map({ [$0.lowerBound, $0.upperBound] })
        {
            throw .malformedManifest(
                path: (directory as NSString).appendingPathComponent("manifest.json"),
                reason: "user_generator groups \(groups) differ from the original's \(Self.userGroups)")
        }
        self.generator = GroupedSoftmaxGenerator(network: generator, groups: Self.userGroups)
        self.clickModel = VirtualTBClickModel(network: action)
        self.leaveModel = VirtualTBLeaveModel(network: leave)
    }

    private static func check(_ network: MLP, _ name: String, inputs: Int, outputs: Int) throws(VirtualTBError) {
        let got = [network.sizes.first!, network.sizes.last!]
        guard got == [inputs, outputs] else {
            throw .wrongShape(model: name, what: "input → output sizes", expected: [inputs, outputs], got: got)
        }
    }

    /// The generator's 88 probabilities for noise z: softmax of its logits within each group of
    /// `userGroups` (so each group sums to 1).
    public func generatorProbabilities(z: [Double]) -> [Double] { generator.probabilities(noise: z) }

    /// P(L = 0…100 | user): the probabilities of the page after which the customer leaves.
    public func leaveProbabilities(user: [Double]) -> [Double] { leaveModel.probabilities(customer: user) }

    /// The action model's outputs for (user, page count, action): its logits and the two heads'
    /// probabilities.
    public func actionOutputs(user: [Double], page: Double, action: [Double]) -> VirtualTBActionOutputs {
        clickModel.outputs(customer: user, pagesShown: page, action: action)
    }
}
