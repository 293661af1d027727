import Foundation

/// The interactive loop: reads lines (continuing with `+ ` while brackets or strings are open),
/// evaluates them in one session, prints results as R does, and reports errors without stopping.
public struct Repl {
    /// The session.
    public let session: Interpreter
    let editor: LineEditor

    /// Creates a REPL with history in `historyFile`.
    public init(session: Interpreter, historyFile: String?) {
        self.session = session
        self.editor = LineEditor(historyFile: historyFile, completer: { [session] in session.completions(for: $0) })
    }

    /// Runs until the end of input or `q()`; returns the number of errors seen.
    @discardableResult
    public func run() -> Int {
        var errors = 0
        var pending = ""
        var count = 0
        while true {
            guard let line = editor.readLine(prompt: pending.isEmpty ? "> " : "+ ") else { break }
            let text = pending.isEmpty ? line : pending + "\n" + line
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if pending.isEmpty && (trimmed == "q()" || trimmed == "quit()") { break }
            if Interpreter.isIncomplete(text) {
                pending = text
                continue
            }
            pending = ""
            if trimmed.isEmpty { continue }
            count += 1
            do {
                try session.run(Source(name: "<repl>", text: text, firstLine: 1))
            } catch let e as ScriptError {
                errors += 1
                session.flushWarnings()
                session.messages(e.description + "\n")
            } catch {
                errors += 1
                session.messages("Error: \(error)\n")
            }
        }
        if !pending.isEmpty {
            errors += 1
            do { try session.run(Source(name: "<repl>", text: pending)) } catch { session.messages("\(error)\n") }
        }
        editor.save()
        return errors
    }
}
