import Foundation

#if GnuplotIostream
    import GnuplotShim
#endif

/// How figures reach gnuplot: which executable, through which backend, or not at all.
///
/// - `.process` (the default): Foundation's `Process` runs gnuplot in the figure's folder with
///   the kept script on its standard input, exactly `cd folder && gnuplot < name.gp`. Reading
///   the script from its file (rather than writing it into a pipe) means a gnuplot that stops
///   early on an error cannot kill the chapter with SIGPIPE.
/// - `.iostream` (the default when built with `--traits GnuplotIostream`): the same script goes
///   through the C++ header gnuplot-iostream, by the `GnuplotShim` target.
///
/// Either way the PNG is checked afterwards: a figure counts as drawn only if the PNG exists.
public struct Gnuplot: Sendable {
    /// The two ways of sending a script to gnuplot.
    public enum Backend: Sendable, Equatable {
        case process
        case iostream
    }

    /// The gnuplot executable: a name looked up on the PATH, or a path containing `/`.
    public var executable: String
    public var backend: Backend
    /// `false` writes scripts and data but draws nothing (`--no-plot`).
    public var isEnabled: Bool

    public init(executable: String = "gnuplot", backend: Backend = Gnuplot.defaultBackend, isEnabled: Bool = true) {
        self.executable = executable
        self.backend = backend
        self.isEnabled = isEnabled
    }

    /// gnuplot from the PATH through the default backend.
    public static var standard: Gnuplot { Gnuplot() }

    /// Keeps scripts and data, draws nothing.
    public static var off: Gnuplot { Gnuplot(isEnabled: false) }

    /// `.iostream` when the package was built with the `GnuplotIostream` trait, else `.process`.
    public static var defaultBackend: Backend {
        #if GnuplotIostream
            .iostream
        #else
            .process
        #endif
    }

    /// Whether this build can send scripts through gnuplot-iostream: the trait was on and the
    /// shim found `<gnuplot-iostream.h>` when it was compiled.
    public static var iostreamIsAvailable: Bool {
        #if GnuplotIostream
            recrl_gnuplot_iostream_available() != 0
        #else
            false
        #endif
    }

    /// What to tell a student whose machine has no gnuplot.
    public static let installHint = """
        gnuplot is not installed, so figures are not drawn; each figure's script (.gp) and data \
        (.csv) are kept beside where its PNG would be. Install gnuplot (Debian/Ubuntu: \
        sudo apt-get install gnuplot; macOS: brew install gnuplot) and run the chapter again, or \
        redraw one figure from its folder with: gnuplot name.gp
        """

    private static let installHintShown = OnceFlag()

    /// `installHint` the first time it is asked for in this process, `nil` afterwards, so a
    /// chapter with ten figures says it once.
    public static func installHintOnce() -> String? {
        installHintShown.claim() ? installHint : nil
    }

    /// The executable to run: `executable` itself if it contains `/`, else the first match on
    /// the PATH; `nil` if there is no such executable file.
    public func resolvedExecutable() -> URL? {
        let fileManager = FileManager.default
        if executable.contains("/") {
            return fileManager.isExecutableFile(atPath: executable) ? URL(fileURLWithPath: executable) : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(executable)
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `script` in its folder so that it writes `png`; `nil` when the PNG was drawn, else
    /// the reason it was not.
    func draw(script: URL, png: URL) -> PlotFailure? {
        guard isEnabled else { return .plottingTurnedOff }
        guard let program = resolvedExecutable() else { return .gnuplotNotFound(executable: executable) }
        let folder = script.deletingLastPathComponent()
        let failure: PlotFailure?
        switch backend {
        case .process: failure = runProcess(program, script: script, in: folder)
        case .iostream: failure = runIostream(program, script: script, in: folder)
        }
        if let failure { return failure }
        let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
        return size > 0
            ? nil : .gnuplotFailed(message: "it wrote no \(png.lastPathComponent); run the script to see why")
    }

    private func runProcess(_ program: URL, script: URL, in folder: URL) -> PlotFailure? {
        let process = Process()
        process.executableURL = program
        process.arguments = []
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            process.standardInput = try FileHandle(forReadingFrom: script)
            try process.run()
        } catch {
            return .gnuplotFailed(message: "cannot start \(program.path): \(error.localizedDescription)")
        }
        // Read gnuplot's messages until it closes stderr (it exits), then collect its status.
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let said = message.trimmingCharacters(in: .whitespacesAndNewlines)
            return .gnuplotFailed(
                message: "exit status \(process.terminationStatus)" + (said.isEmpty ? "" : ": " + said))
        }
        return nil
    }

    private func runIostream(_ program: URL, script: URL, in folder: URL) -> PlotFailure? {
        #if GnuplotIostream
            guard let text = try? String(contentsOf: script, encoding: .utf8) else {
                return .gnuplotFailed(message: "cannot read back \(script.path)")
            }
            // gnuplot-iostream starts gnuplot through the shell (popen) in our working folder, so
            // the script first moves gnuplot into the figure's folder.
            let command = "'" + program.path.replacingOccurrences(of: "'", with: "'\\''") + "'"
            let status = recrl_gnuplot_iostream_run("cd \(GnuplotText.quoted(folder.path))\n" + text, command)
            switch status {
            case RECRL_GNUPLOT_IOSTREAM_OK: return nil
            case RECRL_GNUPLOT_IOSTREAM_UNAVAILABLE:
                return .iostreamUnavailable(
                    reason: "<gnuplot-iostream.h> was not found when GnuplotShim was compiled "
                        + "(apt-get install libgnuplot-iostream-dev, then rebuild)")
            case RECRL_GNUPLOT_IOSTREAM_CANNOT_START: return .gnuplotFailed(message: "cannot start \(command)")
            default: return .gnuplotFailed(message: "gnuplot stopped reading the script (an error in it?)")
            }
        #else
            return .iostreamUnavailable(
                reason: "RecRL was built without the GnuplotIostream trait (swift build --traits GnuplotIostream)")
        #endif
    }
}

/// A flag that can be claimed once per process, from any thread.
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false

    /// `true` for the first caller only.
    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if claimed { return false }
        claimed = true
        return true
    }
}
