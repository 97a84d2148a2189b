import Foundation
import RecRL
import Testing

/// Where the published VirtualTB-v0 files are, if anywhere: `$VIRTUALTB_DIR`, else
/// `../shared/virtualtb` beside the package root. They are not ours to ship, so the tests that
/// need them are skipped when they are absent.
enum VirtualTBFixture {
    static let directory: String? = {
        if let dir = ProcessInfo.processInfo.environment["VIRTUALTB_DIR"], !dir.isEmpty {
            return dir
        }
        // #filePath is <root>/Tests/RecRLTests/VirtualTBFixtures.swift.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let dir = root.deletingLastPathComponent().appendingPathComponent("shared/virtualtb").path
        return FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("reference.json"))
            ? dir : nil
    }()

    static let skipReason: Comment =
        "needs the published VirtualTB-v0 files: set VIRTUALTB_DIR or put them in ../shared/virtualtb"

    /// The networks and reference cases, loaded once.
    static let loaded: (models: VirtualTBModels, reference: VirtualTBReference)? = {
        guard let directory else { return nil }
        do {
            let models = try VirtualTBModels(directory: directory)
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent("reference.json"))
            return (models, try JSONDecoder().decode(VirtualTBReference.self, from: data))
        } catch {
            print("VirtualTB fixture failed to load from \(directory): \(error)")
            return nil
        }
    }()
}

/// `reference.json`: outputs of the original PyTorch code for given inputs, and trajectories
/// with the random draws they consumed.
struct VirtualTBReference: Decodable, Sendable {
    struct GeneratorCase: Decodable, Sendable {
        let z: [Double]
        let probs: [Double]
    }
    struct LeaveCase: Decodable, Sendable {
        let user: [Double]
        let probs: [Double]
    }
    struct ActionCase: Decodable, Sendable {
        let user: [Double]
        let page: Double
        let action: [Double]
        let logits: [Double]
        let click_probs: [Double]
        let b_probs: [Double]
    }
    /// One group of draws: ["uniform" | "exponential", [values]].
    struct DrawGroup: Decodable, Sendable {
        let kind: RecordedDraws.Kind
        let values: [Double]

        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            let name = try container.decode(String.self)
            guard let kind = RecordedDraws.Kind(rawValue: name) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown draw kind \(name)")
            }
            self.kind = kind
            values = try container.decode([Double].self)
        }
    }
    struct Step: Decodable, Sendable {
        let action: [Double]
        let reward: Int
        let done: Bool
        let ctr: Double
        let obs: [Double]
    }
    struct Trajectory: Decodable, Sendable {
        let draws: [DrawGroup]
        let first_obs: [Double]
        let leave_page: Int
        let steps: [Step]

        var recordedDraws: RecordedDraws {
            RecordedDraws(draws.flatMap { group in group.values.map { (kind: group.kind, value: $0) } })
        }
    }

    let generator: [GeneratorCase]
    let leave: [LeaveCase]
    let action: [ActionCase]
    let trajectories: [Trajectory]
}
