import ArgumentParser
import Foundation
import Reports

/// The output options of `truant fit` and `truant km`: `--format`, `--out`, `--force`.
struct OutputOptions: ParsableArguments {
    /// Output format.
    @Option(help: "Output format: text, json, markdown, latex, html or csv (default: text, or from the --out extension).")
    var format: String?

    /// Output file.
    @Option(help: ArgumentHelp("Write the output to this file (atomically) instead of standard output.", valueName: "path"))
    var out: String?

    /// Overwrite an existing output file.
    @Flag(help: "Overwrite the --out file if it exists.")
    var force = false

    /// `--format`, or the `--out` file's extension, or text; a failure naming an unknown `--format`.
    func resolved() -> Result<OutputFormat, OutputOptionError> {
        if let f = format {
            guard let v = OutputFormat(rawValue: f.lowercased()) else {
                return .failure(OutputOptionError("unknown format '\(f)'; use text, json, markdown, latex, html or csv"))
            }
            return .success(v)
        }
        if let path = out, path.contains("."), let ext = path.split(separator: ".").last.map({ $0.lowercased() }) {
            switch ext {
            case "json": return .success(.json)
            case "md", "markdown": return .success(.markdown)
            case "tex": return .success(.latex)
            case "html", "htm": return .success(.html)
            case "csv": return .success(.csv)
            default: return .success(.text)
            }
        }
        return .success(.text)
    }

    /// The message when `--out` names an existing file and `--force` was not given.
    var existingOutProblem: String? {
        guard let path = out, !force, FileManager.default.fileExists(atPath: path) else { return nil }
        return "\(path) exists; use --force to overwrite it"
    }

    /// Writes `text` to `--out` (atomically) or standard output; the message when the file cannot be written.
    func write(_ text: String) -> String? {
        guard let path = out else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return nil
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return nil
        } catch {
            return "cannot write \(path): \(error.localizedDescription)"
        }
    }
}

/// A problem with the output options, in words.
struct OutputOptionError: Error {
    /// The message.
    let message: String
    init(_ message: String) { self.message = message }
}
