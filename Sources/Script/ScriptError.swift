/// A mistake in a script, found while parsing or running it: where it is (script, line, column),
/// what is wrong, and what to do.
///
/// `description` shows the line with a caret under the place:
///
/// ```
/// Error in analysis.truant:3:24: unknown name 'dat'
///   3 | fit <- glm(y ~ x, data = dat)
///     |                          ^
/// hint: did you mean 'data'?
/// ```
public struct ScriptError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of mistake.
    public enum Kind: String, Sendable, Equatable {
        /// The text is not valid script syntax.
        case syntax
        /// A name that is not defined.
        case unknownName
        /// A function called with arguments it does not take, or without ones it needs.
        case arguments
        /// A value of the wrong type or length.
        case type
        /// A failure reported by the library (reading data, fitting a model).
        case runtime
        /// `stop()` called by the script itself.
        case user
    }

    /// The kind of mistake.
    public var kind: Kind
    /// What went wrong, in one sentence.
    public var message: String
    /// What to do about it (may be empty).
    public var hint: String
    /// Where: the source and the scalar offset in it (`nil` when the place is unknown).
    public var source: Source?
    /// Scalar offset in `source`.
    public var offset: Int
    /// `true` when the input ended too early (an open bracket or string): a REPL reads more lines.
    public var incomplete: Bool
    /// The function in which the error happened, if any (for "Error in f(...)" style context).
    public var context: String?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, hint: String = "", source: Source? = nil, offset: Int = 0,
                incomplete: Bool = false, context: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.source = source
        self.offset = offset
        self.incomplete = incomplete
        self.context = context
    }

    /// 1-based line of the error (0 when unknown).
    public var line: Int { source.map { $0.location(offset).line } ?? 0 }
    /// 1-based column of the error (0 when unknown).
    public var column: Int { source.map { $0.location(offset).column } ?? 0 }

    /// The message with the place, the source line, a caret, and the hint.
    public var description: String {
        var out = "Error"
        if let source {
            let (l, c) = source.location(offset)
            out += " in \(source.name):\(l):\(c)"
        }
        if let context { out += " (in \(context))" }
        out += ": " + message
        if let source {
            let (l, c) = source.location(offset)
            let text = source.lineText(offset)
            let shown = String(text.unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
            let number = String(l)
            let gutter = String(repeating: " ", count: number.count)
            out += "\n  \(number) | \(shown)\n  \(gutter) | " + String(repeating: " ", count: Swift.max(0, c - 1)) + "^"
        }
        if !hint.isEmpty { out += "\nhint: " + hint }
        return out
    }
}

/// "did you mean 'a', 'b'?" for a list of suggestions (empty when there are none).
func didYouMean(_ suggestions: [String]) -> String {
    guard !suggestions.isEmpty else { return "" }
    return "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?"
}

/// Up to three names within a small edit distance of `name` (none for one-letter names, 1 up to 3 characters, 2 up to
/// 7, else 3), closest first, then alphabetical: the "did you mean" candidates.
func nearestNames(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
    let target = Array(name.lowercased().unicodeScalars)
    let cutoff = target.count <= 1 ? 0 : (target.count <= 3 ? 1 : (target.count <= 7 ? 2 : 3))
    let scored = Set(candidates).compactMap { c -> (String, Int)? in
        let d = levenshtein(target, Array(c.lowercased().unicodeScalars))
        return d <= cutoff && c != name ? (c, d) : nil
    }
    return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
}

/// Levenshtein distance.
func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
