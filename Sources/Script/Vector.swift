import Foundation
import Frames

/// An atomic vector of the language (R's logical, integer, double, character vectors and factors),
/// with optional element names. Missing values (`NA`) are `nil`; `NaN` is a double value.
public struct Vector: Sendable, Equatable {
    /// The elements by type.
    public enum Storage: Sendable, Equatable {
        case logical([Bool?])
        case integer([Int?])
        case double([Double?])
        case character([String?])
        /// A factor: zero-based codes into `levels` (`nil` = NA).
        case factor(codes: [Int?], levels: [String])
    }

    /// The elements.
    public var storage: Storage
    /// Element names (same length as the vector), if any.
    public var names: [String]?

    /// Creates a vector.
    public init(_ storage: Storage, names: [String]? = nil) {
        self.storage = storage
        self.names = names
    }

    /// A double vector.
    public static func doubles(_ x: [Double?], names: [String]? = nil) -> Vector { Vector(.double(x), names: names) }
    /// A length-one double vector.
    public static func double(_ x: Double) -> Vector { Vector(.double([x])) }
    /// A length-one integer vector.
    public static func integer(_ x: Int) -> Vector { Vector(.integer([x])) }
    /// A length-one logical vector.
    public static func logical(_ x: Bool?) -> Vector { Vector(.logical([x])) }
    /// A length-one character vector.
    public static func string(_ x: String) -> Vector { Vector(.character([x])) }

    /// Number of elements.
    public var count: Int {
        switch storage {
        case .logical(let v): return v.count
        case .integer(let v): return v.count
        case .double(let v): return v.count
        case .character(let v): return v.count
        case .factor(let c, _): return c.count
        }
    }

    /// R's `typeof`-like name: logical, integer, double, character, factor.
    public var typeName: String {
        switch storage {
        case .logical: return "logical"
        case .integer: return "integer"
        case .double: return "double"
        case .character: return "character"
        case .factor: return "factor"
        }
    }

    /// `true` for logical, integer and double vectors.
    public var isNumeric: Bool {
        switch storage {
        case .logical, .integer, .double: return true
        default: return false
        }
    }

    /// The elements as doubles (logical and integer converted), or `nil` for text and factors.
    public var doubles: [Double?]? {
        switch storage {
        case .logical(let v): return v.map { $0.map { $0 ? 1 : 0 } }
        case .integer(let v): return v.map { $0.map(Double.init) }
        case .double(let v): return v
        default: return nil
        }
    }

    /// The elements as logicals (numbers: non-zero is TRUE; text "TRUE"/"FALSE"), or `nil` when impossible.
    public var logicals: [Bool?]? {
        switch storage {
        case .logical(let v): return v
        case .integer(let v): return v.map { $0.map { $0 != 0 } }
        case .double(let v): return v.map { x in x.flatMap { $0.isNaN ? nil : $0 != 0 } }
        case .character(let v): return v.map { s in s.flatMap { ["TRUE", "true", "T", "True"].contains($0) ? true : (["FALSE", "false", "F", "False"].contains($0) ? false : nil) } }
        case .factor: return nil
        }
    }

    /// The elements as text (numbers as R's `as.character` writes them; factor labels).
    public var strings: [String?] {
        switch storage {
        case .logical(let v): return v.map { $0.map { $0 ? "TRUE" : "FALSE" } }
        case .integer(let v): return v.map { $0.map { String($0) } }
        case .double(let v): return v.map { $0.map(numberText) }
        case .character(let v): return v
        case .factor(let c, let l): return c.map { $0.flatMap { $0 >= 0 && $0 < l.count ? l[$0] : nil } }
        }
    }

    /// `true` at missing elements (`NA`; and `NaN`, as R's `is.na`).
    public var missing: [Bool] {
        switch storage {
        case .logical(let v): return v.map { $0 == nil }
        case .integer(let v): return v.map { $0 == nil }
        case .double(let v): return v.map { $0 == nil || $0!.isNaN }
        case .character(let v): return v.map { $0 == nil }
        case .factor(let c, _): return c.map { $0 == nil }
        }
    }

    /// The elements at `indices` (0-based; `nil` gives NA), names carried along.
    public func taking(_ indices: [Int?]) -> Vector {
        func pick<T>(_ v: [T?]) -> [T?] { indices.map { i in i.flatMap { $0 >= 0 && $0 < v.count ? v[$0] : nil } } }
        let s: Storage
        switch storage {
        case .logical(let v): s = .logical(pick(v))
        case .integer(let v): s = .integer(pick(v))
        case .double(let v): s = .double(pick(v))
        case .character(let v): s = .character(pick(v))
        case .factor(let c, let l): s = .factor(codes: pick(c), levels: l)
        }
        let n = names.map { ns in indices.map { i in i.flatMap { $0 >= 0 && $0 < ns.count ? ns[$0] : nil } ?? "<NA>" } }
        return Vector(s, names: n)
    }

    /// An empty vector of the same type.
    var emptyLike: Vector { taking([]) }
}

/// R's `as.character` for a double: up to 15 significant digits, fixed or scientific, whichever is shorter.
func numberText(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
    if x == 0 { return "0" }
    // Fewest significant digits (<= 15) that reproduce x at 15 digits.
    let target = Double(formatC(x, digits: 15, style: "e")) ?? x
    var sig = 1
    while sig < 15, Double(formatC(x, digits: sig, style: "e")) != target { sig += 1 }
    let sci = formatC(x, digits: sig, style: "e")
    let magnitude = Int(Foundation.floor(Foundation.log10(Swift.abs(target))))
    let decimals = max(0, sig - 1 - magnitude)
    let fixed = formatC(x, digits: decimals, style: "f")
    return fixed.count <= sci.count ? fixed : sci
}

