import Foundation
import RecRL
import Testing

/// Where the published VirtualTB-v0 files are, if anywhere: `$VIRTUALTB_DIR`, else
/// `../shared/virtualtb` beside the package root. They are not ours to ship, so the tests that
/// need them are skipped when they are absent.
enum VirtualTBFixture {
    /// The folder named by `$VIRTUALTB_DIR`, else `../shared/virtualtb` beside the package root.
    static let candidate: String = {
        if let dir = ProcessInfo.processInfo.environment["VIRTUALTB_DIR"], !dir.isEmpty {
            return dir
        }
        // #filePath is <root>/Tests/RecRLTests/VirtualTBFixtures.swift.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/virtualtb").path
    }()

    /// The candidate folder if it holds the reference outputs (reference.json), else nil.
    static let directory: String? =
        FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("reference.json"))
        ? candidate : nil

    static let skipReason = Comment(
        rawValue: "needs the published VirtualTB-v0 files with reference.json in \(candidate) "
            + "(set VIRTUALTB_DIR to use another folder; the files are never committed)")

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
