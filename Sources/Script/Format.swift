import Foundation

/// C's printf for one double: `style` "e" gives `digits` significant digits in scientific notation,
/// "f" gives `digits` decimals.
func formatC(_ x: Double, digits: Int, style: String) -> String {
    if style == "e" { return String(format: "%.\(Swift.max(0, digits - 1))e", x) }
    return String(format: "%.\(Swift.max(0, digits))f", x)
}

/// Pads on the left to `width` (right-justify).
func padLeft(_ s: String, _ width: Int) -> String {
    let n = s.count
    return n >= width ? s : String(repeating: " ", count: width - n) + s
}

/// Pads on the right to `width` (left-justify).
func padRight(_ s: String, _ width: Int) -> String {
    let n = s.count
    return n >= width ? s : s + String(repeating: " ", count: width - n)
}
