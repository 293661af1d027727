import Foundation

/// A double as R's `as.character`/`deparse` print it: up to 15 significant digits, fixed or
/// scientific notation, whichever is shorter (fixed on a tie): `1`, `2.5`, `0.3`, `1e+05`, `1e-04`.
public func formatRNumber(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
    if x == 0 { return "0" }
    // Fewest significant digits (<= 15) that reproduce the value rounded to 15 digits.
    let target = Double(String(format: "%.14e", x)) ?? x
    var digits = 1
    while digits < 15 {
        if Double(String(format: "%.\(digits - 1)e", x)) == target { break }
        digits += 1
    }
    let sci = String(format: "%.\(digits - 1)e", x)           // e.g. 1.5e+05
    let parts = sci.split(separator: "e")
    let mantissa = String(parts[0])
    let exponent = Int(parts[1]) ?? 0
    let expText = (exponent < 0 ? "-" : "+") + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent))
    let sciText = mantissa + "e" + expText
    let decimals = Swift.max(0, digits - 1 - exponent)
    let fixed = String(format: "%.\(decimals)f", x)
    return fixed.count <= sciText.count ? fixed : sciText
}
