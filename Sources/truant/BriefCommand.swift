import ArgumentParser
import Foundation
import Formula
import Frames
import Models
import Reports

/// `truant brief`: fits the model a brief spec names, writes a self-contained HTML brief (and a PDF).
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Write a two-page policy brief (HTML, and PDF with --pdf) in Dutch or English from a model and a short spec.",
        discussion: """
        The spec (JSON) gives the question, population, definitions, language (en or nl), the model \
        formula, the profiles to compare, and the privacy policy. Every number in the text is computed \
        from the fitted model. No cell with fewer than 10 pupils or 5 events is shown and schools are \
        not named unless the spec asks for it (and the data allow it); the brief says what was hidden.

        Example:
          truant brief --spec brief.json --data pupils.csv --out brief.html --pdf brief.pdf

        Spec keys: title, question, population, outcome_phrase, language, definitions [{term, text}], \
        model {formula, family, link}, comparisons [{a: {label, values}, b: {label, values}}], \
        term_labels {term: label}, forest_terms [term], school (column), table {rows, columns}, privacy \
        {thresholds {minimum_pupils, minimum_events}, name_schools, rank_schools}, survival {formula \
        (Surv(time, event) ~ group), data, event (the exit, for competing exits), time, time_label, \
        outcome_phrase, groups {level: label}, compare [level, level], legend {level: name}, time_axis}.

        Exit status: 0 success, 1 the fit or the PDF failed, 2 bad usage or bad input.
        """
    )

    /// The spec file.
    @Option(help: ArgumentHelp("The brief spec (JSON).", valueName: "path"))
    var spec: String

    /// The data file.
    @Option(help: ArgumentHelp("The data file (.csv, .tsv, .sav, .dta).", valueName: "path"))
    var data: String

    /// HTML output.
    @Option(help: ArgumentHelp("Write the HTML brief here.", valueName: "path"))
    var out: String

    /// PDF output.
    @Option(help: ArgumentHelp("Also print the brief to this PDF with headless Chromium.", valueName: "path"))
    var pdf: String?

    /// Date for the provenance line.
    @Option(help: "Date recorded in the brief (default: today, UTC, YYYY-MM-DD).")
    var date: String?

    /// Overwrite outputs.
    @Flag(help: "Overwrite existing output files.")
    var force = false

    func fail(_ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("truant brief: error: \(message)\n".utf8))
        return ExitCode(code)
    }

    func run() throws {
        do {
            try write()
        } catch let exit as ExitCode {
            throw exit
        } catch let e as DecodingError {
            throw fail("\(spec): the spec is not valid: \(BriefCounts.describe(e))", code: 2)
        } catch let e as FormulaError {
            throw fail(e.description, code: 2)
        } catch let e as FrameError {
            throw fail(e.description, code: 2)
        } catch let e as GLMError {
            throw fail(e.description, code: 1)
        } catch let e as BriefError {
            throw fail(e.description, code: 2)
        } catch let e as PrivacyError {
            throw fail(e.description, code: 2)
        }
    }

    func write() throws {
        for p in [out] + (pdf.map { [$0] } ?? []) where !force && FileManager.default.fileExists(atPath: p) {
            throw fail("\(p) exists; use --force to overwrite it", code: 2)
        }
        guard let specData = FileManager.default.contents(atPath: spec) else { throw fail("cannot read the spec file \(spec)", code: 2) }
        let request = try JSONDecoder().decode(BriefRequest.self, from: specData)
        let table = try Table.read(path: data)

        guard let family = Models.Family(rawValue: request.model.family.lowercased()) else {
            throw fail("\(spec): model.family must be gaussian, binomial or poisson, got '\(request.model.family)'", code: 2)
        }
        var link: Link?
        if let l = request.model.link {
            guard let v = Link(rawValue: l.lowercased()) else { throw fail("\(spec): unknown model.link '\(l)'", code: 2) }
            link = v
        }
        let (model, schoolEffects) = try fitBriefModel(formula: request.model.formula, family: family, link: link, table: table, school: request.school, language: request.language)

        // Privacy counts over the outcome column (0/1) by school and by the table's two columns.
        let outcome = try BriefCounts.outcome(formula: request.model.formula, table: table)
        let schools = try request.school.map { try BriefCounts.schools(table, school: $0, outcome: outcome) }
        let counts = try request.table.map {
            try BriefCounts.table(table, request: $0, outcome: outcome, outcomePhrase: request.outcomePhrase, language: request.language)
        }

        let today = date ?? ISO8601DateFormatter().string(from: Date()).prefix(10).description
        let provenance = try Provenance(file: data, date: today, truantVersion: TruantVersion.string)
        var supplements: [BriefSupplement] = [], more: [Provenance] = []
        if let s = request.survival {
            let (supplement, curvesProvenance) = try briefCurves(s, language: request.language, thresholds: request.spec.privacy.thresholds,
                                                                 briefData: table, date: today)
            supplements.append(supplement)
            if let p = curvesProvenance { more.append(p) }
        }
        let doc = try BriefComposer.compose(spec: request.spec, model: model, comparisons: request.comparisons,
                                            termLabels: request.termLabels ?? [:], schools: schools, table: counts, schoolEffects: schoolEffects,
                                            supplements: supplements, forestTerms: request.forestTerms,
                                            provenance: provenance, moreProvenance: more)
        do {
            try Data(doc.html.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw fail("cannot write \(out): \(error.localizedDescription)", code: 2)
        }
        if let pdf {
            do { try BriefPDF.print(html: out, to: pdf) } catch let e as BriefError { throw fail(e.description, code: 1) }
        }
    }
}
