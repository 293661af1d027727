import Foundation

/// A chart placed in a brief.
public struct BriefChart: Sendable, Equatable {
    /// The SVG document (from any chart in Reports/Charts).
    public var svg: String
    /// The caption under it (plain text).
    public var caption: String
    /// Half-width charts sit side by side, two to a row; full-width charts take a row of their own.
    public var halfWidth: Bool

    /// Creates a chart entry.
    public init(svg: String, caption: String = "", halfWidth: Bool = false) {
        self.svg = svg
        self.caption = caption
        self.halfWidth = halfWidth
    }

    /// Width of a half-width chart (pt): two fit side by side between the brief's A4 margins.
    public static let halfWidth = 250.0
}

/// A suppressed count table to print in the brief (hidden cells as "x").
public struct BriefTable: Sendable, Equatable {
    /// Caption.
    public var caption: String
    /// The table after suppression.
    public var table: SuppressedTable
    /// Heading of the row-label column.
    public var rowHeading: String

    /// Creates a table entry.
    public init(caption: String, table: SuppressedTable, rowHeading: String) {
        self.caption = caption
        self.table = table
        self.rowHeading = rowHeading
    }
}

/// A complete brief: everything on the page, in order. `html` renders a self-contained page (inline CSS
/// and SVG, no scripts, no external resources) laid out for at most two A4 pages in print.
public struct BriefDocument: Sendable {
    /// The spec (title, question, population, definitions, language).
    public var spec: BriefSpec
    /// Key findings, in order.
    public var findings: [BriefSentence]
    /// Charts.
    public var charts: [BriefChart]
    /// Count tables (already suppressed).
    public var tables: [BriefTable]
    /// The privacy sentence (what was hidden), if anything was.
    public var privacyNote: BriefSentence?
    /// Methods box lines.
    public var methods: [String]
    /// Provenance of the data.
    public var provenance: Provenance
    /// Provenance of further data files (e.g. the careers file the survival curves come from).
    public var moreProvenance: [Provenance]

    /// Creates a document.
    public init(spec: BriefSpec, findings: [BriefSentence], charts: [BriefChart], tables: [BriefTable] = [],
                privacyNote: BriefSentence?, methods: [String], provenance: Provenance, moreProvenance: [Provenance] = []) {
        self.moreProvenance = moreProvenance
        self.spec = spec
        self.findings = findings
        self.charts = charts
        self.tables = tables
        self.privacyNote = privacyNote
        self.methods = methods
        self.provenance = provenance
    }

    /// Fixed headings in the brief's language.
    struct Headings {
        let question, population, findings, definitions, methods, privacy, provenance, caveat: String
        let dataFile, fingerprint, date, software, total, hiddenNote: String

        init(_ lang: BriefLanguage) {
            switch lang {
            case .english:
                (question, population, findings, definitions, methods, privacy, provenance, caveat) =
                    ("Question", "Population", "What we found", "Definitions", "Methods", "Privacy", "Data and software", "Read with care")
                (dataFile, fingerprint, date, software, total, hiddenNote) =
                    ("Data file", "SHA-256", "Date", "Software", "Total", "x = hidden to protect privacy")
            case .dutch:
                (question, population, findings, definitions, methods, privacy, provenance, caveat) =
                    ("Vraag", "Populatie", "Wat we vonden", "Definities", "Methode", "Privacy", "Gegevens en software", "Lees met zorg")
                (dataFile, fingerprint, date, software, total, hiddenNote) =
                    ("Gegevensbestand", "SHA-256", "Datum", "Software", "Totaal", "x = verborgen ter bescherming van de privacy")
            }
        }
    }

    static let css = """
    @page { size: A4; margin: 13mm 14mm; }
    * { box-sizing: border-box; }
    html { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 9.5pt; line-height: 1.35; color: #111; }
    body { margin: 0 auto; max-width: 182mm; padding: 0; }
    h1 { font-size: 15pt; margin: 0 0 4pt 0; }
    h2 { font-size: 10.5pt; margin: 8pt 0 3pt 0; }
    p { margin: 2pt 0 4pt 0; }
    .lede { display: grid; grid-template-columns: 1fr 1fr; gap: 8pt; margin-bottom: 4pt; }
    .lede p { margin: 0; }
    ul.findings { margin: 2pt 0 4pt 14pt; padding: 0; }
    ul.findings li { margin-bottom: 3pt; }
    figure { margin: 4pt 0 6pt 0; break-inside: avoid; page-break-inside: avoid; }
    figure svg { width: 100%; max-width: 500pt; height: auto; display: block; }
    figure.half svg { width: 100%; max-width: 260pt; }
    .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 6pt; break-inside: avoid; page-break-inside: avoid; }
    .charts figure { margin: 2pt 0 4pt 0; }
    figcaption { font-size: 8.5pt; color: #333; }
    .box { border: 0.75pt solid #777; padding: 4pt 6pt; margin: 6pt 0; break-inside: avoid; page-break-inside: avoid; }
    .box h2 { margin-top: 0; }
    .box p, .box li { font-size: 8.5pt; margin: 1pt 0; }
    dl { margin: 0; font-size: 8.5pt; }
    dt { font-weight: bold; display: inline; }
    dd { display: inline; margin: 0; }
    dd::after { content: ""; display: block; margin-bottom: 2pt; }
    table.counts { border-collapse: collapse; font-size: 8.5pt; margin: 2pt 0; }
    table.counts caption { caption-side: top; text-align: left; font-weight: bold; white-space: nowrap; padding-bottom: 2pt; }
    table.counts th, table.counts td { border-bottom: 0.5pt solid #bbb; padding: 1pt 6pt; text-align: right; }
    table.counts th:first-child, table.counts td:first-child { text-align: left; }
    .caveat { font-style: italic; }
    code { font-size: 8pt; word-break: break-all; }
    """

    /// The self-contained HTML page.
    public var html: String {
        let lang = spec.language
        let h = Headings(lang)
        let e = htmlEscape
        var out = "<!DOCTYPE html>\n<html lang=\"\(lang.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"Truant \(e(provenance.truantVersion))\">\n"
        out += "<title>\(e(spec.title))</title>\n<style>\n\(Self.css)\n</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(e(spec.title))</h1>\n<div class=\"lede\">\n"
        out += "<p><strong>\(e(h.question)):</strong> \(e(spec.question))</p>\n"
        out += "<p><strong>\(e(h.population)):</strong> \(e(spec.population))</p>\n</div>\n</header>\n"
        out += "<main>\n<section class=\"findings\">\n<h2>\(e(h.findings))</h2>\n<ul class=\"findings\">\n"
        for f in findings { out += "<li>\(e(f.text))</li>\n" }
        out += "</ul>\n<p class=\"caveat\"><strong>\(e(h.caveat)):</strong> \(e(BriefSentences(language: lang).associationCaveat))</p>\n</section>\n"
        var k = 0
        while k < charts.count {
            // Consecutive half-width charts go side by side, two to a row.
            if charts[k].halfWidth, k + 1 < charts.count, charts[k + 1].halfWidth {
                out += "<div class=\"charts\">\n" + figureHTML(charts[k]) + figureHTML(charts[k + 1]) + "</div>\n"
                k += 2
            } else {
                out += figureHTML(charts[k])
                k += 1
            }
        }
        for t in tables { out += tableHTML(t, headings: h) }
        if !spec.definitions.isEmpty {
            out += "<section class=\"box definitions\">\n<h2>\(e(h.definitions))</h2>\n<dl>\n"
            for d in spec.definitions { out += "<dt>\(e(d.term)):</dt> <dd>\(e(d.text))</dd>\n" }
            out += "</dl>\n</section>\n"
        }
        out += "<section class=\"box methods\">\n<h2>\(e(h.methods))</h2>\n"
        for m in methods { out += "<p>\(e(m))</p>\n" }
        if let p = privacyNote { out += "<p><strong>\(e(h.privacy)):</strong> \(e(p.text))</p>\n" }
        out += "</section>\n"
        out += "<section class=\"box provenance\">\n<h2>\(e(h.provenance))</h2>\n"
        for p in [provenance] + moreProvenance {
            out += "<p>\(e(h.dataFile)): \(e(p.dataFile)); \(e(h.fingerprint)): <code>\(e(p.sha256))</code></p>\n"
        }
        out += "<p>\(e(h.date)): \(e(provenance.date)); \(e(h.software)): Truant \(e(provenance.truantVersion))</p>\n"
        out += "</section>\n</main>\n</body>\n</html>\n"
        return out
    }


    func figureHTML(_ c: BriefChart) -> String {
        var out = "<figure\(c.halfWidth ? " class=\"half\"" : "")>\n\(c.svg)"
        if !c.caption.isEmpty { out += "<figcaption>\(htmlEscape(c.caption))</figcaption>\n" }
        return out + "</figure>\n"
    }

    func tableHTML(_ t: BriefTable, headings h: Headings) -> String {
        let e = htmlEscape
        let lang = spec.language
        let tab = t.table
        var out = "<figure class=\"table\">\n<table class=\"counts\">\n<caption>\(e(t.caption))</caption>\n<thead><tr><th>\(e(t.rowHeading))</th>"
        for c in tab.table.columns { out += "<th>\(e(c))</th>" }
        out += "<th>\(e(h.total))</th></tr></thead>\n<tbody>\n"
        func cellText(_ c: CountCell?) -> String {
            guard let c else { return "x" }
            return "\(lang.count(c.events))/\(lang.count(c.pupils))"
        }
        for (r, label) in tab.table.rows.enumerated() {
            out += "<tr><td>\(e(label))</td>"
            for c in tab.table.columns.indices { out += "<td>\(cellText(tab.shown(r, c)))</td>" }
            let total = CountCell(pupils: tab.table.cells[r].reduce(0) { $0 + $1.pupils }, events: tab.table.cells[r].reduce(0) { $0 + $1.events })
            out += "<td>\(tab.hiddenRowTotals.contains(r) ? "x" : cellText(total))</td></tr>\n"
        }
        out += "<tr><td>\(e(h.total))</td>"
        for c in tab.table.columns.indices {
            let total = CountCell(pupils: tab.table.cells.reduce(0) { $0 + $1[c].pupils }, events: tab.table.cells.reduce(0) { $0 + $1[c].events })
            out += "<td>\(tab.hiddenColumnTotals.contains(c) ? "x" : cellText(total))</td>"
        }
        out += "<td></td></tr>\n</tbody>\n</table>\n"
        if tab.hiddenCount > 0 || !tab.hiddenRowTotals.isEmpty || !tab.hiddenColumnTotals.isEmpty {
            out += "<figcaption>\(e(h.hiddenNote))</figcaption>\n"
        }
        out += "</figure>\n"
        return out
    }
}
