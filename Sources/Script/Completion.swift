/// Tab completion for the REPL: names of variables and functions, column names after `$`, fields of
/// models after `$`.
extension Interpreter {
    /// Candidates completing the word that ends `line` (the text before the cursor).
    public func completions(for line: String) -> [String] {
        let scalars = Array(line.unicodeScalars)
        var start = scalars.count
        while start > 0, Lexer.isIdentPart(scalars[start - 1]) { start -= 1 }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: scalars[start...])
        let prefix = String(word)
        if start > 0, scalars[start - 1] == "$" {
            // Object before `$`: a name.
            var s = start - 1
            while s > 0, Lexer.isIdentPart(scalars[s - 1]) { s -= 1 }
            var objectName = String.UnicodeScalarView()
            objectName.append(contentsOf: scalars[s..<(start - 1)])
            guard let v = globalEnvironment.lookup(String(objectName)) else { return [] }
            let fields: [String]
            switch v {
            case .table(let t): fields = t.columnNames
            case .list(let l): fields = l.names ?? []
            case .object(let o): fields = o.fieldNames
            default: fields = []
            }
            return fields.filter { $0.hasPrefix(prefix) }.sorted()
        }
        var names = Set(globalEnvironment.visibleNames)
        names.formUnion(reservedWords)
        // Column names of tables in scope, for use inside subset()/transform()/formulas.
        for n in globalEnvironment.localNames {
            if case .table(let t)? = globalEnvironment.local(n) { names.formUnion(t.columnNames) }
        }
        return names.filter { $0.hasPrefix(prefix) && !$0.isEmpty }.sorted()
    }

    /// `true` when `text` is an unfinished expression (open bracket or string, trailing operator), so
    /// a REPL should read another line.
    public static func isIncomplete(_ text: String) -> Bool {
        do {
            _ = try Parser.parse(Source(name: "<repl>", text: text))
            return false
        } catch let e as ScriptError {
            return e.incomplete
        } catch {
            return false
        }
    }
}
