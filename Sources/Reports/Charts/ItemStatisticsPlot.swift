import Foundation

/// One item of a scale: its mean and SD, its correlation with the rest of the scale and the scale's
/// alpha without it.
public struct ItemRow: Sendable, Equatable {
    /// Item name ("ST034Q01").
    public var item: String
    /// `true` when the item was reverse-keyed (shown as "(r)").
    public var reversed: Bool
    /// Item mean.
    public var mean: Double
    /// Item standard deviation.
    public var sd: Double
    /// Item–rest correlation.
    public var itemRest: Double
    /// Alpha if the item is deleted.
    public var alphaIfDeleted: Double

    /// Creates a row.
    public init(item: String, reversed: Bool = false, mean: Double, sd: Double, itemRest: Double, alphaIfDeleted: Double) {
        self.item = item
        self.reversed = reversed
        self.mean = mean
        self.sd = sd
        self.itemRest = itemRest
        self.alphaIfDeleted = alphaIfDeleted
    }
}

/// A scale's item statistics in two panels: item means with ±1 SD on the response range, and
/// item–rest correlations as bars (with a guide line at 0.30), with alpha-if-deleted beside each item.
public struct ItemStatisticsPlot: Sendable {
    /// The items, top to bottom.
    public var items: [ItemRow]
    /// Lowest and highest response category (e.g. 1 and 4).
    public var responseRange: ClosedRange<Double>
    /// The scale's alpha (printed in the column heading and drawn nowhere else).
    public var alpha: Double
    /// Column headings: means panel, correlation panel, alpha column.
    public var headings: (mean: String, itemRest: String, alphaIfDeleted: String)
    /// Guide line for the item–rest correlation.
    public var itemRestGuide: Double
    /// Title, description and note.
    public var text: ChartText
    /// Sizes and number format.
    public var style: ChartStyle

    /// Creates the chart.
    public init(items: [ItemRow], responseRange: ClosedRange<Double>, alpha: Double,
                headings: (mean: String, itemRest: String, alphaIfDeleted: String) = ("Mean ± 1 SD", "Item–rest correlation", "Alpha if deleted"),
                itemRestGuide: Double = 0.3, text: ChartText, style: ChartStyle = ChartStyle()) {
        self.items = items
        self.responseRange = responseRange
        self.alpha = alpha
        self.headings = headings
        self.itemRestGuide = itemRestGuide
        self.text = text
        self.style = style
    }

    static let rowHeight = 18.0

    /// The SVG document.
    public var svg: String {
        var c = ChartCanvas(style: style, text: text)
        c.drawTitle()
        let labels = items.map { $0.item + ($0.reversed ? " (r)" : "") }
        let labelWidth = (labels.map { style.textWidth($0, size: style.textSize) }.max() ?? 30) + 14
        let alphaWidth = Swift.max(60.0, style.textWidth(headings.alphaIfDeleted, size: style.tickSize) + 6)
        let panelGap = 36.0
        let available = style.width - labelWidth - alphaWidth - panelGap - 16
        let meanLeft = labelWidth, meanRight = meanLeft + available * 0.5
        let corrLeft = meanRight + panelGap, corrRight = corrLeft + available * 0.5
        let headY = c.top + 8
        let plotTop = headY + 8, plotBottom = plotTop + Double(Swift.max(items.count, 1)) * Self.rowHeight
        c.w.text(headings.mean, x: (meanLeft + meanRight) / 2, y: headY, anchor: "middle", size: style.textSize, weight: "bold")
        c.w.text(headings.itemRest, x: (corrLeft + corrRight) / 2, y: headY, anchor: "middle", size: style.textSize, weight: "bold")
        c.w.text(headings.alphaIfDeleted, x: style.width - 8, y: headY, anchor: "end", size: style.tickSize, weight: "bold")
        // Response categories as ticks when there are few (1, 2, 3, 4), nice ticks otherwise.
        let lo = responseRange.lowerBound, hi = responseRange.upperBound
        let mTicks = hi - lo <= 10 && lo == lo.rounded() && hi == hi.rounded()
            ? stride(from: lo, through: hi, by: 1).map { $0 } : NiceTicks.linear(low: lo, high: hi, count: 5).ticks
        let ms = ChartScale(low: mTicks.first ?? lo, high: mTicks.last ?? hi, start: meanLeft, end: meanRight, kind: .linear)
        let cTicks = NiceTicks.linear(low: Swift.min(0, items.map(\.itemRest).filter(\.isFinite).min() ?? 0), high: 1, count: 3).ticks
        let cs = ChartScale(low: cTicks.first ?? 0, high: cTicks.last ?? 1, start: corrLeft, end: corrRight, kind: .linear)
        c.horizontalAxis(ms, ticks: mTicks, y: plotBottom, gridTop: plotTop, label: "")
        c.horizontalAxis(cs, ticks: cTicks, y: plotBottom, gridTop: plotTop, label: "")
        c.w.lineSegment(x1: cs.map(itemRestGuide), y1: plotTop, x2: cs.map(itemRestGuide), y2: plotBottom,
                        [("class", "reference"), ("stroke", OkabeIto.black), ("stroke-width", "0.75"), ("stroke-dasharray", "3 2")])
        c.w.openGroup([("class", "items")])
        for (i, r) in items.enumerated() {
            let y = plotTop + (Double(i) + 0.5) * Self.rowHeight
            c.w.text(labels[i], x: 8, y: y + style.textSize * 0.35, size: style.textSize, [("class", "row-label")])
            if r.mean.isFinite && r.sd.isFinite {
                c.w.lineSegment(x1: ms.map(r.mean - r.sd), y1: y, x2: ms.map(r.mean + r.sd), y2: y,
                                [("class", "interval"), ("stroke", OkabeIto.blue), ("stroke-width", "1.5")])
                c.w.circle(cx: ms.map(r.mean), cy: y, r: style.markerRadius, [("class", "estimate"), ("fill", OkabeIto.blue)])
            }
            if r.itemRest.isFinite {
                let x0 = cs.map(0), x1 = cs.map(r.itemRest)
                c.w.rect(x: Swift.min(x0, x1), y: y - 5, width: Swift.abs(x1 - x0), height: 10,
                         [("class", "bar"), ("fill", r.itemRest < itemRestGuide ? OkabeIto.vermillion : OkabeIto.bluishGreen)])
            }
            let better = r.alphaIfDeleted.isFinite && r.alphaIfDeleted > alpha
            c.w.text(style.decimalMark.format(r.alphaIfDeleted, decimals: 2), x: style.width - 8, y: y + style.textSize * 0.35,
                     anchor: "end", size: style.textSize, weight: better ? "bold" : nil, [("class", "row-value")])
        }
        c.w.closeGroup()
        let bottom = plotBottom + 8 + 2 * style.tickSize
        c.drawNote(at: bottom)
        return c.document(height: bottom + c.noteHeight + 6)
    }
}
