import Foundation
import Reports
import Frames

/// What produced an output: the Truant version, the script (or notebook) and its SHA-256, every
/// data file read with its SHA-256, the seed, and the files written. Recorded by `truant run`
/// and embedded in rendered notebooks, so a replication can check it used the same inputs.
public struct RunProvenance: Sendable, Equatable {
    /// Truant's version.
    public var version: String
    /// The script or notebook path.
    public var script: String
    /// SHA-256 of the script or notebook text.
    public var scriptSHA256: String
    /// Data files read, in order, with their SHA-256.
    public var inputs: [InputFile]
    /// The seed given to set_seed (nil when none was).
    public var seed: UInt64?
    /// Files the script wrote.
    public var outputs: [String]

    /// One input file and its fingerprint.
    public struct InputFile: Sendable, Equatable {
        /// The path as the script gave it.
        public var path: String
        /// SHA-256 of the file's bytes.
        public var sha256: String
    }

    /// The record of a finished (or failed) session.
    public init(version: String, script: String, text: String, session: Interpreter) {
        self.version = version
        self.script = script
        self.scriptSHA256 = SHA256.hex(Array(text.utf8))
        self.inputs = session.inputFiles.map { InputFile(path: $0.path, sha256: $0.sha256) }
        self.seed = session.seed
        self.outputs = session.outputFiles
    }

    /// The record as JSON.
    public var json: JSONValue {
        .object([
            ("truant_version", .string(version)),
            ("script", .string(script)),
            ("script_sha256", .string(scriptSHA256)),
            ("inputs", .array(inputs.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("seed", seed.map { .integer(Int(truncatingIfNeeded: $0)) } ?? .null),
            ("outputs", .array(outputs.map { .string($0) })),
        ])
    }

    /// The record as comment lines (`# truant 0.1.0`, `# input data.csv sha256 ...`).
    public var text: String {
        var out = "truant \(version)\nscript \(script) sha256 \(scriptSHA256)\n"
        for i in inputs { out += "input \(i.path) sha256 \(i.sha256)\n" }
        out += "seed \(seed.map { String($0) } ?? "none")\n"
        for o in outputs { out += "output \(o)\n" }
        return out
    }
}
