import Foundation
import Testing
import TestSupport
@testable import Script

@Suite("brief(): a policy brief from a fitted model")
struct BriefBuiltinTests {
    /// The contraception data with a 0/1 outcome, a multilevel logistic model and a spec as list(...).
    let setup = """
    d <- read_csv("\(contraceptionMixedCSV)")
    d$y <- as.integer(d$use == "Y")
    fit <- glmer(y ~ urban + (1 | district), data = d, family = binomial)
    spec <- list(title = "Contraception by residence", question = "Do urban women use contraception more often?",
                 population = "Bangladesh Fertility Survey 1989 (mlmRev::Contraception).", outcome_phrase = "used contraception",
                 definitions = list(list(term = "Use", text = "Current use of contraception.")),
                 comparisons = list(list(a = list(label = "urban women", values = list(urbanY = 1)), b = list(label = "rural women", values = list()))),
                 term_labels = c(urbanY = "Urban (vs rural)"), school = "district")

    """

    @Test("English and Dutch pages with the comparison, the district variation, the charts and the provenance")
    func pages() throws {
        let session = Interpreter(output: { _ in }, messages: { _ in })
        session.version = "9.9.9"
        let en = try #require(try session.evaluate(setup + "brief(fit, spec = spec, date = \"2026-01-01\")$html").vector?.strings.first ?? nil)
        #expect(en.contains("<title>Contraception by residence</title>") || en.contains("Contraception by residence"))
        #expect(en.contains("urban women") && en.contains("rural women"))
        #expect(en.contains("Urban (vs rural)"))                      // the forest plot's label
        #expect(en.contains("Differences between schools"))           // the caterpillar plot of the district effects
        #expect(en.contains("2026-01-01") && en.contains("9.9.9"))
        // The provenance fingerprints the file the script read.
        let sha = SHA256Text(contraceptionMixedCSV)
        #expect(en.contains(sha))
        let nl = try #require(try session.evaluate("brief(fit, spec = spec, language = \"nl\", date = \"2026-01-01\")$html").vector?.strings.first ?? nil)
        #expect(nl.contains("lang=\"nl\""))
        #expect(nl != en)
        // Deterministic: the same call gives the same bytes.
        #expect(try session.evaluate("brief(fit, spec = spec, date = \"2026-01-01\")$html").vector?.strings.first ?? nil == en)
    }

    @Test("brief mistakes are errors")
    func errors() {
        expectRunError("brief(1, spec = list())", "brief() needs a model fitted by glm() or glmer(), not numeric 1", line: 1, column: 7)
        expectRunError(setup + "brief(fit, spec = list(title = \"x\"))", "the brief spec is not valid: missing key 'question' at the top level", line: 9, column: 12)
        expectRunError(setup + "brief(fit, spec = spec, language = \"fr\")", "language must be \"en\" or \"nl\", not \"fr\"", line: 9, column: 25)
        expectRunError(setup + "brief(fit, spec = \"nope.json\")", "cannot read the spec file 'nope.json'", line: 9, column: 12)
        expectRunError(setup + "fit2 <- glmer(use ~ urban + (1 | district), data = d, family = binomial)\nbrief(fit2, spec = spec)",
                       "the privacy counts need the outcome 'use' as a 0/1 column of the model's data", line: 10, column: 7)
    }
}

/// The SHA-256 of a file as lowercase hex.
func SHA256Text(_ path: String) -> String {
    let session = Interpreter(output: { _ in }, messages: { _ in })
    _ = try? session.evaluate("invisible(read_csv(\"\(path)\"))")
    return session.inputFiles.first?.sha256 ?? "?"
}
