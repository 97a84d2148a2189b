import Foundation

extension Module {
    /// Saves every parameter, with its name and shape, to `url` (see `ParameterFile` for the
    /// format). The write is atomic: the file is either the old one or the complete new one.
    public func save(to url: URL) throws {
        try ParameterFile.write(namedParameters, to: url)
    }

    /// Loads parameters saved by `save(to:)` into this module.
    ///
    /// The file must hold exactly this module's parameter names with the same shapes; otherwise a
    /// `ParameterFileError` says what differs, and no parameter is changed.
    public func load(from url: URL) throws {
        try load(ParameterFile.read(from: url), from: url.path)
    }

    /// Loads named values into this module's parameters: `entries` must hold exactly this module's
    /// parameter names with the same shapes (`path` names where they came from, in errors);
    /// otherwise a `ParameterFileError` says what differs, and no parameter is changed. This is how
    /// weights from another format (e.g. the published VirtualTB-v0 networks) become an `MLP`'s.
    public func load(_ entries: [ParameterFile.Entry], from path: String) throws(ParameterFileError) {
        var byName: [String: ParameterFile.Entry] = [:]
        for entry in entries {
            guard byName[entry.name] == nil else {
                throw .malformed(
                    path: path, line: 0, detail: "parameter \"\(entry.name)\" appears twice")
            }
            byName[entry.name] = entry
        }
        let named = namedParameters
        // Check everything first, so a bad file leaves the module as it was.
        for (name, tensor) in named {
            guard let entry = byName[name] else { throw .missingParameter(path: path, name: name) }
            guard entry.rows == tensor.rows && entry.cols == tensor.cols else {
                throw .shapeMismatch(
                    path: path, name: name, expected: tensor.shape, found: [entry.rows, entry.cols])
            }
        }
        let known = Set(named.map(\.name))
        if let extra = entries.first(where: { !known.contains($0.name) }) {
            throw .unexpectedParameter(path: path, name: extra.name)
        }
        for (name, tensor) in named { tensor.data = byName[name]!.values }
    }
}
