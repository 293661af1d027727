/// A JSON document with ordered object keys, serialized deterministically.
///
/// Truant writes all machine-readable output through this type so that the same result always
/// gives byte-identical text: keys keep insertion order, numbers print as the shortest decimal
/// that round-trips (`0.1`, `1e-300`), and non-finite numbers become `null`.
public enum JSONValue: Sendable, Equatable {
    /// `null`
    case null
    /// `true` / `false`
    case bool(Bool)
    /// A floating-point number (`null` when not finite).
    case number(Double)
    /// An integer.
    case integer(Int)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object whose keys keep the given order.
    case object([(String, JSONValue)])

    /// Equality compares object members in order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.integer(a), .integer(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// A number, or `null` for `nil`.
    public static func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }

    /// The serialized text; `pretty` indents by two spaces per level.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: pretty ? 0 : nil)
        return out
    }

    private func write(into out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSONValue.format(x)
        case .integer(let i): out += String(i)
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            // Arrays of scalars stay on one line even when pretty.
            let scalar = items.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
            out += "["
            for (k, v) in items.enumerated() {
                if k > 0 { out += scalar || indent == nil ? (indent == nil ? "," : ", ") : "," }
                if let d = indent, !scalar { out += "\n" + String(repeating: "  ", count: d + 1) }
                v.write(into: &out, indent: indent.map { $0 + 1 })
            }
            if let d = indent, !scalar { out += "\n" + String(repeating: "  ", count: d) }
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (k, (key, v)) in members.enumerated() {
                if k > 0 { out += "," }
                if let d = indent { out += "\n" + String(repeating: "  ", count: d + 1) }
                JSONValue.escape(key, into: &out)
                out += indent == nil ? ":" : ": "
                v.write(into: &out, indent: indent.map { $0 + 1 })
            }
            if let d = indent { out += "\n" + String(repeating: "  ", count: d) }
            out += "}"
        }
    }

    /// Shortest round-trip decimal text of `x`; integers within 2^53 print without a fraction.
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(.towardZero), Swift.abs(x) < 9.007199254740992e15 {
            return x == 0 ? "0" : String(Int64(x))
        }
        return "\(x)"
    }

    private static func escape(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
