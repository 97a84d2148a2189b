import Foundation

/// What `Figure.write(to:name:gnuplot:)` did: the script and the data are always kept; the PNG is
/// there only when gnuplot drew it, otherwise `failure` says why.
public struct PlotOutcome: Sendable, Equatable {
    /// The gnuplot script, data inline (`gnuplot name.gp` from its folder redraws the PNG).
    public let script: URL
    /// The figure's data as CSV.
    public let data: URL
    /// The PNG, when it was drawn.
    public let png: URL?
    /// Why there is no PNG, when there is none.
    public let failure: PlotFailure?

    public init(script: URL, data: URL, png: URL?, failure: PlotFailure?) {
        precondition((png == nil) != (failure == nil), "PlotOutcome: expected either a PNG or a failure, not both")
        self.script = script
        self.data = data
        self.png = png
        self.failure = failure
    }

    /// Whether the PNG was drawn.
    public var isDrawn: Bool { png != nil }
}

/// Why a figure's PNG was not drawn. The chapter goes on either way.
public enum PlotFailure: Sendable, Equatable, CustomStringConvertible {
    /// Drawing was switched off (`--no-plot`, `Gnuplot.off`).
    case plottingTurnedOff
    /// No gnuplot executable of that name on the PATH (or at that path).
    case gnuplotNotFound(executable: String)
    /// gnuplot ran but reported an error or wrote no PNG; `message` is what it said.
    case gnuplotFailed(message: String)
    /// The gnuplot-iostream backend was asked for but is not in this build.
    case iostreamUnavailable(reason: String)
    /// The script or the data file could not be written.
    case cannotWriteFiles(message: String)

    public var description: String {
        switch self {
        case .plottingTurnedOff: "plotting is turned off"
        case .gnuplotNotFound(let executable): "gnuplot not found (looked for '\(executable)' on the PATH)"
        case .gnuplotFailed(let message): "gnuplot failed: \(message)"
        case .iostreamUnavailable(let reason): "gnuplot-iostream unavailable: \(reason)"
        case .cannotWriteFiles(let message): "cannot write the figure's files: \(message)"
        }
    }
}
