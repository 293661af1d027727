/// A piece of script text with a name (a file path, `<repl>`, or a notebook cell), and the
/// line table needed to turn a character offset into a line and column.
///
/// Offsets count Unicode scalars from the start of the text; lines and columns are 1-based.
public struct Source: Sendable, Equatable {
    /// Where the text came from, for messages (`analysis.truant`, `<repl>`, `notebook.md, cell 3`).
    public let name: String
    /// The text.
    public let text: String
    /// The text as Unicode scalars (the unit of every offset).
    let scalars: [Unicode.Scalar]
    /// Offset of the first scalar of each line.
    let lineStarts: [Int]
    /// Line number of the first line (a notebook cell starts deeper in its file).
    public let firstLine: Int

    /// Creates a source; `firstLine` numbers the first line (1 for a file).
    public init(name: String, text: String, firstLine: Int = 1) {
        self.name = name
        self.text = text
        self.firstLine = firstLine
        let s = Array(text.unicodeScalars)
        scalars = s
        var starts = [0]
        for (i, c) in s.enumerated() where c == "\n" { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The 1-based line and column of `offset` (clamped to the text).
    public func location(_ offset: Int) -> (line: Int, column: Int) {
        let o = Swift.max(0, Swift.min(offset, scalars.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= o { lo = mid } else { hi = mid - 1 }
        }
        return (lo + firstLine, o - lineStarts[lo] + 1)
    }

    /// The text of the line holding `offset`, without its line end.
    func lineText(_ offset: Int) -> String {
        let (line, _) = location(offset)
        let k = line - firstLine
        let start = lineStarts[k]
        var end = start
        while end < scalars.count && scalars[end] != "\n" && scalars[end] != "\r" { end += 1 }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[start..<end])
        return String(s)
    }

    /// The text between two offsets.
    func slice(_ from: Int, _ to: Int) -> String {
        let a = Swift.max(0, Swift.min(from, scalars.count)), b = Swift.max(a, Swift.min(to, scalars.count))
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[a..<b])
        return String(s)
    }
}
