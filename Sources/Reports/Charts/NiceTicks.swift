import Foundation

/// Axis ticks by the "nice numbers" rule (Heckbert, *Graphics Gems*, 1990): a step of 1, 2 or 5
/// times a power of ten, and ticks at multiples of the step that cover the data.
public enum NiceTicks {
    /// The nice number near `x`: rounded (`round: true`) or the smallest nice number >= `x`.
    public static func nice(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = Foundation.floor(Foundation.log10(x))
        let fraction = x / Foundation.pow(10, exponent)
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * Foundation.pow(10, exponent)
    }

    /// Ticks for a linear axis: about `count` ticks, a nice step, the first tick <= `low` and the last >= `high`.
    /// A degenerate range is widened around its value.
    public static func linear(low: Double, high: Double, count: Int = 5) -> (ticks: [Double], step: Double) {
        var lo = Swift.min(low, high), hi = Swift.max(low, high)
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if hi - lo < 1e-12 * Swift.max(1, Swift.abs(hi)) {
            let pad = lo == 0 ? 1 : Swift.abs(lo) * 0.1
            lo -= pad; hi += pad
        }
        let step = nice((hi - lo) / Double(Swift.max(1, count - 1)), round: true)
        let first = Foundation.floor(lo / step + 1e-9) * step
        let last = Foundation.ceil(hi / step - 1e-9) * step
        var ticks: [Double] = []
        var k = 0
        while true {
            let t = first + Double(k) * step
            if t > last + step * 1e-6 || k > 1000 { break }
            ticks.append(snap(t, step: step))
            k += 1
        }
        return (ticks, step)
    }

    /// `x` rounded to the decimals of `step`, computed by division by a power of ten so that
    /// 0.6 comes out as the double nearest 0.6 (not 0.6000000000000001).
    static func snap(_ x: Double, step: Double) -> Double {
        let decimals = Swift.max(0, Int(-Foundation.floor(Foundation.log10(step) + 1e-9)) + 1)
        let p = Foundation.pow(10, Double(decimals))
        let v = (x * p).rounded() / p
        return v == 0 ? 0 : v
    }

    /// `m` times ten to the power `e`, exact for small `m` (division for negative `e`).
    static func scaled(_ m: Double, _ e: Int) -> Double {
        e >= 0 ? m * Foundation.pow(10, Double(e)) : m / Foundation.pow(10, Double(-e))
    }

    /// Ticks for a logarithmic axis of positive values (ratios): 1–2–5 per decade when the range
    /// spans a decade or more, otherwise nice linear ticks inside the range (always including 1 when in range).
    public static func logarithmic(low: Double, high: Double) -> [Double] {
        var lo = Swift.min(low, high), hi = Swift.max(low, high)
        if !(lo > 0) || !hi.isFinite { lo = 0.5; hi = 2 }
        if hi / lo < 1.0001 { lo /= 1.25; hi *= 1.25 }
        if hi / lo >= 8 {
            var ticks: [Double] = []
            let e0 = Int(Foundation.floor(Foundation.log10(lo))), e1 = Int(Foundation.ceil(Foundation.log10(hi)))
            let decades = Foundation.log10(hi / lo)
            let mantissas: [Double] = decades > 5 ? [1] : decades > 3 ? [1, 3] : [1, 2, 5]
            for e in e0...e1 {
                for m in mantissas {
                    let t = scaled(m, e)
                    if t >= lo * 0.999 && t <= hi * 1.001 { ticks.append(t) }
                }
            }
            return ticks
        }
        // Narrow ratio range: linear nice steps between the ends.
        let (lin, step) = linear(low: lo, high: hi, count: 5)
        var ticks = lin.map { snap($0, step: step) }.filter { $0 >= lo * 0.999 && $0 <= hi * 1.001 && $0 > 0 }
        if lo <= 1 && hi >= 1 && !ticks.contains(where: { Swift.abs($0 - 1) < 1e-9 }) {
            ticks.append(1)
            ticks.sort()
        }
        if ticks.count < 2 { ticks = [lo, hi] }
        return ticks
    }
}

/// How numbers print in a chart or brief: the decimal mark of the reader's language.
public enum DecimalMark: String, Sendable, Codable {
    /// `1.5` (English).
    case point
    /// `1,5` (Dutch).
    case comma

    /// `x` with exactly `decimals` decimals and this decimal mark (`-0` printed as `0`).
    public func format(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "-∞") }
        let d = Swift.max(0, Swift.min(decimals, 10))
        var s = String(format: "%.\(d)f", x)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { s.removeFirst() }
        return self == .comma ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    /// A tick label: as many decimals as the tick needs (at most 4), no trailing zeros.
    public func tick(_ x: Double) -> String {
        for d in 0...4 {
            let scale = Foundation.pow(10, Double(d))
            if Swift.abs((x * scale).rounded() - x * scale) < 1e-6 * Swift.max(1, Swift.abs(x * scale)) {
                return format(x, decimals: d)
            }
        }
        return format(x, decimals: 4)
    }
}
