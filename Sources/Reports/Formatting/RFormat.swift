import Foundation

/// Number formatting the way R's `format()`, `format.pval()` and `printCoefmat()` lay out columns,
/// so that Truant's text summaries read like R's.
public enum RFormat {
    /// Decimal places that show `x` to `digits` significant digits, without trailing zeros.
    static func decimalsNeeded(_ x: Double, digits: Int) -> Int {
        guard x.isFinite, x != 0 else { return 0 }
        let magnitude = Int(Foundation.floor(Foundation.log10(Swift.abs(x))))
        let full = Swift.max(0, digits - 1 - magnitude)
        // Fewest decimals that round to the same value as `full` decimals.
        let target = (x * Foundation.pow(10, Double(full))).rounded()
        var d = full
        while d > 0 {
            let scaled = target / Foundation.pow(10, Double(full - (d - 1)))
            if scaled != scaled.rounded() { break }
            d -= 1
        }
        return d
    }

    /// Formats a column jointly, as R's `format(x, digits = digits)`: one number of decimals for all
    /// (enough for every element to show `digits` significant digits, trailing zeros dropped), or
    /// scientific notation when that is narrower (R's fixed-vs-scientific width rule with `scipen = 0`).
    /// Non-finite values print as `NA`, `Inf`, `-Inf`.
    public static func column(_ xs: [Double], digits: Int) -> [String] {
        let finite = xs.filter { $0.isFinite }
        if finite.isEmpty { return xs.map(special) }
        let decimals = finite.map { decimalsNeeded($0, digits: digits) }.max() ?? 0
        let fixed = xs.map { x in x.isFinite ? String(format: "%.\(decimals)f", x) : special(x) }
        let sci = scientific(xs, digits: digits)
        let fixedWidth = zip(xs, fixed).filter { $0.0.isFinite }.map { $0.1.count }.max() ?? 0
        let sciWidth = zip(xs, sci).filter { $0.0.isFinite }.map { $0.1.count }.max() ?? 0
        return fixedWidth <= sciWidth ? fixed : sci
    }

    /// R's `printCoefmat` layout of estimates and standard errors: all rounded to the decimals that give
    /// the smallest magnitude `digits` significant digits, then formatted jointly.
    public static func estimatesAndErrors(_ estimates: [Double], _ errors: [Double], digits: Int) -> ([String], [String]) {
        let all = estimates + errors
        let nonzero = all.filter { $0.isFinite && $0 != 0 }.map { Swift.abs($0) }
        var values = all
        if let smallest = nonzero.min() {
            let r = Swift.max(1, digits - (1 + Int(Foundation.floor(Foundation.log10(smallest)))))
            let scale = Foundation.pow(10.0, Double(r))
            if r <= 15 { values = all.map { $0.isFinite ? ($0 * scale).rounded() / scale : $0 } }
        }
        let f = column(values, digits: digits)
        return (Array(f[0..<estimates.count]), Array(f[estimates.count...]))
    }

    /// R's `printCoefmat` layout of test statistics: rounded to `digits - 1` decimals, formatted jointly.
    public static func statistics(_ xs: [Double], digits: Int) -> [String] {
        let d = Swift.max(1, Swift.min(5, digits - 1))
        let scale = Foundation.pow(10.0, Double(d))
        return column(xs.map { $0.isFinite ? ($0 * scale).rounded() / scale : $0 }, digits: digits)
    }

    /// Scientific notation with the fewest mantissa digits (at most `digits` significant) that all elements need.
    public static func scientific(_ xs: [Double], digits: Int) -> [String] {
        var need = 0
        for x in xs where x.isFinite && x != 0 {
            let s = String(format: "%.\(digits - 1)e", x)
            let mantissa = s.split(separator: "e")[0]
            var m = Array(mantissa)
            while m.last == "0" { m.removeLast() }
            if m.last == "." { m.removeLast() }
            let decimalsUsed = m.firstIndex(of: ".").map { m.count - $0 - 1 } ?? 0
            need = Swift.max(need, decimalsUsed)
        }
        return xs.map { x in x.isFinite ? String(format: "%.\(need)e", x) : special(x) }
    }

    /// One number to `digits` significant digits, without trailing zeros (R's `format(x, digits = d)`).
    public static func significant(_ x: Double, digits: Int) -> String {
        column([x], digits: digits)[0]
    }

    /// R's `format.pval(p, digits = 3)` over a column: values below `eps` print as `< 2e-16`; the others
    /// fall in two groups (p >= 1e-4 and below), each formatted jointly with R's `format`.
    public static func pValues(_ ps: [Double], digits: Int = 3, eps: Double = Double.ulpOfOne) -> [String] {
        var out = [String](repeating: "", count: ps.count)
        var fixedIdx: [Int] = [], sciIdx: [Int] = []
        for (i, p) in ps.enumerated() {
            if p.isNaN { out[i] = "NA"; continue }
            if p < eps { continue }
            let expo = p > 0 ? Int(Foundation.floor(Foundation.log10(p))) : -50
            if expo >= -3 || (expo == -4 && digits > 1) { fixedIdx.append(i) } else { sciIdx.append(i) }
        }
        let fixed = column(fixedIdx.map { ps[$0] }, digits: digits)
        for (k, i) in fixedIdx.enumerated() { out[i] = fixed[k] }
        let sci = column(sciIdx.map { ps[$0] }, digits: digits)
        for (k, i) in sciIdx.enumerated() { out[i] = sci[k] }
        let small = ps.indices.filter { !ps[$0].isNaN && ps[$0] < eps }
        if !small.isEmpty {
            let d = Swift.max(1, digits - 2)
            let others = (fixedIdx + sciIdx).map { out[$0].count }
            let nc = others.max() ?? 0
            let sep = (d == 1 && (others.isEmpty || nc <= 6)) ? "" : " "
            let text = "<" + sep + column([eps], digits: d)[0]
            for i in small { out[i] = text }
        }
        return out
    }

    /// Significance stars: `***` p < 0.001, `**` < 0.01, `*` < 0.05, `.` < 0.1.
    public static func stars(_ p: Double) -> String {
        guard p.isFinite else { return "" }
        if p < 0.001 { return "***" }
        if p < 0.01 { return "**" }
        if p < 0.05 { return "*" }
        if p < 0.1 { return "." }
        return ""
    }

    /// The legend R prints under a coefficient table with stars.
    public static let signifCodes = "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1"

    /// `NA`, `Inf`, `-Inf` as R prints them.
    static func special(_ x: Double) -> String {
        if x.isNaN { return "NA" }
        return x > 0 ? "Inf" : "-Inf"
    }

    /// Pads `s` on the left (right-justify) or right to `width` characters.
    public static func pad(_ s: String, _ width: Int, left: Bool = true) -> String {
        let n = s.count
        if n >= width { return s }
        let fill = String(repeating: " ", count: width - n)
        return left ? fill + s : s + fill
    }
}
