/// One lexical token of the script language, with the scalar offsets it spans.
struct Token: Sendable, Equatable {
    /// Token kinds.
    enum Kind: Sendable, Equatable {
        case number(Double)
        case integer(Int)
        case string(String)
        /// A name (`x`, `data.frame`, `` `odd name` ``).
        case identifier(String)
        /// A reserved word: if else for in while repeat function break next TRUE FALSE NULL NA Inf NaN ...
        case keyword(String)
        /// An operator or punctuation: `+`, `<-`, `|>`, `%in%`, `(`, `[[`, `,` ...
        case op(String)
        case newline
        case eof
    }

    var kind: Kind
    /// Offset of the first scalar.
    var start: Int
    /// Offset just past the last scalar.
    var end: Int

    /// `true` when the token is the operator or punctuation `s`.
    func isOp(_ s: String) -> Bool {
        if case .op(let o) = kind { return o == s }
        return false
    }

    /// `true` when the token is the keyword `s`.
    func isKeyword(_ s: String) -> Bool {
        if case .keyword(let k) = kind { return k == s }
        return false
    }

    /// How the token reads in a message.
    var shown: String {
        switch kind {
        case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
        case .integer(let i): return "\(i)L"
        case .string(let s): return "\"\(s)\""
        case .identifier(let s): return s
        case .keyword(let s): return s
        case .op(let s): return s
        case .newline: return "end of line"
        case .eof: return "end of input"
        }
    }
}

/// The reserved words.
let reservedWords: Set<String> = ["if", "else", "for", "in", "while", "repeat", "function", "break", "next",
                                  "TRUE", "FALSE", "NULL", "NA", "NA_integer_", "NA_real_", "NA_character_",
                                  "Inf", "NaN"]
