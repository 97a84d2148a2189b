import Foundation
import RecRL
import Testing

/// The simulator in parts: `SimulatorEnvironment` runs any customer generator, click model and
/// leave model, and the published VirtualTB-v0 networks are ordinary `MLP`s.
@Suite("Simulator in parts: one environment over a generator, a click model and a leave model")
struct SimulatorPartsTests {
    /// Always the same customer: [1, 0].
    struct FixedCustomer: CustomerGenerator {
        var customerSize: Int { 2 }
        func nextCustomer<Draws: SimulatorDraws>(draws: inout Draws) -> [Double] { [1, 0] }
    }

    /// Clicks = pages shown so far + 1; the decision after page k is `decisions[k − 1]`.
    struct ScriptedCustomer: ClickModel {
        let decisions: [PageResponse.Decision]
        var actionSize: Int { 1 }
        func respond<Draws: SimulatorDraws>(
            customer: [Double], pagesShown: Int, action: [Double], draws: inout Draws
        ) -> PageResponse {
            PageResponse(clicks: pagesShown + 1, signal: 7, decision: decisions[pagesShown])
        }
    }

    @Test("a learned customer's decision ends the session (.buy: terminated, a purchase), the page cap truncates it")
    func decisionLeaveModel() {
        var buyer = SimulatorEnvironment(
            generator: FixedCustomer(), clickModel: ScriptedCustomer(decisions: [.turnPage, .buy]),
            leaveModel: DecisionLeaveModel(maxPages: 5), draws: RNG(seed: 0))
        #expect(buyer.observationSize == 5 && buyer.actionSize == 1)
        #expect(buyer.reset() == [1, 0, 0, 0, 0])
        let first = buyer.step([0])
        #expect(first.observation == [1, 0, 1, 7, 1] && first.reward == 1 && !first.done)
        let second = buyer.step([0])
        #expect(second.terminated && !second.truncated && second.reward == 2)
        #expect(second.info == StepInfo(clicks: 2, purchase: true, page: 2))

        var browser = SimulatorEnvironment(
            generator: FixedCustomer(), clickModel: ScriptedCustomer(decisions: [.turnPage, .turnPage, .leave]),
            leaveModel: DecisionLeaveModel(maxPages: 2), draws: RNG(seed: 0))
        browser.reset()
        #expect(!browser.step([0]).done)
        let capped = browser.step([0])
        #expect(capped.truncated && !capped.terminated && !capped.info.purchase)
        #expect(abs(browser.ctr - 0.15) < 1e-15)  // (1 + 2) clicks / 2 pages / 10
    }

    /// A folder whose leave network's first layer has distinct weights W[o][i] = o + i / 100.
    func distinctFolder() throws -> SyntheticVirtualTB {
        typealias Layer = SyntheticVirtualTB.Layer
        let first = Layer(
            outputs: 2, inputs: 88, weight: (0..<(2 * 88)).map { Float($0 / 88) + Float($0 % 88) / 100 },
            bias: [0.5, -0.25])
        return try SyntheticVirtualTB(networks: [
            "user_generator": [
                .constant(inputs: 128, bias: [0]), .constant(inputs: 1, bias: [Float](repeating: 0, count: 88)),
            ],
            "user_leave": [first, .constant(inputs: 2, bias: (0..<101).map { Float($0) / 50 })],
            "user_action": [
                .constant(inputs: 116, bias: [0]), .constant(inputs: 1, bias: [Float](repeating: 0, count: 21)),
            ],
        ])
    }

    @Test("the published networks load as MLPs: PyTorch's names, W transposed to [in, out], frozen")
    func networksAreMLPs() throws {
        let folder = try distinctFolder()
        defer { folder.remove() }
        let network = try VirtualTBModels(directory: folder.directory).leaveModel.network
        #expect(network.sizes == [88, 2, 101])
        #expect(network.parameterNames == ["0.weight", "0.bias", "2.weight", "2.bias"])
        let weight = network.linears[0].weight
        #expect(weight.shape == [88, 2])
        #expect(weight[5, 1] == Double(Float(1) + Float(5) / 100))  // the file's W[1][5]
        #expect(network.linears[0].bias.data == [0.5, -0.25])
        #expect(network.isFrozen)
    }

    @Test("a loaded network saved in the library's parameter format loads into a fresh MLP with the same outputs")
    func parameterFileRoundTrip() throws {
        let folder = try distinctFolder()
        defer { folder.remove() }
        let leave = try VirtualTBModels(directory: folder.directory).leaveModel
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("leave-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try leave.network.save(to: file)
        var rng = RNG(seed: 9)
        let fresh = MLP(sizes: [88, 2, 101], activation: .leakyRelu, rng: &rng)
        try fresh.load(from: file)
        var user = [Double](repeating: 0, count: 88)
        user[3] = 1
        user[40] = 1
        #expect(
            VirtualTBLeaveModel(network: fresh).probabilities(customer: user) == leave.probabilities(customer: user))
    }

    @Test("a LeakyReLU slope other than the library's 0.01 is a malformed-manifest error")
    func otherSlope() throws {
        let folder = try SyntheticVirtualTB(leavePage: 3, clicks: 2, b: 5)
        defer { folder.remove() }
        let url = folder.url("manifest.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "0.01", with: "0.2").write(to: url, atomically: true, encoding: .utf8)
        let error = #expect(throws: VirtualTBError.self) { try VirtualTBModels(directory: folder.directory) }
        #expect(error?.description.contains("slope 0.2") == true, "\(String(describing: error))")
    }
}
