/// The language of a brief. Every fixed phrase exists in both; numbers follow the language's
/// conventions (decimal comma and "op 100" in Dutch).
public enum BriefLanguage: String, Sendable, Codable, CaseIterable {
    /// English.
    case english = "en"
    /// Dutch (Flemish usage).
    case dutch = "nl"

    /// The decimal mark for numbers in text and charts.
    public var decimalMark: DecimalMark { self == .dutch ? .comma : .point }

    /// A number with `decimals` decimals in this language.
    public func number(_ x: Double, decimals: Int) -> String { decimalMark.format(x, decimals: decimals) }

    /// A whole number with a thousands separator (`1,000` / `1.000`).
    public func count(_ n: Int) -> String {
        let digits = String(Swift.abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(self == .dutch ? "." : ",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }
}

/// "About 12 in 100": a probability as a natural frequency with a denominator of 100 or 1,000.
public struct NaturalFrequency: Sendable, Equatable {
    /// Denominator (100 or 1,000).
    public var per: Int

    /// The denominator that shows every probability in `ps` as at least 2: 100, unless the smallest would
    /// round to 0 or 1 in 100 ("1 in 100 (1 to 2)" hides too much), then 1,000.
    public init(for ps: [Double]) {
        let smallest = ps.filter { $0.isFinite && $0 > 0 }.min() ?? 1
        per = (smallest * 100).rounded() >= 2 ? 100 : 1000
    }

    /// The count out of `per` (rounded half away from zero).
    public func count(_ p: Double) -> Int { p.isFinite ? Int((p * Double(per)).rounded()) : 0 }
}
