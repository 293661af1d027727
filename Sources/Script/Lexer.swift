/// Turns script text into tokens on demand. A value type: copying it saves the position, so the
/// parser can look ahead and come back.
struct Lexer {
    let source: Source
    private(set) var offset: Int = 0
    var s: [Unicode.Scalar] { source.scalars }

    init(source: Source) {
        self.source = source
    }

    func error(_ message: String, at: Int, hint: String = "", incomplete: Bool = false) -> ScriptError {
        ScriptError(.syntax, message, hint: hint, source: source, offset: at, incomplete: incomplete)
    }

    /// Moves to `offset` (used after a formula's text was taken verbatim).
    mutating func seek(_ newOffset: Int) { offset = newOffset }

    func peekScalar(_ k: Int = 0) -> Unicode.Scalar? {
        offset + k < s.count ? s[offset + k] : nil
    }

    static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c == "."
    }

    static func isIdentPart(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c == "." || c == "_" || ("0"..."9").contains(c)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    /// The next token. Skips blanks and comments; a line end is a token of its own.
    mutating func next() throws -> Token {
        while let c = peekScalar() {
            if c == " " || c == "\t" || c == "\r" || c == "\u{0C}" || c == "\u{A0}" || c == "\u{FEFF}" {
                offset += 1
            } else if c == "#" {
                while let d = peekScalar(), d != "\n" { offset += 1 }
            } else if c == "\\" && peekScalar(1) == "\n" {
                offset += 2
            } else {
                break
            }
        }
        let start = offset
        guard let c = peekScalar() else { return Token(kind: .eof, start: start, end: start) }
        if c == "\n" {
            offset += 1
            return Token(kind: .newline, start: start, end: offset)
        }
        if Lexer.isDigit(c) || (c == "." && peekScalar(1).map(Lexer.isDigit) == true) {
            return try number(start)
        }
        if Lexer.isIdentStart(c) {
            while let d = peekScalar(), Lexer.isIdentPart(d) { offset += 1 }
            let word = source.slice(start, offset)
            if reservedWords.contains(word) { return Token(kind: .keyword(word), start: start, end: offset) }
            return Token(kind: .identifier(word), start: start, end: offset)
        }
        if c == "\"" || c == "'" { return try string(start, quote: c) }
        if c == "`" {
            offset += 1
            var name = String.UnicodeScalarView()
            while true {
                guard let d = peekScalar() else {
                    throw error("a back-quoted name is not closed", at: start, hint: "end it with `", incomplete: true)
                }
                offset += 1
                if d == "`" { break }
                if d == "\n" { throw error("a back-quoted name runs to the end of the line", at: start, hint: "close it with ` on the same line") }
                name.append(d)
            }
            if name.isEmpty { throw error("empty back-quoted name", at: start, hint: "put a name between the back quotes") }
            return Token(kind: .identifier(String(name)), start: start, end: offset)
        }
        if c == "%" {
            offset += 1
            while let d = peekScalar(), d != "%" {
                if d == "\n" { throw error("an operator starting with % is not closed", at: start, hint: "operators look like %in%, %% or %/%") }
                offset += 1
            }
            guard peekScalar() == "%" else {
                throw error("an operator starting with % is not closed", at: start, hint: "operators look like %in%, %% or %/%", incomplete: true)
            }
            offset += 1
            return Token(kind: .op(source.slice(start, offset)), start: start, end: offset)
        }
        // Longest operators first.
        for op in ["<<-", "->>", "<-", "->", "<=", ">=", "==", "!=", "&&", "||", "|>", "::", "[[",
                   "+", "-", "*", "/", "^", "<", ">", "!", "&", "|", "~", "?", ":", "=", "$", "@",
                   "(", ")", "{", "}", "[", "]", ",", ";", "\\"] {
            let scalars = Array(op.unicodeScalars)
            if offset + scalars.count <= s.count && Array(s[offset..<offset + scalars.count]) == scalars {
                // `<-` directly followed by a digit after a space-less `<`: R reads x<-1 as assignment too.
                offset += scalars.count
                return Token(kind: .op(op), start: start, end: offset)
            }
        }
        offset += 1
        throw error("unexpected character '\(Character(c))'", at: start,
                    hint: c == "“" || c == "”" || c == "‘" || c == "’" ? "use straight quotes \" or ' for strings" : "remove it")
    }

    private mutating func number(_ start: Int) throws -> Token {
        if peekScalar() == "0", let x = peekScalar(1), x == "x" || x == "X" {
            offset += 2
            var value = 0
            var digits = 0
            while let d = peekScalar(), let v = d.properties.numericType != nil ? Int(String(d)) : hexValue(d) {
                value = value &* 16 &+ v
                digits += 1
                offset += 1
            }
            if digits == 0 { throw error("a hexadecimal number needs digits after 0x", at: start) }
            if peekScalar() == "L" { offset += 1; return Token(kind: .integer(value), start: start, end: offset) }
            return Token(kind: .number(Double(value)), start: start, end: offset)
        }
        while let d = peekScalar(), Lexer.isDigit(d) { offset += 1 }
        var isInteger = true
        if peekScalar() == "." {
            isInteger = false
            offset += 1
            while let d = peekScalar(), Lexer.isDigit(d) { offset += 1 }
        }
        if let e = peekScalar(), e == "e" || e == "E" {
            let save = offset
            offset += 1
            if let sign = peekScalar(), sign == "+" || sign == "-" { offset += 1 }
            if let d = peekScalar(), Lexer.isDigit(d) {
                isInteger = false
                while let d = peekScalar(), Lexer.isDigit(d) { offset += 1 }
            } else {
                offset = save
                throw error("a number's exponent needs digits (e.g. 1e-3)", at: start)
            }
        }
        let text = source.slice(start, offset)
        if peekScalar() == "L" {
            offset += 1
            if isInteger, let v = Int(text), v <= Int(Int32.max) {
                return Token(kind: .integer(v), start: start, end: offset)
            }
            return Token(kind: .number(Double(text) ?? .nan), start: start, end: offset)
        }
        if let d = peekScalar(), Lexer.isIdentStart(d) || d == "_" {
            throw error("a number runs into a name ('\(text)\(Character(d))...')", at: start,
                        hint: "names start with a letter or a dot; put an operator between a number and a name")
        }
        guard let v = Double(text) else { throw error("'\(text)' is not a number", at: start) }
        return Token(kind: .number(v), start: start, end: offset)
    }

    private func hexValue(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "a"..."f": return Int(c.value - 97 + 10)
        case "A"..."F": return Int(c.value - 65 + 10)
        default: return nil
        }
    }

    private mutating func string(_ start: Int, quote: Unicode.Scalar) throws -> Token {
        offset += 1
        var out = String.UnicodeScalarView()
        while true {
            guard let c = peekScalar() else {
                throw error("a string is not closed", at: start, hint: "end it with \(Character(quote))", incomplete: true)
            }
            offset += 1
            if c == quote { break }
            if c == "\\" {
                guard let e = peekScalar() else {
                    throw error("a string is not closed", at: start, hint: "end it with \(Character(quote))", incomplete: true)
                }
                offset += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "0": out.append("\0")
                case "\\": out.append("\\")
                case "\"": out.append("\"")
                case "'": out.append("'")
                case "`": out.append("`")
                case "u", "U":
                    var hex = ""
                    let braced = peekScalar() == "{"
                    if braced { offset += 1 }
                    while let h = peekScalar(), hexValue(h) != nil || Lexer.isDigit(h), hex.count < 8 { hex.append(Character(h)); offset += 1 }
                    if braced { if peekScalar() == "}" { offset += 1 } }
                    guard let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) else {
                        throw error("'\\\(Character(e))' must be followed by hexadecimal digits of a character", at: offset - 2)
                    }
                    out.append(u)
                default:
                    throw error("'\\\(Character(e))' is not a known escape in a string", at: offset - 2,
                                hint: "use \\\\ for a backslash, \\n for a new line, \\t for a tab, or / in file paths")
                }
                continue
            }
            out.append(c)
        }
        return Token(kind: .string(String(out)), start: start, end: offset)
    }
}
