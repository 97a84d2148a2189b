/// Line plots stacked in one picture, one panel under another with a shared title (gnuplot's
/// `multiplot`): two quantities with different units over the same x, such as a policy's R2P and
/// its action norm over training.
///
///     var figure = PanelPlot(title: "TRPO with and without ANC", panels: [r2pPlot, normPlot])
///     notebook.figure(figure, name: "anc-curves")
public struct PanelPlot: Figure {
    public var title: String
    /// The panels, top to bottom; each keeps its own title, labels and key.
    public var panels: [LinePlot]

    public init(title: String, panels: [LinePlot]) {
        precondition(!panels.isEmpty, "PanelPlot '\(title)' needs at least one panel")
        self.title = title
        self.panels = panels
    }

    /// 420 pixels per panel.
    public var pixelHeight: Int { 60 + 420 * panels.count }

    public var gnuplotCommands: String {
        // The figure title comes first (set by the script's header); each panel starts from gnuplot's
        // defaults (`reset` keeps the terminal and output) and sets its own title. Panel p's data
        // blocks are renamed $pNsK so no panel reads another's.
        var text = "set multiplot layout \(panels.count),1\n"
        for (p, panel) in panels.enumerated() {
            text += "reset\nset title \(GnuplotText.quoted(panel.title))\n"
            text += panel.gnuplotCommands.replacingOccurrences(of: "$s", with: "$p\(p + 1)s")
        }
        return text + "unset multiplot\n"
    }

    /// Every panel's long-format rows, with the panel's title in front: `panel,series,x,y,std`.
    public var data: CSV {
        var csv = CSV(header: ["panel", "series", "x", "y", "std"])
        for panel in panels {
            let rows = panel.data
            for row in rows.rows { csv.row([panel.title] + row) }
        }
        return csv
    }
}
