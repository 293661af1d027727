import ArgumentParser
import Foundation
import Script

/// `truant run`: runs an analysis script.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an analysis script (.truant) and print its output.",
        discussion: """
        The script runs top to bottom in one session; the value of each top-level expression that is \
        not an assignment is printed as R prints it. The first error stops the run: it is printed with \
        the script, line and column, a caret under the place and a hint, and truant exits with status 1 \
        (2 when the script cannot be read or parsed). Output is the same on every run (80 columns; seed \
        with set_seed()).

        Example:
          truant run Scripts/contraception.truant
          truant run --provenance analysis.provenance.json analysis.truant
          truant run analysis.truant data/2024.csv      (the script sees args == "data/2024.csv")

        Options go before the script: everything after it is passed to the script as args.

        The provenance record (Truant version, the script's and every data file's SHA-256, the seed, \
        files written) goes to --provenance as JSON, or to standard error with --show-provenance.
        """
    )

    /// The script.
    @Argument(help: ArgumentHelp("The script to run.", valueName: "script.truant"))
    var script: String

    /// Arguments for the script (available as `args`).
    @Argument(parsing: .captureForPassthrough, help: "Arguments passed to the script as the character vector args.")
    var arguments: [String] = []

    /// Provenance output.
    @Option(help: ArgumentHelp("Write the provenance record as JSON to this file.", valueName: "path"))
    var provenance: String?

    /// Provenance on standard error.
    @Flag(help: "Print the provenance record on standard error after the run.")
    var showProvenance = false

    /// Line width.
    @Option(help: "Line width for printed vectors and tables (default 80).")
    var width: Int = 80

    func run() throws {
        guard let data = FileManager.default.contents(atPath: script), let text = String(data: data, encoding: .utf8) else {
            FileHandle.standardError.write(Data("truant run: error: cannot read \(script); check the path\n".utf8))
            throw ExitCode(2)
        }
        let session = Interpreter(output: { FileHandle.standardOutput.write(Data($0.utf8)) })
        session.width = max(20, width)
        session.version = TruantVersion.string
        session.define(arguments: arguments)
        var status: Int32 = 0
        do {
            try session.run(Source(name: script, text: text))
        } catch let e as ScriptError {
            session.flushPendingWarnings()
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            status = e.kind == .syntax ? 2 : 1
        }
        let record = RunProvenance(version: TruantVersion.string, script: script, text: text, session: session)
        if let path = provenance {
            do {
                try Data((record.json.serialized(pretty: true) + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                FileHandle.standardError.write(Data("truant run: error: cannot write \(path): \(error.localizedDescription)\n".utf8))
                throw ExitCode(2)
            }
        }
        if showProvenance {
            FileHandle.standardError.write(Data(record.text.split(separator: "\n").map { "# " + $0 + "\n" }.joined().utf8))
        }
        if status != 0 { throw ExitCode(status) }
    }
}
