import Foundation

/// A trained PPO engine on disk, for `--save FILE` / `--load FILE`: the actor π_θ, the critic V_φ
/// and, when observations were normalised, the normaliser's statistics — in the library's
/// parameter file format (versioned, with a SHA-256 of its contents; see `ParameterFile`).
///
///     try SavedPolicy.save(ppo, normalizer: normalizer, to: url)       // after training
///     let normalizer = try SavedPolicy.load(from: url, into: ppo)      // a PPO built the same way
///
/// The entries are `savedPolicy.version` (1), the actor's parameters under `policy.`, the critic's
/// under `value.`, and `normalizer.mean`, `normalizer.variance`, `normalizer.count`,
/// `normalizer.clip` when there is a normaliser. Adam's moment estimates are not saved: training
/// continued from a loaded policy starts its optimiser afresh. Loading checks every name and shape
/// before it changes anything, so a file of another network size is a clear error
/// (`ParameterFileError.shapeMismatch`, naming the parameter and both shapes) and leaves `ppo` as
/// it was.
public enum SavedPolicy {
    /// The layout version of the entries (the file format itself has `ParameterFile.version`).
    public static let version = 1

    /// Writes `ppo`'s actor and critic (and `normalizer`, if given) to `url`, atomically.
    public static func save<P: StochasticPolicy>(_ ppo: PPO<P>, normalizer: ObservationNormalizer?, to url: URL)
        throws
    {
        var entries: [(name: String, tensor: Tensor)] = [("savedPolicy.version", .scalar(Double(version)))]
        entries += ppo.policy.namedParameters.map { ("policy." + $0.name, $0.tensor) }
        entries += ppo.value.namedParameters.map { ("value." + $0.name, $0.tensor) }
        if let normalizer {
            let n = normalizer.mean.count
            entries += [
                ("normalizer.mean", Tensor(rows: 1, cols: n, data: normalizer.mean)),
                ("normalizer.variance", Tensor(rows: 1, cols: n, data: normalizer.variance)),
                ("normalizer.count", .scalar(normalizer.count)),
                ("normalizer.clip", .scalar(normalizer.clip)),
            ]
        }
        try ParameterFile.write(entries, to: url)
    }

    /// Reads `url` into `ppo`'s actor and critic and returns the saved normaliser (nil if the
    /// policy was trained on raw observations). Throws `ParameterFileError` for a file that is
    /// missing, damaged, of another version, or not a saved policy of this network's shape.
    public static func load<P: StochasticPolicy>(from url: URL, into ppo: PPO<P>) throws -> ObservationNormalizer? {
        let path = url.path
        let entries = try ParameterFile.read(from: url)
        var byName: [String: ParameterFile.Entry] = [:]
        for entry in entries { byName[entry.name] = entry }
        guard let marker = byName["savedPolicy.version"] else {
            throw ParameterFileError.malformed(
                path: path, line: 0, detail: "not a saved policy (no savedPolicy.version entry)")
        }
        guard marker.values == [Double(version)] else {
            throw ParameterFileError.malformed(
                path: path, line: 0,
                detail: "a saved policy of layout version \(marker.values.first ?? .nan), this code reads \(version)")
        }
        func part(_ prefix: String) -> [ParameterFile.Entry] {
            entries.filter { $0.name.hasPrefix(prefix) }.map {
                ParameterFile.Entry(
                    name: String($0.name.dropFirst(prefix.count)), rows: $0.rows, cols: $0.cols, values: $0.values)
            }
        }
        // Check both networks before changing either: load into copies of the current values first.
        let policyBefore = ppo.policy.namedParameters.map(\.tensor.data)
        try ppo.policy.load(part("policy."), from: path)
        do {
            try ppo.value.load(part("value."), from: path)
        } catch {
            for (tensor, data) in zip(ppo.policy.namedParameters.map(\.tensor), policyBefore) { tensor.data = data }
            throw error
        }
        let inputs = ppo.policy.namedParameters.first?.tensor.rows ?? 0
        let normalizer = part("normalizer.")
        guard !normalizer.isEmpty else { return nil }
        let named = Dictionary(uniqueKeysWithValues: normalizer.map { ($0.name, $0.values) })
        guard let mean = named["mean"], let variance = named["variance"], let count = named["count"]?.first,
            let clip = named["clip"]?.first, mean.count == variance.count, mean.count == inputs,
            variance.allSatisfy({ $0 >= 0 }), count > 0, clip > 0
        else {
            throw ParameterFileError.malformed(
                path: path, line: 0, detail: "the normaliser's entries are incomplete or out of range")
        }
        return ObservationNormalizer(mean: mean, variance: variance, count: count, clip: clip)
    }

    /// Checks, before any training, that a run may write its policy to `path`: a new file in a
    /// folder that exists, or an earlier saved policy (which it replaces). Anything else is
    /// refused, so that `--save` never overwrites a file a run did not write.
    public static func checkDestination(_ path: String) throws(SavedPolicyDestinationError) {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw .isAFolder(path: path) }
            let entries = try? ParameterFile.read(from: url)
            guard let entries, entries.contains(where: { $0.name == "savedPolicy.version" }) else {
                throw .notASavedPolicy(path: path)
            }
            return
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .noFolder(path: path, folder: folder)
        }
        guard FileManager.default.isWritableFile(atPath: folder) else { throw .notWritable(path: path, folder: folder) }
    }
}

/// Why `--save FILE` was refused before training.
public enum SavedPolicyDestinationError: Error, Equatable, CustomStringConvertible {
    case isAFolder(path: String)
    case notASavedPolicy(path: String)
    case noFolder(path: String, folder: String)
    case notWritable(path: String, folder: String)

    public var description: String {
        switch self {
        case .isAFolder(let path): "\(path) is a folder; name a file for the policy"
        case .notASavedPolicy(let path):
            "\(path) exists and is not a saved policy; it is left as it is (choose another file name)"
        case .noFolder(let path, let folder): "cannot save \(path): the folder \(folder) does not exist"
        case .notWritable(let path, let folder): "cannot save \(path): the folder \(folder) is not writable"
        }
    }
}
