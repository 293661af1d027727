import Foundation

/// One step curve (a Kaplan–Meier survival curve or an Aalen–Johansen cumulative incidence) with
/// its pointwise interval and the numbers at risk.
public struct StepCurve: Sendable, Equatable {
    /// Curve label ("Vocational track").
    public var label: String
    /// Distinct times, increasing.
    public var time: [Double]
    /// Estimate just after each time (0–1).
    public var estimate: [Double]
    /// Lower limit just after each time (NaN where undefined).
    public var low: [Double]
    /// Upper limit just after each time (NaN where undefined).
    public var high: [Double]
    /// Number at risk just before each time.
    public var nRisk: [Double]
    /// Value before the first time: 1 for survival, 0 for cumulative incidence.
    public var initial: Double

    /// Creates a curve; all arrays must be as long as `time` (shorter arrays are read as missing).
    public init(label: String, time: [Double], estimate: [Double], low: [Double], high: [Double], nRisk: [Double],
                initial: Double) {
        self.label = label
        self.time = time
        self.estimate = estimate
        self.low = low
        self.high = high
        self.nRisk = nRisk
        self.initial = initial
    }

    /// Number at risk at time `t`: those at risk just before the first time >= `t`; 0 after the last time.
    public func atRisk(at t: Double) -> Int {
        for (i, ti) in time.enumerated() where ti >= t - 1e-12 {
            return i < nRisk.count ? Int(nRisk[i].rounded()) : 0
        }
        return 0
    }

    /// The estimate at time `t` (the step function's value).
    public func value(at t: Double) -> Double {
        var v = initial
        for (i, ti) in time.enumerated() where ti <= t + 1e-12 && i < estimate.count { v = estimate[i] }
        return v
    }
}

/// Kaplan–Meier survival or cumulative-incidence curves with confidence bands and a numbers-at-risk table.
public struct SurvivalPlot: Sendable {
    /// What the curves estimate, which sets the axis direction wording.
    public enum Kind: String, Sendable {
        /// Share still without the event (starts at 1).
        case survival
        /// Share with the event by each time (starts at 0).
        case cumulativeIncidence
    }

    /// The curves.
    public var curves: [StepCurve]
    /// Survival or cumulative incidence.
    public var kind: Kind
    /// Value axis label ("Pupils per 100 still at school").
    public var valueLabel: String
    /// Time axis label ("School year").
    public var timeLabel: String
    /// Heading of the risk table ("Number at risk").
    public var atRiskLabel: String
    /// Numbers at risk below this are printed as `<N` (0 prints every count). Set from `PrivacyThresholds`.
    public var suppressAtRiskBelow: Int
    /// Title, description and note.
    public var text: ChartText
    /// Sizes and number format.
    public var style: ChartStyle
    /// Height of the plotting area (pt); lower it to fit a brief's page.
    public var plotHeight: Double = 190

    /// Creates the chart.
    public init(curves: [StepCurve], kind: Kind, valueLabel: String, timeLabel: String, atRiskLabel: String = "Number at risk",
                suppressAtRiskBelow: Int = 0, text: ChartText, style: ChartStyle = ChartStyle()) {
        self.curves = curves
        self.kind = kind
        self.valueLabel = valueLabel
        self.timeLabel = timeLabel
        self.atRiskLabel = atRiskLabel
        self.suppressAtRiskBelow = suppressAtRiskBelow
        self.text = text
        self.style = style
    }

    /// Tick times of the time axis (also the columns of the risk table).
    public var timeTicks: [Double] {
        let maxT = curves.compactMap { $0.time.last }.max() ?? 1
        return NiceTicks.linear(low: 0, high: maxT, count: 6).ticks
    }

    /// The text of a risk-table cell.
    func atRiskText(_ n: Int) -> String {
        suppressAtRiskBelow > 0 && n > 0 && n < suppressAtRiskBelow ? "<\(suppressAtRiskBelow)" : String(n)
    }

    /// The SVG document.
    public var svg: String {
        var c = ChartCanvas(style: style, text: text)
        c.drawTitle()
        var y0 = c.top + 6
        if curves.count > 1 || !(curves.first?.label.isEmpty ?? true) {
            y0 += c.legend(curves.map(\.label), x: 52, y: y0 + style.textSize, maxWidth: style.width - 60, shapes: false)
        }
        let plotTop = y0 + 6, plotBottom = plotTop + Swift.max(60, plotHeight)
        // Room left of the axis for the risk table's row labels plus half a count centred on time 0.
        let labelColumn = Swift.max(56.0, (curves.map { style.textWidth($0.label, size: style.tickSize) }.max() ?? 0) + 30)
        let plotLeft = labelColumn, plotRight = style.width - 22
        let ticks = timeTicks
        let xs = ChartScale(low: ticks.first ?? 0, high: ticks.last ?? 1, start: plotLeft, end: plotRight, kind: .linear)
        let allValues = curves.flatMap { $0.estimate + $0.low + $0.high + [$0.initial] }
        var yTicks = NiceTicks.linear(low: 0, high: kind == .survival ? 1 : Swift.max(0.05, allValues.filter(\.isFinite).max() ?? 1), count: 5).ticks
        if kind == .survival { yTicks = [0, 0.25, 0.5, 0.75, 1] }
        let ys = ChartScale(low: yTicks.first ?? 0, high: yTicks.last ?? 1, start: plotBottom, end: plotTop, kind: .linear)
        c.verticalAxis(ys, ticks: yTicks, x: plotLeft, gridRight: plotRight, label: valueLabel,
                       format: { [style] t in style.decimalMark.tick((t * 100 * 1e6).rounded() / 1e6) })
        c.horizontalAxis(xs, ticks: ticks, y: plotBottom, gridTop: plotTop, label: timeLabel)
        for (k, curve) in curves.enumerated() {
            let color = OkabeIto.color(k)
            c.w.openGroup([("class", "curve"), ("data-series", curve.label)])
            // Band: upper step path forward, lower step path back, up to the first undefined limit.
            var upper: [(Double, Double)] = [(xs.map(0), ys.map(curve.initial))]
            var lower: [(Double, Double)] = [(xs.map(0), ys.map(curve.initial))]
            var prevU = curve.initial, prevL = curve.initial
            for (i, t) in curve.time.enumerated() {
                guard i < curve.low.count, i < curve.high.count, curve.low[i].isFinite, curve.high[i].isFinite else { break }
                let x = xs.map(t)
                upper.append((x, ys.map(prevU))); upper.append((x, ys.map(curve.high[i])))
                lower.append((x, ys.map(prevL))); lower.append((x, ys.map(curve.low[i])))
                prevU = curve.high[i]; prevL = curve.low[i]
            }
            if upper.count > 1 {
                c.w.polyline(upper + lower.reversed(), closed: true,
                             [("class", "band"), ("fill", color), ("fill-opacity", "0.18"), ("stroke", "none")])
            }
            var path: [(Double, Double)] = [(xs.map(0), ys.map(curve.initial))]
            var prev = curve.initial
            for (i, t) in curve.time.enumerated() where i < curve.estimate.count {
                let x = xs.map(t)
                path.append((x, ys.map(prev)))
                path.append((x, ys.map(curve.estimate[i])))
                prev = curve.estimate[i]
            }
            c.w.polyline(path, [("class", "step"), ("fill", "none"), ("stroke", color), ("stroke-width", "1.75"),
                                ("stroke-dasharray", k == 0 ? "none" : k == 1 ? "6 2" : "2 2")])
            c.w.closeGroup()
        }
        // Numbers at risk.
        var y = plotBottom + 8 + 2 * style.tickSize + (timeLabel.isEmpty ? 0 : style.textSize + 4) + style.textSize + 4
        c.w.openGroup([("class", "at-risk")])
        c.w.text(atRiskLabel, x: 8, y: y, size: style.textSize, weight: "bold")
        for (k, curve) in curves.enumerated() {
            y += style.tickSize + 5
            c.w.text(curve.label.isEmpty ? "—" : curve.label, x: 8, y: y, size: style.tickSize, [("fill", OkabeIto.color(k))])
            for t in ticks {
                c.w.text(atRiskText(curve.atRisk(at: t)), x: xs.map(t), y: y, anchor: "middle", size: style.tickSize,
                         [("class", "at-risk-count")])
            }
        }
        c.w.closeGroup()
        c.drawNote(at: y + 4)
        return c.document(height: y + 4 + c.noteHeight + 6)
    }
}
