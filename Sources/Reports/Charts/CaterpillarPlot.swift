import Foundation

/// A caterpillar plot: group effects sorted from lowest to highest, each with its interval, against a
/// reference line. Groups are not named unless `showLabels` is set (a privacy decision the caller
/// makes with `PrivacyGuard`).
public struct CaterpillarPlot: Sendable {
    /// The effects (any order; drawn sorted by estimate, ties by position).
    public var effects: [GroupEffect]
    /// `.log` for odds ratios, `.linear` for log-odds or means.
    public var scale: AxisScale
    /// The reference value (1 for ratios, 0 for log-odds); `nil` for none.
    public var referenceLine: Double?
    /// Value axis label.
    public var valueLabel: String
    /// Label of the group axis ("Schools, from lowest to highest").
    public var groupLabel: String
    /// Print group names under the axis.
    public var showLabels: Bool
    /// Title, description and note.
    public var text: ChartText
    /// Sizes and number format.
    public var style: ChartStyle
    /// Height of the plotting area (pt); lower it to fit a brief's page.
    public var plotHeight: Double = 190

    /// Creates the chart.
    public init(effects: [GroupEffect], scale: AxisScale = .log, referenceLine: Double? = 1, valueLabel: String,
                groupLabel: String = "", showLabels: Bool = false, text: ChartText, style: ChartStyle = ChartStyle()) {
        self.effects = effects
        self.scale = scale
        self.referenceLine = referenceLine
        self.valueLabel = valueLabel
        self.groupLabel = groupLabel
        self.showLabels = showLabels
        self.text = text
        self.style = style
    }

    /// Effects in drawing order (ascending estimate; stable).
    var sorted: [GroupEffect] {
        effects.enumerated().filter { $0.element.estimate.isFinite }
            .sorted { ($0.element.estimate, $0.offset) < ($1.element.estimate, $1.offset) }.map(\.element)
    }

    /// The SVG document.
    public var svg: String {
        var c = ChartCanvas(style: style, text: text)
        let rows = sorted
        c.drawTitle()
        let plotTop = c.top + 10, plotBottom = plotTop + Swift.max(60, plotHeight)
        let plotLeft = 52.0, plotRight = style.width - 12
        let values = rows.flatMap { [$0.estimate, $0.low, $0.high] }
        let (ys, ticks) = ChartScale.covering(values, including: referenceLine.map { [$0] } ?? [], kind: scale,
                                               start: plotBottom, end: plotTop)
        c.verticalAxis(ys, ticks: ticks, x: plotLeft, gridRight: plotRight, label: valueLabel,
                       format: { [style] in style.decimalMark.tick($0) })
        c.w.lineSegment(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, [("stroke", OkabeIto.grey), ("stroke-width", "0.75")])
        if let ref = referenceLine {
            c.w.lineSegment(x1: plotLeft, y1: ys.map(ref), x2: plotRight, y2: ys.map(ref),
                            [("class", "reference"), ("stroke", OkabeIto.black), ("stroke-width", "0.75"), ("stroke-dasharray", "3 2")])
        }
        let step = (plotRight - plotLeft - 8) / Double(Swift.max(rows.count, 1))
        c.w.openGroup([("class", "effects")])
        for (i, e) in rows.enumerated() {
            let x = plotLeft + 4 + (Double(i) + 0.5) * step
            var color = OkabeIto.grey
            if let ref = referenceLine, e.low.isFinite, e.high.isFinite {
                if e.low > ref { color = OkabeIto.vermillion } else if e.high < ref { color = OkabeIto.blue }
            }
            if e.low.isFinite && e.high.isFinite {
                c.w.lineSegment(x1: x, y1: ys.map(e.low), x2: x, y2: ys.map(e.high),
                                [("class", "interval"), ("stroke", color), ("stroke-width", SVGNumber.format(Swift.max(0.6, Swift.min(1.5, step * 0.4))))])
            }
            c.w.circle(cx: x, cy: ys.map(e.estimate), r: Swift.max(1.2, Swift.min(style.markerRadius, step * 0.45)),
                       [("class", "estimate"), ("fill", color)])
        }
        c.w.closeGroup()
        var bottom = plotBottom + 6
        if showLabels {
            for (i, e) in rows.enumerated() {
                let x = plotLeft + 4 + (Double(i) + 0.5) * step
                let n = SVGNumber.format
                c.w.text(e.label, x: x, y: plotBottom + 6, anchor: "end", size: style.tickSize,
                         [("class", "group-label"), ("transform", "rotate(-60 \(n(x)) \(n(plotBottom + 6)))")])
            }
            bottom += (rows.map { style.textWidth($0.label, size: style.tickSize) }.max() ?? 0) * 0.87 + 4
        }
        if !groupLabel.isEmpty {
            c.w.text(groupLabel, x: (plotLeft + plotRight) / 2, y: bottom + style.textSize, anchor: "middle",
                     size: style.textSize, [("class", "axis-label")])
            bottom += style.textSize + 6
        }
        c.drawNote(at: bottom)
        return c.document(height: bottom + c.noteHeight + 6)
    }
}
