import Foundation

/// Parsing of cells (byte ranges of a file) as booleans, integers and doubles.
///
/// Doubles take a fast exact path (Clinger's): when the decimal significand has at most 19 digits,
/// fits in 53 bits, and the power of ten is at most 22 in magnitude, `m * 10^e` or `m / 10^e` is
/// one correctly rounded IEEE operation on exact operands. Every other number goes to the C
/// library's `strtod` (correctly rounded in glibc), so results always equal `strtod`'s.
enum CellParser {
    /// Exact powers of ten representable as doubles.
    static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// Narrows `[s, e)` past leading and trailing spaces.
    @inline(__always)
    static func trim(_ p: UnsafePointer<UInt8>, _ s: inout Int, _ e: inout Int) {
        while s < e && p[s] == 0x20 { s += 1 }
        while e > s && p[e - 1] == 0x20 { e -= 1 }
    }

    /// `true`/`false` for `TRUE`, `true`, `FALSE`, `false`; `nil` otherwise.
    @inline(__always)
    static func parseBool(_ p: UnsafePointer<UInt8>, _ s0: Int, _ e0: Int) -> Bool? {
        var s = s0, e = e0
        trim(p, &s, &e)
        let n = e - s
        if n == 4 {
            if p[s] == 0x54, p[s + 1] == 0x52, p[s + 2] == 0x55, p[s + 3] == 0x45 { return true }   // TRUE
            if p[s] == 0x74, p[s + 1] == 0x72, p[s + 2] == 0x75, p[s + 3] == 0x65 { return true }   // true
        } else if n == 5 {
            if p[s] == 0x46, p[s + 1] == 0x41, p[s + 2] == 0x4C, p[s + 3] == 0x53, p[s + 4] == 0x45 { return false } // FALSE
            if p[s] == 0x66, p[s + 1] == 0x61, p[s + 2] == 0x6C, p[s + 3] == 0x73, p[s + 4] == 0x65 { return false } // false
        }
        return nil
    }

    /// The outcome of reading a cell as an integer.
    enum IntResult {
        case value(Int)
        case overflow
        case notInteger
    }

    /// An optionally signed run of decimal digits that fits in `Int`.
    @inline(__always)
    static func parseInt(_ p: UnsafePointer<UInt8>, _ s0: Int, _ e0: Int) -> IntResult {
        var s = s0, e = e0
        trim(p, &s, &e)
        if s >= e { return .notInteger }
        var negative = false
        if p[s] == 0x2D { negative = true; s += 1 } else if p[s] == 0x2B { s += 1 }
        if s >= e { return .notInteger }
        if e - s <= 18 {
            var v = 0
            for i in s..<e {
                let d = Int(p[i]) &- 48
                if d < 0 || d > 9 { return .notInteger }
                v = v &* 10 &+ d
            }
            return .value(negative ? -v : v)
        }
        // Long: accumulate the magnitude as a negative number (Int.min has no positive counterpart).
        var v = 0
        var overflow = false
        for i in s..<e {
            let d = Int(p[i]) &- 48
            if d < 0 || d > 9 { return .notInteger }
            if overflow { continue }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.subtractingReportingOverflow(d)
            if o1 || o2 { overflow = true } else { v = a }
        }
        if overflow { return .overflow }
        if negative { return .value(v) }
        if v == Int.min { return .overflow }
        return .value(-v)
    }

    /// A decimal number (`12`, `-1.5`, `.5`, `3.`, `1e-3`, `Inf`, `-Inf`, `NaN`, `Infinity`) with
    /// `decimal` as the decimal mark; `nil` when the cell is not a number.
    @inline(__always)
    static func parseDouble(_ p: UnsafePointer<UInt8>, _ s0: Int, _ e0: Int, decimal: UInt8) -> Double? {
        if let v = plainDecimal(p, s0, e0, decimal: decimal) { return v }
        return parseDoubleGeneral(p, s0, e0, decimal: decimal)
    }

    /// The common cell `-123.4567` (optional minus, digits, optional decimal mark and digits, nothing
    /// else) in one tight loop; `nil` for anything else, which the general parser then handles. The
    /// arithmetic is the general parser's fast path (same significand and power of ten), so the
    /// result is the same double.
    @inline(__always)
    static func plainDecimal(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, decimal: UInt8) -> Double? {
        var i = s
        let negative = i < e && p[i] == 0x2D
        if negative { i += 1 }
        let digitsStart = i
        var mantissa: UInt64 = 0
        while i < e {
            let d = UInt64(p[i]) &- 48
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ d
            i += 1
        }
        let intDigits = i - digitsStart
        var fraction = 0
        if i < e && p[i] == decimal {
            i += 1
            let f0 = i
            while i < e {
                let d = UInt64(p[i]) &- 48
                if d > 9 { break }
                mantissa = mantissa &* 10 &+ d
                i += 1
            }
            fraction = i - f0
        }
        guard i == e, intDigits > 0, intDigits + fraction <= 18, fraction <= 22, mantissa <= (1 << 53) else { return nil }
        var v = Double(mantissa)
        if fraction > 0 { v /= powersOfTen[fraction] }
        return negative ? -v : v
    }

    /// `parseDouble` for any accepted form (spaces, signs, exponents, long significands, specials).
    static func parseDoubleGeneral(_ p: UnsafePointer<UInt8>, _ s0: Int, _ e0: Int, decimal: UInt8) -> Double? {
        var s = s0, e = e0
        trim(p, &s, &e)
        if s >= e { return nil }
        var i = s
        var negative = false
        if p[i] == 0x2D { negative = true; i += 1 } else if p[i] == 0x2B { i += 1 }
        if i >= e { return nil }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var anyDigit = false
        var truncated = false
        while i < e {
            let d = UInt64(p[i]) &- 48
            if d > 9 { break }
            anyDigit = true
            if mantissa == 0 && d == 0 {
            } else if digits < 19 {
                mantissa = mantissa &* 10 &+ d; digits += 1
            } else {
                exponent += 1; truncated = true
            }
            i += 1
        }
        if i < e && p[i] == decimal {
            i += 1
            while i < e {
                let d = UInt64(p[i]) &- 48
                if d > 9 { break }
                anyDigit = true
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ d; digits += 1; exponent -= 1
                } else {
                    truncated = true
                }
                i += 1
            }
        }
        if !anyDigit { return special(p, i, e, negative: negative) }
        if i < e && (p[i] == 0x65 || p[i] == 0x45) {
            i += 1
            var expNegative = false
            if i < e && p[i] == 0x2D { expNegative = true; i += 1 } else if i < e && p[i] == 0x2B { i += 1 }
            if i >= e { return nil }
            var x = 0
            while i < e {
                let d = Int(p[i]) &- 48
                if d < 0 || d > 9 { return nil }
                if x < 100_000 { x = x * 10 + d }
                i += 1
            }
            exponent += expNegative ? -x : x
        }
        if i != e { return nil }
        if !truncated && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            var v = Double(mantissa)
            if exponent < 0 { v /= powersOfTen[-exponent] } else { v *= powersOfTen[exponent] }
            return negative ? -v : v
        }
        if mantissa == 0 && !truncated { return negative ? -0.0 : 0.0 }
        return slowPath(p, s, e, decimal: decimal)
    }

    /// `Inf`, `inf`, `Infinity`, `NaN` after an optional sign (already consumed).
    static func special(_ p: UnsafePointer<UInt8>, _ i: Int, _ e: Int, negative: Bool) -> Double? {
        let rest = String(decoding: UnsafeBufferPointer(start: p + i, count: e - i), as: UTF8.self)
        switch rest {
        case "Inf", "inf", "Infinity", "infinity": return negative ? -.infinity : .infinity
        case "NaN": return .nan
        default: return nil
        }
    }

    /// `strtod` on a NUL-terminated copy of the (validated) cell, with a decimal comma made a point.
    static func slowPath(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, decimal: UInt8) -> Double? {
        let n = e - s
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buf -> Double? in
            for k in 0..<n {
                let c = p[s + k]
                buf[k] = CChar(bitPattern: c == decimal ? 0x2E : c)
            }
            buf[n] = 0
            guard let base = buf.baseAddress else { return nil }
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(base, &end)
            guard let end, end == base + n else { return nil }
            return v
        }
    }
}
