/// A token of the formula language, with its 0-based character position.
struct FormulaToken: Equatable {
    /// Token kinds.
    enum Kind: Equatable {
        case name(String)        // identifier or back-quoted name
        case number(Double)
        case string(String)
        case op(String)          // ~ + - * / ^ : %in% | || & && == != < > <= >= ! =
        case lparen, rparen, comma
        case end
    }
    var kind: Kind
    var position: Int

    /// The token as people read it in an error message.
    var shown: String {
        switch kind {
        case .name(let n): return "'\(n)'"
        case .number(let v): return "number \(formatRNumber(v))"
        case .string(let s): return "string \"\(s)\""
        case .op(let o): return "'\(o)'"
        case .lparen: return "'('"
        case .rparen: return "')'"
        case .comma: return "','"
        case .end: return "the end of the formula"
        }
    }
}

/// Splits formula text into tokens; throws `FormulaError` (kind `.syntax`) at the first bad character.
func tokenizeFormula(_ text: String) throws -> [FormulaToken] {
    let cs = Array(text)
    var out: [FormulaToken] = []
    var i = 0
    func fail(_ message: String, _ at: Int) -> FormulaError {
        FormulaError(kind: .syntax, position: at, message: message, formula: text)
    }
    while i < cs.count {
        let c = cs[i]
        if c.isWhitespace { i += 1; continue }
        let start = i
        if c.isLetter || (c == "." && !(i + 1 < cs.count && cs[i + 1].isASCII && cs[i + 1].isNumber)) {
            var j = i
            while j < cs.count, cs[j].isLetter || cs[j].isNumber || cs[j] == "." || cs[j] == "_" { j += 1 }
            out.append(FormulaToken(kind: .name(String(cs[i..<j])), position: start))
            i = j
            continue
        }
        if c.isASCII && c.isNumber || c == "." {
            var j = i
            while j < cs.count, cs[j].isASCII, cs[j].isNumber || cs[j] == "." { j += 1 }
            if j < cs.count, cs[j] == "e" || cs[j] == "E" {
                var k = j + 1
                if k < cs.count, cs[k] == "+" || cs[k] == "-" { k += 1 }
                if k < cs.count, cs[k].isASCII, cs[k].isNumber {
                    while k < cs.count, cs[k].isASCII, cs[k].isNumber { k += 1 }
                    j = k
                }
            }
            let lexeme = String(cs[i..<j])
            guard let v = Double(lexeme) else { throw fail("'\(lexeme)' is not a number", start) }
            if j < cs.count, cs[j] == "L" { j += 1 }   // R integer suffix
            out.append(FormulaToken(kind: .number(v), position: start))
            i = j
            continue
        }
        switch c {
        case "`":
            var j = i + 1
            while j < cs.count, cs[j] != "`" { j += 1 }
            guard j < cs.count else { throw fail("unterminated back-quoted name; expected a closing '`'", start) }
            guard j > i + 1 else { throw fail("empty back-quoted name", start) }
            out.append(FormulaToken(kind: .name(String(cs[(i + 1)..<j])), position: start))
            i = j + 1
        case "\"", "'":
            var j = i + 1
            var s = ""
            while j < cs.count, cs[j] != c {
                if cs[j] == "\\", j + 1 < cs.count { j += 1 }
                s.append(cs[j]); j += 1
            }
            guard j < cs.count else { throw fail("unterminated string; expected a closing \(c)", start) }
            out.append(FormulaToken(kind: .string(s), position: start))
            i = j + 1
        case "%":
            var j = i + 1
            while j < cs.count, cs[j] != "%" { j += 1 }
            guard j < cs.count else { throw fail("unterminated operator; expected a closing '%' as in %in%", start) }
            out.append(FormulaToken(kind: .op(String(cs[i...j])), position: start))
            i = j + 1
        case "(": out.append(FormulaToken(kind: .lparen, position: start)); i += 1
        case ")": out.append(FormulaToken(kind: .rparen, position: start)); i += 1
        case ",": out.append(FormulaToken(kind: .comma, position: start)); i += 1
        case "|", "&":
            if i + 1 < cs.count, cs[i + 1] == c { out.append(FormulaToken(kind: .op(String([c, c])), position: start)); i += 2 }
            else { out.append(FormulaToken(kind: .op(String(c)), position: start)); i += 1 }
        case "=", "!", "<", ">":
            if i + 1 < cs.count, cs[i + 1] == "=" { out.append(FormulaToken(kind: .op(String([c, "="])), position: start)); i += 2 }
            else { out.append(FormulaToken(kind: .op(String(c)), position: start)); i += 1 }
        case "~", "+", "-", "*", "/", "^", ":":
            if c == "*", i + 1 < cs.count, cs[i + 1] == "*" {   // R accepts ** for ^
                out.append(FormulaToken(kind: .op("^"), position: start)); i += 2
            } else {
                out.append(FormulaToken(kind: .op(String(c)), position: start)); i += 1
            }
        default:
            throw fail("unexpected character '\(c)'", start)
        }
    }
    out.append(FormulaToken(kind: .end, position: cs.count))
    return out
}
