import Foundation

/// Whether a value axis is linear or logarithmic (ratios).
public enum AxisScale: String, Sendable, Codable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (odds and hazard ratios).
    case log
}

/// Maps data values in `domain` onto page coordinates in `range` (points).
struct ChartScale {
    var low: Double, high: Double
    var start: Double, end: Double
    var kind: AxisScale

    /// A scale whose domain covers `values` and the reference value, widened to the nice ticks.
    static func covering(_ values: [Double], including extra: [Double] = [], kind: AxisScale,
                         start: Double, end: Double, tickCount: Int = 5) -> (ChartScale, [Double]) {
        var vals = (values + extra).filter { $0.isFinite && (kind == .linear || $0 > 0) }
        if vals.isEmpty { vals = kind == .log ? [0.5, 2] : [0, 1] }
        let lo = vals.min()!, hi = vals.max()!
        switch kind {
        case .linear:
            let (ticks, _) = NiceTicks.linear(low: lo, high: hi, count: tickCount)
            return (ChartScale(low: ticks.first ?? lo, high: ticks.last ?? hi, start: start, end: end, kind: .linear), ticks)
        case .log:
            let ticks = NiceTicks.logarithmic(low: lo, high: hi)
            let a = Swift.min(lo, ticks.first ?? lo) / 1.05, b = Swift.max(hi, ticks.last ?? hi) * 1.05
            return (ChartScale(low: a, high: b, start: start, end: end, kind: .log), ticks)
        }
    }

    /// The page coordinate of `v` (clamped to the axis for values outside the domain).
    func map(_ v: Double) -> Double {
        let t: Double
        switch kind {
        case .linear: t = (v - low) / (high - low)
        case .log: t = (Foundation.log(Swift.max(v, 1e-300)) - Foundation.log(low)) / (Foundation.log(high) - Foundation.log(low))
        }
        let c = Swift.max(-0.02, Swift.min(1.02, t.isFinite ? t : 0))
        return start + c * (end - start)
    }
}

/// Sizes shared by all charts, in points (1 SVG unit = 1 pt), chosen to stay readable when printed on A4.
public struct ChartStyle: Sendable, Equatable {
    /// Chart width (pt); 500 pt fits A4 portrait between 15 mm margins.
    public var width: Double = 500
    /// Title size (pt).
    public var titleSize: Double = 11
    /// Body text size: labels and legends (pt).
    public var textSize: Double = 9
    /// Tick label size (pt).
    public var tickSize: Double = 8
    /// Marker half-size (pt).
    public var markerRadius: Double = 3.5
    /// Decimal mark of tick labels and value columns.
    public var decimalMark: DecimalMark = .point
    /// Font family.
    public var fontFamily: String = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"

    /// The default style (English number format).
    public init() {}

    /// The default style with the given decimal mark.
    public init(decimalMark: DecimalMark) { self.decimalMark = decimalMark }

    /// Rough width of `s` in points at `size` (average glyph 0.56 em), for layout.
    func textWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * 0.56 }
}
