@preconcurrency import CEditLine
import Foundation

/// Line input for the REPL through libedit: editing, history (persisted in a file) and tab completion.
/// With standard input not a terminal, lines are read plainly (so the REPL works in a pipe).
public final class LineEditor {
    let historyFile: String?
    let interactive: Bool

    /// Completion candidates for the text before the cursor; set by the REPL.
    nonisolated(unsafe) static var completer: ((String) -> [String])?
    nonisolated(unsafe) static var matches: [String] = []

    /// Creates an editor; `historyFile` (e.g. ~/.truant_history) is loaded now and saved by `save()`.
    public init(historyFile: String?, completer: @escaping (String) -> [String]) {
        self.historyFile = historyFile
        self.interactive = isatty(0) != 0
        LineEditor.completer = completer
        if interactive {
            using_history()
            stifle_history(1000)
            if let h = historyFile { _ = read_history(h) }
            rl_attempted_completion_function = { text, start, end in
                let buffer = rl_line_buffer.map { String(cString: $0) } ?? ""
                let upto = String(buffer.utf8.prefix(Int(end))) ?? buffer
                LineEditor.matches = LineEditor.completer?(upto) ?? []
                rl_attempted_completion_over = 1
                rl_completion_append_character = 0   // no space after a completed name: `d$col` then `)` reads naturally
                return rl_completion_matches(text) { _, state in
                    let k = Int(state)
                    guard k < LineEditor.matches.count else { return nil }
                    return strdup(LineEditor.matches[k])
                }
            }
        }
    }

    /// The next line (without its line end), or nil at the end of input.
    public func readLine(prompt: String) -> String? {
        if interactive {
            guard let raw = readline(prompt) else { return nil }
            defer { free(raw) }
            let line = String(cString: raw)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { add_history(raw) }
            return line
        }
        return Swift.readLine(strippingNewline: true)
    }

    /// Writes the history file.
    public func save() {
        if interactive, let h = historyFile { _ = write_history(h) }
    }
}
