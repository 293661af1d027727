import ArgumentParser
import Foundation
import Script

/// `truant render`: runs a Markdown notebook's truant cells and writes an HTML page.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Run the ```truant cells of a Markdown notebook and write a self-contained HTML page.",
        discussion: """
        The fenced code blocks marked ```truant run in one session, top to bottom, with file paths \
        relative to the notebook's folder. The page holds the prose, each cell's code and printed \
        output (tables as HTML tables) and a provenance footer: the Truant version, the SHA-256 of \
        the notebook and of every data file read, and the seed. There are no timestamps, so the same \
        notebook and data give the same bytes.

        Examples:
          truant render Notebooks/contraception.md                  (writes Notebooks/contraception.html)
          truant render Notebooks/contraception.md --check          (exit 1 if the output changed)

        --check reruns the notebook and compares the result with the existing page without writing: \
        exit 0 when identical, 1 when any output differs (the first differing line is shown), so a \
        replication can be verified. Exit 1 also when a cell fails (the error names the notebook line); \
        2 for bad usage.
        """
    )

    /// The notebook.
    @Argument(help: ArgumentHelp("The Markdown notebook.", valueName: "notebook.md"))
    var notebook: String

    /// Output path.
    @Option(help: ArgumentHelp("The HTML file (default: the notebook's path with .html).", valueName: "path"))
    var out: String?

    /// Compare instead of writing.
    @Flag(help: "Rerun and compare with the existing HTML; exit 1 when anything differs.")
    var check = false

    /// Overwrite.
    @Flag(help: "Replace an existing HTML file.")
    var force = false

    func fail(_ message: String, _ code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("truant render: \(message)\n".utf8))
        return ExitCode(code)
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: notebook), let text = String(data: data, encoding: .utf8) else {
            throw fail("error: cannot read \(notebook); check the path", 2)
        }
        let target = out ?? (notebook.hasSuffix(".md") ? String(notebook.dropLast(3)) : notebook) + ".html"
        let folder = (notebook as NSString).deletingLastPathComponent
        let html: String
        do {
            html = try Notebook(path: notebook, text: text).render(version: TruantVersion.string, directory: folder.isEmpty ? nil : folder)
        } catch let e as ScriptError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            throw ExitCode(1)
        }
        if check {
            guard let old = FileManager.default.contents(atPath: target).flatMap({ String(data: $0, encoding: .utf8) }) else {
                throw fail("error: \(target) does not exist; render the notebook first", 2)
            }
            if old == html {
                FileHandle.standardError.write(Data("truant render: \(target) is up to date: the notebook reproduces it exactly\n".utf8))
                return
            }
            let a = old.split(separator: "\n", omittingEmptySubsequences: false), b = html.split(separator: "\n", omittingEmptySubsequences: false)
            let k = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            var message = "check failed: the output differs from \(target) at line \(k + 1)\n"
            message += "  was: \(k < a.count ? String(a[k]) : "<end of file>")\n  now: \(k < b.count ? String(b[k]) : "<end of file>")"
            throw fail(message, 1)
        }
        if FileManager.default.fileExists(atPath: target) && !force {
            throw fail("error: \(target) exists; use --force to replace it (or --check to compare)", 2)
        }
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw fail("error: cannot write \(target): \(error.localizedDescription)", 2)
        }
    }
}
