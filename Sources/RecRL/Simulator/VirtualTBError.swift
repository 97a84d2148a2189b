/// What can go wrong when loading the published VirtualTB-v0 files from a folder.
///
/// Every case names the file and, where it applies, what was expected and what was found, so a
/// user who pointed `--virtualtb DIR` at the wrong folder (or at a half-copied one) can see why.
public enum VirtualTBError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The folder does not exist.
    case missingDirectory(path: String)
    /// The path exists but is a file, not a folder.
    case notADirectory(path: String)
    /// A file the manifest names (or the manifest itself) is not there.
    case missingFile(path: String)
    /// The file exists but could not be read.
    case unreadableFile(path: String, reason: String)
    /// `manifest.json` is not valid JSON, or lacks what the port needs.
    case malformedManifest(path: String, reason: String)
    /// A weight file's size disagrees with the shape the manifest gives it (4 bytes per float32).
    case wrongFileSize(path: String, expectedBytes: Int, gotBytes: Int)
    /// A file's SHA-256 differs from the one `manifest.json` lists for it: the file was changed or
    /// damaged after the export (or belongs to another export).
    case checksumMismatch(path: String, expected: String, got: String)
    /// A weight is NaN or infinite (the first one found, by its index in the file's floats).
    case nonFiniteWeight(path: String, index: Int, value: Float)
    /// A network's layers do not have the sizes of the original VirtualTaobao networks.
    case wrongShape(model: String, what: String, expected: [Int], got: [Int])

    public var description: String {
        switch self {
        case .missingDirectory(let path):
            return "VirtualTB: the folder \(path) does not exist (expected a folder of the converted VirtualTaobao "
                + "files: manifest.json and *.f32; see Scripts/export_virtualtb.py)"
        case .notADirectory(let path):
            return "VirtualTB: \(path) is a file, not a folder (expected a folder of the converted VirtualTaobao "
                + "files: manifest.json and *.f32)"
        case .missingFile(let path):
            return "VirtualTB: missing file \(path)"
        case .unreadableFile(let path, let reason):
            return "VirtualTB: cannot read \(path): \(reason)"
        case .malformedManifest(let path, let reason):
            return "VirtualTB: malformed manifest \(path): \(reason)"
        case .wrongFileSize(let path, let expectedBytes, let gotBytes):
            return "VirtualTB: \(path) should hold \(expectedBytes) bytes (the manifest's shape × 4-byte float32), "
                + "got \(gotBytes) bytes"
        case .checksumMismatch(let path, let expected, let got):
            return "VirtualTB: \(path) does not match manifest.json: its sha256 is \(got), the manifest lists "
                + "\(expected) (the file was changed or damaged; copy the folder again)"
        case .nonFiniteWeight(let path, let index, let value):
            return "VirtualTB: \(path) holds a non-finite weight (\(value) at float \(index)); "
                + "the networks would compute NaN"
        case .wrongShape(let model, let what, let expected, let got):
            return "VirtualTB: \(model) \(what) should have shape \(expected), got \(got)"
        }
    }
}
