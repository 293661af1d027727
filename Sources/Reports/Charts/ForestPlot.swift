import Foundation

/// A forest plot of ratios (odds or hazard ratios) or differences, with intervals, a reference line
/// and the numbers printed beside each row.
///
/// ```swift
/// let plot = ForestPlot(rows: [ForestRow(label: "Vocational track", estimate: 2.1, low: 1.5, high: 2.9)],
///                       text: ChartText(title: "Odds of problematic absence", description: "..."))
/// let svg = plot.svg
/// ```
public struct ForestPlot: Sendable {
    /// The rows, drawn top to bottom.
    public var rows: [ForestRow]
    /// `.log` for ratios, `.linear` for differences.
    public var scale: AxisScale
    /// Position of the reference line (1 for ratios, 0 for differences); `nil` for none.
    public var referenceLine: Double?
    /// Axis label.
    public var axisLabel: String
    /// Heading over the value column ("OR (95% CI)"); empty for none.
    public var valueHeading: String = ""
    /// Title, description and note.
    public var text: ChartText
    /// Sizes and number format.
    public var style: ChartStyle

    /// Creates a forest plot. Rows with non-finite estimates are drawn as labels with "–" (e.g. aliased terms).
    public init(rows: [ForestRow], scale: AxisScale = .log, referenceLine: Double? = 1, axisLabel: String = "",
                text: ChartText, style: ChartStyle = ChartStyle()) {
        self.rows = rows
        self.scale = scale
        self.referenceLine = referenceLine
        self.axisLabel = axisLabel
        self.text = text
        self.style = style
    }

    /// Row height (pt).
    static let rowHeight = 18.0

    /// The interval text beside a row: `2.10 (1.50–2.90)`.
    func valueText(_ r: ForestRow) -> String {
        guard r.estimate.isFinite else { return "–" }
        let m = style.decimalMark
        let lo = r.low.isFinite ? m.format(r.low, decimals: 2) : "–"
        let hi = r.high.isFinite ? m.format(r.high, decimals: 2) : "–"
        return "\(m.format(r.estimate, decimals: 2)) (\(lo)–\(hi))"
    }

    /// The SVG document.
    public var svg: String {
        var c = ChartCanvas(style: style, text: text)
        let labelWidth = Swift.min(style.width * 0.38, (rows.map { style.textWidth($0.label, size: style.textSize) }.max() ?? 40) + 16)
        let valueWidth = Swift.max(rows.map { style.textWidth(valueText($0), size: style.textSize) }.max() ?? 40,
                                   style.textWidth(valueHeading, size: style.tickSize)) + 14
        let plotLeft = labelWidth + 8, plotRight = style.width - valueWidth - 8
        let plotTop = c.top + 8 + (valueHeading.isEmpty ? 0 : style.textSize + 2)
        let plotBottom = plotTop + Double(Swift.max(rows.count, 1)) * Self.rowHeight
        let values = rows.flatMap { [$0.estimate, $0.low, $0.high] }
        let (xs, ticks) = ChartScale.covering(values, including: referenceLine.map { [$0] } ?? [], kind: scale,
                                               start: plotLeft, end: plotRight)
        c.drawTitle()
        if !valueHeading.isEmpty {
            c.w.text(valueHeading, x: style.width - 8, y: plotTop - 4, anchor: "end", size: style.tickSize, weight: "bold", [("class", "value-heading")])
        }
        c.horizontalAxis(xs, ticks: ticks, y: plotBottom, gridTop: plotTop, label: axisLabel)
        if let ref = referenceLine {
            let x = xs.map(ref)
            c.w.lineSegment(x1: x, y1: plotTop - 4, x2: x, y2: plotBottom,
                            [("class", "reference"), ("stroke", OkabeIto.black), ("stroke-width", "0.75"), ("stroke-dasharray", "3 2")])
        }
        c.w.openGroup([("class", "rows")])
        for (i, r) in rows.enumerated() {
            let y = plotTop + (Double(i) + 0.5) * Self.rowHeight
            if i % 2 == 1 {
                c.w.rect(x: 4, y: y - Self.rowHeight / 2, width: style.width - 8, height: Self.rowHeight,
                         [("fill", "#F2F2F2"), ("fill-opacity", "0.6")])
            }
            c.w.text(r.label, x: 8, y: y + style.textSize * 0.35, size: style.textSize, [("class", "row-label")])
            c.w.text(valueText(r), x: style.width - 8, y: y + style.textSize * 0.35, anchor: "end", size: style.textSize,
                     [("class", "row-value")])
            guard r.estimate.isFinite else { continue }
            if r.low.isFinite && r.high.isFinite {
                c.w.lineSegment(x1: xs.map(r.low), y1: y, x2: xs.map(r.high), y2: y,
                                [("class", "interval"), ("stroke", OkabeIto.blue), ("stroke-width", "1.5")])
            }
            let s = style.markerRadius
            c.w.rect(x: xs.map(r.estimate) - s, y: y - s, width: 2 * s, height: 2 * s,
                     [("class", "estimate"), ("fill", OkabeIto.blue)])
        }
        c.w.closeGroup()
        let axisBottom = plotBottom + 8 + 2 * style.tickSize + (axisLabel.isEmpty ? 0 : style.textSize + 4)
        c.drawNote(at: axisBottom)
        return c.document(height: axisBottom + c.noteHeight + 6)
    }
}
