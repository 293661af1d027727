import Foundation
import Testing
@testable import Frames

/// `strtod` of a Swift string, the reference for correct rounding.
func cStrtod(_ s: String) -> Double { s.withCString { strtod($0, nil) } }

/// The reader's double parser on a Swift string.
func fastParse(_ s: String, decimal: UInt8 = 0x2E) -> Double? {
    let bytes = Array(s.utf8)
    return bytes.withUnsafeBufferPointer { b in
        guard let base = b.baseAddress else { return nil }
        return CellParser.parseDouble(base, 0, b.count, decimal: decimal)
    }
}

@Suite("Number parsing")
struct NumberParsingTests {
    @Test("hard cases equal strtod bit for bit")
    func hardCases() {
        let cases = ["0.1", "0.2", "0.3", "1e23", "8.98846567431158e307", "2.2250738585072011e-308",
                     "2.2250738585072012e-308", "4.9e-324", "1.7976931348623157e308", "9007199254740993",
                     "9007199254740992.5", "123456789012345678901234567890", "0.000000000000000000001",
                     "3.14159265358979323846264338327950288", "1e-400", "1e400", "-0", "-0.0", ".5", "5.",
                     "1E5", "1e+05", "7.038531e-26", "0.30000000000000004", "12345678901234567.0",
                     "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999999999999999999999999999999999999999999999999999999999999999"]
        for s in cases {
            let f = fastParse(s)
            #expect(f?.bitPattern == cStrtod(s).bitPattern, "\(s): fast \(String(describing: f)) vs strtod \(cStrtod(s))")
        }
    }

    @Test("random decimals of 1 to 20 digits equal strtod bit for bit")
    func randomDecimals() {
        var rng = SplitMix(seed: 42)
        for _ in 0..<20_000 {
            let digits = 1 + Int(rng.next() % 20)
            var s = rng.next() % 2 == 0 ? "-" : ""
            let point = Int(rng.next() % UInt64(digits + 1))
            for k in 0..<digits {
                if k == point && k > 0 { s += "." }
                s += String(rng.next() % 10)
            }
            if rng.next() % 4 == 0 { s += "e\(Int(rng.next() % 80) - 40)" }
            #expect(fastParse(s)?.bitPattern == cStrtod(s).bitPattern, "\(s)")
        }
    }

    @Test("rejects non-numbers and honours the decimal comma")
    func rejects() {
        for s in ["", "-", "1.2.3", "1e", "e5", "abc", "1,5", "12a", "--1", "0x10", "."] {
            #expect(fastParse(s) == nil, "\(s)")
        }
        #expect(fastParse("1,5", decimal: 0x2C) == 1.5)
        #expect(fastParse("1.5", decimal: 0x2C) == nil)
        #expect(fastParse("-1,23456789012345678901e3", decimal: 0x2C) == cStrtod("-1.23456789012345678901e3"))
    }
}

/// A small deterministic generator for tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Number parsing: plain decimals")
struct PlainDecimalTests {
    @Test("the plain-decimal path agrees with the general parser and strtod on edge forms")
    func edges() {
        for s in ["0", "-0", "5.", "-0.0889", "1.50", "123456789012345678", "0.000000000000000000001",
                  "9007199254740993", "-9007199254740992.5", "12.3456789012345678", "1,5", "007.25"] {
            let general = s.withCString { c in
                c.withMemoryRebound(to: UInt8.self, capacity: s.utf8.count) {
                    CellParser.parseDoubleGeneral($0, 0, s.utf8.count, decimal: 0x2E)
                }
            }
            let fast = fastParse(s)
            #expect(fast?.bitPattern == general?.bitPattern, "\(s)")
            if let fast { #expect(fast.bitPattern == cStrtod(s).bitPattern, "\(s)") }
        }
        // Forms the plain path leaves to the general parser.
        for s in [".5", "-", "1e3", " 2", "+1", "1.2.3", "Inf"] {
            let plain = s.withCString { c in
                c.withMemoryRebound(to: UInt8.self, capacity: s.utf8.count) {
                    CellParser.plainDecimal($0, 0, s.utf8.count, decimal: 0x2E)
                }
            }
            #expect(plain == nil, "\(s)")
        }
    }
}
