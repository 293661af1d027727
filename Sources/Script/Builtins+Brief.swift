import Foundation
import Formula
import Frames
import Models
import Reports

/// The brief request of a script: `truant brief`'s spec keys, with the model left out (the script passes
/// a fitted model) and everything but the texts optional.
struct ScriptBriefRequest: Decodable {
    var title: String
    var question: String
    var population: String
    var outcomePhrase: String
    var language: BriefLanguage?
    var definitions: [BriefDefinition]?
    var privacy: PrivacyPolicy?
    var comparisons: [BriefComparison]?
    var termLabels: [String: String]?
    var school: String?
    var table: BriefRequest.TableRequest?
    var forestTerms: [String]?

    enum CodingKeys: String, CodingKey {
        case title, question, population, language, definitions, privacy, comparisons, school, table
        case outcomePhrase = "outcome_phrase", termLabels = "term_labels", forestTerms = "forest_terms"
    }
}

/// A written brief.
struct BriefObject: ScriptObject {
    var title: String
    var html: String
    var file: String?
    var className: String { "brief" }
    func printed(width: Int) -> String { "<brief: \(title)>" + (file.map { " written to \($0)" } ?? "") + "\n" }
    func field(_ name: String) -> Value? {
        switch name {
        case "html": return .vector(.string(html))
        case "title": return .vector(.string(title))
        case "file": return file.map { .vector(.string($0)) } ?? .null
        default: return nil
        }
    }
    var fieldNames: [String] { ["html", "title", "file"] }
}

/// A script value as JSON for a spec given as `list(...)`: lists with names are objects, lists without
/// names arrays, named vectors objects, length-one vectors scalars, longer vectors arrays.
func jsonObject(_ v: Value) -> Any {
    switch v {
    case .null: return NSNull()
    case .list(let l):
        if l.values.isEmpty { return [String: Any]() }   // list() is an empty object: values = list()
        if let names = l.names, !names.allSatisfy(\.isEmpty) {
            var d: [String: Any] = [:]
            for (k, n) in names.enumerated() { d[n] = jsonObject(l.values[k]) }
            return d
        }
        return l.values.map(jsonObject)
    case .vector(let x):
        let items: [Any] = (0..<x.count).map { i -> Any in
            switch x.storage {
            case .logical(let b): return b[i].map { $0 as Any } ?? NSNull()
            case .integer(let n): return n[i].map { $0 as Any } ?? NSNull()
            case .double(let d): return d[i].map { $0 as Any } ?? NSNull()
            default: return x.strings[i].map { $0 as Any } ?? NSNull()
            }
        }
        if let names = x.names {
            var d: [String: Any] = [:]
            for (k, n) in names.enumerated() { d[n] = items[k] }
            return d
        }
        return items.count == 1 ? items[0] : items
    default: return NSNull()
    }
}

extension Interpreter {
    func registerBriefBuiltins() {
        define("brief", ["...", "spec", "language", "file", "data", "date"], topic: "charts",
               usage: "brief(model, spec, language = spec's, file = NULL, data = last file read, date = today)",
               "Writes a two-page policy brief (self-contained HTML) from a fitted model, as truant brief does from a spec: sentences comparing the spec's profiles in absolute numbers, school variation for a multilevel model, a profile chart, a forest plot of odds ratios, a caterpillar plot of school effects, a privacy-guarded count table, the methods box and the provenance (data file SHA-256, date, Truant version). model is a glm() or glmer() fit of a 0/1 outcome; spec is a JSON file with truant brief's keys (title, question, population, outcome_phrase, language, definitions, comparisons, term_labels, school, table, privacy; a model key is ignored) or the same as list(...). language = \"nl\" or \"en\" overrides the spec's. data names the data file for the provenance (default: the last file the script read). With the same model, data and date the page is the same as truant brief's.") { ctx in
            try ctx.interpreter.brief(ctx)
        }
    }

    func brief(_ ctx: CallContext) throws -> Value {
        guard let first = ctx.dots.first, let model = first.value else {
            throw ctx.fail("brief() needs a fitted model, e.g. brief(fit, spec = \"brief.json\", file = \"brief.html\")", kind: .arguments)
        }
        if ctx.dots.count > 1 {
            throw fail(.arguments, "brief() writes about one model; give one fitted model", offset: ctx.dots[1].at)
        }
        switch model {
        case .object(is GLMObject), .object(is MixedObject): break
        default: throw fail(.type, "brief() needs a model fitted by glm() or glmer(), not \(describe(model))", offset: first.at)
        }
        // The spec.
        let specData: Data
        switch try ctx.value("spec") {
        case .vector(let x) where x.count == 1 && x.strings[0] != nil:
            let path = resolve(x.strings[0] ?? "")
            guard let d = FileManager.default.contents(atPath: path) else {
                throw ctx.fail("cannot read the spec file '\(x.strings[0] ?? "")'", argument: "spec", hint: "check the path (relative to the script's folder)")
            }
            recordInput(path, as: x.strings[0] ?? "")
            specData = d
        case .list(let l):
            specData = try JSONSerialization.data(withJSONObject: jsonObject(.list(l)), options: [.sortedKeys])
        case let v:
            throw ctx.fail("'spec' must be a JSON file name or list(title = ..., ...), not \(describe(v))", argument: "spec")
        }
        var request: ScriptBriefRequest
        do {
            request = try JSONDecoder().decode(ScriptBriefRequest.self, from: specData)
        } catch let e as DecodingError {
            throw ctx.fail("the brief spec is not valid: \(BriefCounts.describe(e))", argument: "spec",
                           hint: "it needs title, question, population and outcome_phrase; see help(brief)")
        }
        if ctx.has("language") {
            let l = try ctx.string("language")
            guard let lang = BriefLanguage(rawValue: l) else {
                throw ctx.fail("language must be \"en\" or \"nl\", not \"\(l)\"", argument: "language")
            }
            request.language = lang
        }
        let language = request.language ?? .english
        let spec = BriefSpec(title: request.title, question: request.question, population: request.population,
                             outcomePhrase: request.outcomePhrase, definitions: request.definitions ?? [], language: language,
                             privacy: request.privacy ?? PrivacyPolicy())

        // The model and its data.
        let briefModel: BriefModel
        var schoolEffects: [SchoolEffect] = []
        let data: Table
        let formula: String
        switch model {
        case .object(let g as GLMObject):
            guard let d = g.data, let f = g.fit.formula else { throw fail(.type, "this model does not keep its data", offset: first.at) }
            briefModel = BriefModel(g.fit)
            data = d
            formula = f
        case .object(let m as MixedObject):
            briefModel = BriefModel(m.fit, formula: m.formula, nDropped: m.frame.nDropped, school: request.school,
                                    schoolsLabel: language == .english ? "schools" : "scholen")
            schoolEffects = SchoolEffect.effects(m.fit, school: request.school)
            data = m.data
            formula = m.formula
        default:
            throw fail(.type, "brief() needs a model fitted by glm() or glmer(), not \(describe(model))", offset: first.at)
        }

        // Privacy counts over the 0/1 outcome, by school and by the table's two columns.
        let outcome: [Double?]
        do {
            outcome = try BriefCounts.outcome(formula: formula, table: data)
        } catch is BriefError {
            let lhs = formula.split(separator: "~", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            throw fail(.type, "the privacy counts need the outcome '\(lhs)' as a 0/1 column of the model's data", offset: first.at)
        }
        let schools: [SchoolCount]?
        let counts: (caption: String, rowHeading: String, table: CountTable)?
        do {
            schools = try request.school.map { try BriefCounts.schools(data, school: $0, outcome: outcome) }
            counts = try request.table.map {
                try BriefCounts.table(data, request: $0, outcome: outcome, outcomePhrase: request.outcomePhrase, language: language)
            }
        } catch let e as BriefError {
            throw ctx.fail(e.description.replacingOccurrences(of: "brief: the data", with: "the model's data"), argument: "spec")
        }

        // Provenance: the data file, the date, the version.
        let dataFile: (path: String, sha256: String)
        if ctx.has("data") {
            let written = try ctx.string("data")
            let path = resolve(written)
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw ctx.fail("cannot read the data file '\(written)' to fingerprint it", argument: "data", hint: "check the path")
            }
            dataFile = (written, SHA256.hex(bytes))
        } else if let last = inputFiles.last(where: { !$0.path.lowercased().hasSuffix(".json") }) {
            dataFile = last
        } else {
            throw ctx.fail("brief() records the data file's SHA-256; name it with data = \"pupils.csv\" (no data file was read)", argument: "data")
        }
        let date = try ctx.string("date", default: ISO8601DateFormatter().string(from: Date()).prefix(10).description)
        let provenance = Provenance(dataFile: (dataFile.path as NSString).lastPathComponent, sha256: dataFile.sha256, date: date,
                                    truantVersion: version)
        let doc = try BriefComposer.compose(spec: spec, model: briefModel, comparisons: request.comparisons ?? [],
                                            termLabels: request.termLabels ?? [:], schools: schools, table: counts,
                                            schoolEffects: schoolEffects, forestTerms: request.forestTerms,
                                            provenance: provenance)
        var written: String? = nil
        if ctx.has("file") {
            let file = try ctx.string("file")
            do {
                try Data(doc.html.utf8).write(to: URL(fileURLWithPath: resolve(file)), options: .atomic)
            } catch {
                throw ctx.fail("cannot write '\(file)': \(error.localizedDescription)", argument: "file", hint: "check that the folder exists and is writable")
            }
            outputFiles.append(file)
            written = file
        }
        return .object(BriefObject(title: request.title, html: doc.html, file: written))
    }
}
