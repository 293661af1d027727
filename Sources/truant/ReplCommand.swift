import ArgumentParser
import Foundation
import Script

/// `truant repl`: the interactive analysis language.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start an interactive session of the analysis language.",
        discussion: """
        Type expressions at the > prompt; results print as in R. Lines continue (prompt +) while a \
        bracket or string is open. Line editing, history (~/.truant_history) and tab completion of \
        names, functions and column names (after $) come from libedit. help() lists the functions; \
        q() or Ctrl-D ends the session. Standard input may be a pipe:

          echo 'x <- c(1, 2, 3); mean(x)' | truant repl

        Exit status: 0, or 1 when any expression failed (useful in pipes).
        """
    )

    /// History file.
    @Option(help: ArgumentHelp("History file (default ~/.truant_history).", valueName: "path"))
    var history: String?

    func run() throws {
        let session = Interpreter(output: { FileHandle.standardOutput.write(Data($0.utf8)) })
        session.version = TruantVersion.string
        if isatty(1) != 0 {
            var size = winsize()
            if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { session.width = Int(size.ws_col) }
        }
        let file = history ?? ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.truant_history" }
        if isatty(0) != 0 {
            FileHandle.standardOutput.write(Data("Truant \(TruantVersion.string): the analysis language. help() lists the functions; q() quits.\n".utf8))
        }
        let errors = Repl(session: session, historyFile: file).run()
        if errors > 0 && isatty(0) == 0 { throw ExitCode(1) }
    }
}
