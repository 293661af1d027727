import ArgumentParser
import Foundation
import Frames
import Models
import Reports

/// `truant simulate`: writes a seeded synthetic Flemish secondary-school cohort with its truth.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate a seeded synthetic Flemish secondary-school cohort (pupils, schools, careers) with its truth.",
        discussion: """
        Writes pupils.csv (one row per pupil: background, climate items, scale scores, self-reported \
        truancy, unauthorised absent half-days), schools.csv, careers.csv (one row per pupil: time and \
        exit), person_period.csv (one row per pupil and school year at risk), truth.json (the generating \
        models, variance components and realized school effects) and parameters.json (the parameters \
        used; give it back with --params to reproduce the data byte for byte).

        Parameters come from a JSON file; keys it leaves out keep their defaults (the bundled \
        Datasets/flemish-cohort/parameters.json). Every key is explained by --list-parameters and in \
        Datasets/flemish-cohort/codebook.md.

        Examples:
          truant simulate --out cohort
          truant simulate --seed 7 --schools 40 --pupils 4000 --out small --force
          truant simulate --params my-parameters.json --out cohort-b
        """
    )

    /// The parameter file.
    @Option(help: ArgumentHelp("JSON parameter file (missing keys keep their defaults).", valueName: "file"))
    var params: String?

    /// Overrides the seed.
    @Option(help: ArgumentHelp("Seed (overrides the parameter file).", valueName: "n"))
    var seed: Int?

    /// Overrides the number of schools.
    @Option(help: ArgumentHelp("Number of schools (overrides the parameter file).", valueName: "n"))
    var schools: Int?

    /// Overrides the number of pupils.
    @Option(help: ArgumentHelp("Number of pupils in all schools together (overrides the parameter file).", valueName: "n"))
    var pupils: Int?

    /// Output directory.
    @Option(help: ArgumentHelp("Output directory (created if needed).", valueName: "dir"))
    var out: String?

    /// Replace existing files.
    @Flag(help: "Replace existing output files.")
    var force = false

    /// No summary on standard error.
    @Flag(help: "Print nothing on standard error.")
    var quiet = false

    /// Print the parameter documentation and exit.
    @Flag(help: "Print every parameter key with its meaning and default (Markdown) and exit.")
    var listParameters = false

    func run() throws {
        if listParameters {
            print(SimulationParameters.documentationMarkdown(), terminator: "")
            return
        }
        guard let out else { fail("give an output directory with --out DIR (see truant simulate --help)") }
        var parameters = SimulationParameters.default
        if let params {
            do { parameters = try SimulationParameters.read(path: params) } catch { fail(error.description) }
        }
        // Command-line overrides go through the same checks as the file.
        var document = parameters.document
        func set(_ key: String, _ value: Int?) {
            guard let value, case .object(var members) = document, let k = members.firstIndex(where: { $0.key == key }) else { return }
            members[k].value = .integer(value)
            document = .object(members)
        }
        set("seed", seed); set("schools", schools); set("pupils", pupils)
        do { parameters = try SimulationParameters(document: document, file: "command line") } catch { fail(error.description) }

        let files = ["pupils.csv", "schools.csv", "careers.csv", "person_period.csv", "truth.json", "parameters.json"]
        let manager = FileManager.default
        let paths = files.map { URL(fileURLWithPath: out).appendingPathComponent($0).path }
        let existing = paths.filter { manager.fileExists(atPath: $0) }
        if !force && !existing.isEmpty {
            fail("\(existing.joined(separator: ", ")) already exist\(existing.count == 1 ? "s" : ""); pass --force to replace, or choose another --out")
        }
        do {
            try manager.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            fail("\(out): the output directory could not be created (\(error.localizedDescription))")
        }

        let start = Date()
        let cpuStart = clock()
        let cohort: SimulatedCohort
        do { cohort = try SimulatedCohort(parameters: parameters) } catch { fail("simulation failed: \(error)") }
        let simulated = Date()
        let cpuSimulated = clock()
        do {
            for (k, (_, table)) in cohort.tables.enumerated() {
                try CSVWriter.write(table, to: paths[k], overwrite: true)
            }
            try writeJSON(cohort.truthDocument.json, to: paths[4])
            try writeJSON(parameters.document.json, to: paths[5])
        } catch let error as FrameError {
            fail(error.description)
        } catch {
            fail("\(out): \(error.localizedDescription)")
        }
        if !quiet {
            let s = cohort.summary
            func pct(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
            let message = """
            truant simulate: \(parameters.pupils) pupils in \(parameters.schools) schools (seed \(parameters.seed)) -> \(out): \
            simulated in \(seconds(simulated.timeIntervalSince(start))) s (CPU \(seconds(cpuSimulated - cpuStart))), \
            written in \(seconds(Date().timeIntervalSince(simulated))) s (CPU \(seconds(clock() - cpuSimulated)))
              self-reported truancy \(pct(s.truancyRate)); problematic absence \(pct(s.problematicRate)) \
            (ASO \(pct(s.problematicByTrack[0])), BSO \(pct(s.problematicByTrack[2]))); \
            early leaving \(pct(s.earlyLeavingRate)); behind at survey \(pct(s.retainedShare)); \
            alpha support \(String(format: "%.3f", s.alphaSupport)), bonding \(String(format: "%.3f", s.alphaBonding))

            """
            FileHandle.standardError.write(Data(message.utf8))
        }
    }

    private func seconds(_ t: TimeInterval) -> String { String(format: "%.2f", t) }
    private func seconds(_ ticks: clock_t) -> String { String(format: "%.2f", Double(ticks) / Double(CLOCKS_PER_SEC)) }

    private func writeJSON(_ value: JSONValue, to path: String) throws {
        try Data((value.serialized(pretty: true) + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("truant simulate: \(message)\n".utf8))
        Foundation.exit(2)
    }
}

extension ParameterValue {
    /// The same document as the shared JSON type (for the deterministic writer).
    var json: JSONValue {
        switch self {
        case .number(let x): return .number(x)
        case .integer(let i): return .integer(i)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(\.json))
        case .object(let members): return .object(members.map { ($0.key, $0.value.json) })
        }
    }
}
