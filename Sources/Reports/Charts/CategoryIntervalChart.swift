import Foundation

/// Shared renderer of estimates with intervals at categories, series side by side (dodged) in
/// Okabe–Ito colours with distinct marker shapes; optionally joined by lines.
struct CategoryIntervalChart {
    var points: [IntervalPoint]
    var valueLabel: String
    var categoryLabel: String
    /// Show values x 100 on the axis (probabilities as "per 100").
    var perHundred: Bool
    var connect: Bool
    var text: ChartText
    var style: ChartStyle
    var plotHeight: Double = 200

    var svg: String {
        var c = ChartCanvas(style: style, text: text)
        let categories = orderedUnique(points.map(\.category))
        let series = orderedUnique(points.map(\.series))
        let named = series.filter { !$0.isEmpty }
        c.drawTitle()
        var y0 = c.top + 6
        if !named.isEmpty {
            y0 += c.legend(series, x: 52, y: y0 + style.textSize, maxWidth: style.width - 60)
        }
        let plotTop = y0 + 6, plotBottom = plotTop + plotHeight
        let plotLeft = 52.0, plotRight = style.width - 12
        let values = points.flatMap { [$0.estimate, $0.low, $0.high] }
        let (ys, ticks) = ChartScale.covering(values, including: [0], kind: .linear, start: plotBottom, end: plotTop)
        let fmt: (Double) -> String = { [style, perHundred] t in style.decimalMark.tick(perHundred ? (t * 100 * 1e6).rounded() / 1e6 : t) }
        c.verticalAxis(ys, ticks: ticks, x: plotLeft, gridRight: plotRight, label: valueLabel, format: fmt)
        // Category axis.
        let band = (plotRight - plotLeft) / Double(Swift.max(categories.count, 1))
        c.w.openGroup([("class", "axis x-axis")])
        c.w.lineSegment(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, [("stroke", OkabeIto.grey), ("stroke-width", "0.75")])
        var labelRows = 1
        for (k, cat) in categories.enumerated() {
            let cx = plotLeft + (Double(k) + 0.5) * band
            let lines = c.wrap(cat, width: band - 4, size: style.textSize)
            labelRows = Swift.max(labelRows, lines.count)
            for (j, l) in lines.enumerated() {
                c.w.text(l, x: cx, y: plotBottom + 4 + style.textSize + Double(j) * (style.textSize + 2), anchor: "middle",
                         size: style.textSize, [("class", "category")])
            }
        }
        var axisBottom = plotBottom + 8 + Double(labelRows) * (style.textSize + 2)
        if !categoryLabel.isEmpty {
            c.w.text(categoryLabel, x: (plotLeft + plotRight) / 2, y: axisBottom + style.textSize + 2, anchor: "middle",
                     size: style.textSize, [("class", "axis-label")])
            axisBottom += style.textSize + 6
        }
        c.w.closeGroup()
        // Marks.
        let dodge = series.count > 1 ? Swift.min(band * 0.6 / Double(series.count), 22) : 0
        for (s, name) in series.enumerated() {
            let color = OkabeIto.color(s)
            let offset = (Double(s) - Double(series.count - 1) / 2) * dodge
            c.w.openGroup([("class", "series"), ("data-series", name)])
            var path: [(Double, Double)] = []
            for (k, cat) in categories.enumerated() {
                guard let p = points.first(where: { $0.category == cat && $0.series == name }), p.estimate.isFinite else { continue }
                let x = plotLeft + (Double(k) + 0.5) * band + offset
                path.append((x, ys.map(p.estimate)))
            }
            if connect && path.count > 1 {
                c.w.polyline(path, [("class", "connector"), ("fill", "none"), ("stroke", color), ("stroke-width", "1"), ("stroke-opacity", "0.7")])
            }
            for (k, cat) in categories.enumerated() {
                guard let p = points.first(where: { $0.category == cat && $0.series == name }), p.estimate.isFinite else { continue }
                let x = plotLeft + (Double(k) + 0.5) * band + offset
                if p.low.isFinite && p.high.isFinite {
                    c.w.lineSegment(x1: x, y1: ys.map(p.low), x2: x, y2: ys.map(p.high),
                                    [("class", "interval"), ("stroke", color), ("stroke-width", "1.5")])
                    for v in [p.low, p.high] {
                        c.w.lineSegment(x1: x - 3, y1: ys.map(v), x2: x + 3, y2: ys.map(v), [("stroke", color), ("stroke-width", "1")])
                    }
                }
                c.w.raw(MarkerShape.forSeries(s).svg(x: x, y: ys.map(p.estimate), r: style.markerRadius, color: color, cls: "estimate"))
            }
            c.w.closeGroup()
        }
        c.drawNote(at: axisBottom)
        return c.document(height: axisBottom + c.noteHeight + 6)
    }
}

/// Predicted probabilities for pupil profiles (e.g. by track and teacher support) with intervals,
/// shown as "pupils per 100".
///
/// ```swift
/// let chart = ProfilePlot(points: [IntervalPoint(category: "Vocational", series: "Low support",
///                                                estimate: 0.12, low: 0.09, high: 0.15)], ...)
/// ```
public struct ProfilePlot: Sendable {
    /// Probabilities (0–1) with intervals; `category` on the axis, `series` in the legend.
    public var points: [IntervalPoint]
    /// Axis label of the values ("Pupils per 100 with problematic absence").
    public var valueLabel: String
    /// Label of the category axis ("Track").
    public var categoryLabel: String
    /// Title, description and note.
    public var text: ChartText
    /// Sizes and number format.
    public var style: ChartStyle
    /// Height of the plotting area (pt); lower it to fit a brief's page.
    public var plotHeight: Double = 200

    /// Creates the chart.
    public init(points: [IntervalPoint], valueLabel: String, categoryLabel: String = "", text: ChartText,
                style: ChartStyle = ChartStyle()) {
        self.points = points
        self.valueLabel = valueLabel
        self.categoryLabel = categoryLabel
        self.text = text
        self.style = style
    }

    /// The SVG document.
    public var svg: String {
        CategoryIntervalChart(points: points, valueLabel: valueLabel, categoryLabel: categoryLabel, perHundred: true,
                              connect: false, text: text, style: style, plotHeight: Swift.max(60, plotHeight)).svg
    }
}

/// The hazard of leaving (or another event) in each school year, with intervals, per 100 pupils still
/// at risk; series (e.g. tracks) joined by lines.
public struct HazardPlot: Sendable {
    /// Hazards (0–1) by period (`category`, e.g. "Year 1") and series.
    public var points: [IntervalPoint]
    /// Axis label of the values ("Leavers per 100 pupils still at school").
    public var valueLabel: String
    /// Label of the period axis ("School year").
    public var periodLabel: String
    /// Title, description and note.
    public var text: ChartText
    /// Sizes and number format.
    public var style: ChartStyle

    /// Creates the chart.
    public init(points: [IntervalPoint], valueLabel: String, periodLabel: String = "", text: ChartText,
                style: ChartStyle = ChartStyle()) {
        self.points = points
        self.valueLabel = valueLabel
        self.periodLabel = periodLabel
        self.text = text
        self.style = style
    }

    /// The SVG document.
    public var svg: String {
        CategoryIntervalChart(points: points, valueLabel: valueLabel, categoryLabel: periodLabel, perHundred: true,
                              connect: true, text: text, style: style).svg
    }
}
