import Foundation

/// Fixed, locale-independent formatting of SVG coordinates: two decimals at most, trailing zeros
/// dropped, `-0` written as `0`. The same input always gives the same bytes.
public enum SVGNumber {
    /// `x` with at most two decimals (`12.5`, `3`, `-0.25`); non-finite values become `0`.
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let scaled = (x * 100).rounded()
        if scaled == 0 { return "0" }
        let negative = scaled < 0
        let magnitude = Swift.abs(scaled)
        let whole = Int(magnitude / 100)
        let frac = Int(magnitude.truncatingRemainder(dividingBy: 100))
        var s = String(whole)
        if frac != 0 {
            s += frac % 10 == 0 ? "." + String(frac / 10) : "." + (frac < 10 ? "0" : "") + String(frac)
        }
        return negative ? "-" + s : s
    }
}

/// Escapes text for XML character data and attribute values, in one pass; `apostrophe: false` leaves `'` as it
/// is (HTML text, `htmlEscape`).
public func xmlEscape(_ s: String, apostrophe: Bool = true) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for ch in s {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'" where apostrophe: out += "&apos;"
        default: out.append(ch)
        }
    }
    return out
}

/// A small append-only SVG writer: elements are written in call order, attributes in the order
/// given, numbers through `SVGNumber`, so output is byte-for-byte deterministic.
struct SVGWriter {
    private(set) var body = ""
    private var depth = 1

    private mutating func line(_ s: String) {
        body += String(repeating: "  ", count: depth) + s + "\n"
    }

    private static func attrs(_ a: [(String, String)]) -> String {
        a.map { " \($0.0)=\"\(xmlEscape($0.1))\"" }.joined()
    }

    /// Opens `<g>` with the given attributes.
    mutating func openGroup(_ a: [(String, String)] = []) {
        line("<g\(Self.attrs(a))>")
        depth += 1
    }

    /// Closes the last `<g>`.
    mutating func closeGroup() {
        depth -= 1
        line("</g>")
    }

    mutating func lineSegment(x1: Double, y1: Double, x2: Double, y2: Double, _ a: [(String, String)] = []) {
        let n = SVGNumber.format
        line("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\"\(Self.attrs(a))/>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, _ a: [(String, String)] = []) {
        let n = SVGNumber.format
        line("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(Swift.max(0, width)))\" height=\"\(n(Swift.max(0, height)))\"\(Self.attrs(a))/>")
    }

    mutating func circle(cx: Double, cy: Double, r: Double, _ a: [(String, String)] = []) {
        let n = SVGNumber.format
        line("<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\"\(Self.attrs(a))/>")
    }

    /// A path from points: `M x,y L x,y ...`, closed with `Z` when `closed`.
    mutating func polyline(_ points: [(Double, Double)], closed: Bool = false, _ a: [(String, String)] = []) {
        guard let first = points.first else { return }
        let n = SVGNumber.format
        var d = "M\(n(first.0)),\(n(first.1))"
        for p in points.dropFirst() { d += " L\(n(p.0)),\(n(p.1))" }
        if closed { d += " Z" }
        line("<path d=\"\(d)\"\(Self.attrs(a))/>")
    }

    /// Text at (x, y); `anchor` is `start`, `middle` or `end`.
    mutating func text(_ s: String, x: Double, y: Double, anchor: String = "start", size: Double,
                       weight: String? = nil, _ a: [(String, String)] = []) {
        let n = SVGNumber.format
        var extra: [(String, String)] = [("font-size", n(size))]
        if anchor != "start" { extra.append(("text-anchor", anchor)) }
        if let weight { extra.append(("font-weight", weight)) }
        line("<text x=\"\(n(x))\" y=\"\(n(y))\"\(Self.attrs(extra + a))>\(xmlEscape(s))</text>")
    }

    /// Raw markup (already escaped), for marker shapes.
    mutating func raw(_ s: String) { line(s) }
}
