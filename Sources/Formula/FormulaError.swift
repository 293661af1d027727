/// A problem in a model formula, or in applying it to a table, with the place in the formula.
///
/// `description` is a multi-line message for people: what went wrong, the formula, and a caret
/// under the offending position, e.g.
///
/// ```
/// formula error at position 9: unknown column 'agee'; did you mean 'age'?
///   y ~ x + agee
///           ^
/// ```
public struct FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, for programs that react to it.
    public enum Kind: String, Sendable, Equatable {
        /// The text is not a valid formula (unexpected or missing token).
        case syntax
        /// A name in the formula is not a column of the data.
        case unknownColumn
        /// A function the formula language does not know.
        case unknownFunction
        /// A value of the wrong type (e.g. a text column where a number is needed).
        case type
        /// Any other invalid request (e.g. a factor with a single level).
        case invalid
    }

    /// What kind of problem this is.
    public var kind: Kind
    /// 0-based character position in `formula` where the problem is.
    public var position: Int
    /// What went wrong and what was expected, in one sentence.
    public var message: String
    /// The formula text as given.
    public var formula: String
    /// For `unknownColumn`: the closest existing column names.
    public var suggestions: [String]

    /// Creates a formula error.
    public init(kind: Kind, position: Int, message: String, formula: String, suggestions: [String] = []) {
        self.kind = kind
        self.position = position
        self.message = message
        self.formula = formula
        self.suggestions = suggestions
    }

    /// The message, the formula, and a caret line under the position.
    public var description: String {
        let shown = formula.replacingTabs()
        let caretAt = Swift.max(0, Swift.min(position, shown.count))
        return "formula error at position \(position + 1): \(message)\n  \(shown)\n  "
            + String(repeating: " ", count: caretAt) + "^"
    }
}

extension String {
    /// The string with tabs and newlines shown as single spaces, so a caret line lines up.
    func replacingTabs() -> String {
        String(map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
