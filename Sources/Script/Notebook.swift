import Frames
import Reports

/// A Markdown notebook: prose, and fenced ```truant code cells that run in one session.
///
/// `render()` executes the cells in order and returns a self-contained HTML page (inline CSS, no
/// scripts, no timestamps: the same notebook and inputs give the same bytes) with the prose, each
/// cell's code, its printed output (tables as HTML tables), and a provenance footer.
public struct Notebook {
    /// One part of the notebook.
    public enum Block: Equatable {
        /// Markdown prose.
        case prose(String)
        /// A code cell: its code and the 1-based line of the code's first line in the file.
        case cell(code: String, line: Int)
        /// A fenced block in another language, shown but not run.
        case listing(code: String, language: String)
    }

    /// The notebook's path (for messages and provenance).
    public let path: String
    /// The notebook text.
    public let text: String
    /// The blocks in order.
    public let blocks: [Block]

    /// Splits `text` into prose, code cells (```truant or ```{truant}) and other fenced blocks.
    public init(path: String, text: String) throws {
        self.path = path
        self.text = text
        var blocks: [Block] = []
        var prose: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        var i = 0
        func flushProse() {
            if !prose.isEmpty { blocks.append(.prose(prose.joined(separator: "\n"))); prose = [] }
        }
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters()
            if trimmed.hasPrefix("```") {
                let info = String(trimmed.dropFirst(3)).trimmingCharacters()
                let language = info.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
                    .split(separator: " ").first.map(String.init) ?? ""
                let start = i + 1
                var j = start
                while j < lines.count && !lines[j].trimmingCharacters().hasPrefix("```") { j += 1 }
                guard j < lines.count else {
                    throw ScriptError(.syntax, "the code block that starts here is not closed", hint: "end it with a line of ```",
                                      source: Source(name: path, text: text), offset: Source(name: path, text: text).lineStarts[i])
                }
                flushProse()
                let code = lines[start..<j].joined(separator: "\n")
                if language == "truant" {
                    blocks.append(.cell(code: code, line: start + 1))
                } else {
                    blocks.append(.listing(code: code, language: language))
                }
                i = j + 1
                continue
            }
            prose.append(line)
            i += 1
        }
        flushProse()
        self.blocks = blocks
    }

    /// Runs every cell in one session and returns the HTML page. Throws the first cell's error
    /// (with the notebook's line numbers).
    public func render(version: String, directory: String? = nil, width: Int = 80) throws -> String {
        var html = ""
        var captured = ""
        var tables: [(Int, Table)] = []
        let session = Interpreter(output: { captured += $0 }, messages: { captured += $0 })
        session.width = width
        session.directory = directory
        session.version = version
        var body = ""
        for block in blocks {
            switch block {
            case .prose(let md):
                body += MarkdownHTML.render(md)
            case .listing(let code, let language):
                body += "<pre class=\"listing\"><code\(language.isEmpty ? "" : " class=\"language-\(htmlEscape(language))\"")>\(htmlEscape(code))</code></pre>\n"
            case .cell(let code, let line):
                captured = ""
                tables = []
                var charts: [String] = []
                session.tableDisplay = { t in
                    tables.append((captured.count, t))
                    captured += "\u{1}"
                }
                session.chartDisplay = { svg in
                    charts.append(svg)
                    captured += "\u{2}"
                }
                defer { session.tableDisplay = nil; session.chartDisplay = nil }
                try session.run(Source(name: path, text: code, firstLine: line))
                body += "<pre class=\"code\"><code>\(htmlEscape(code))</code></pre>\n"
                if !captured.isEmpty {
                    // Text runs and tables in the order they were printed.
                    var text = ""
                    var k = 0, c = 0
                    for ch in captured {
                        if ch == "\u{2}" {
                            if !text.isEmpty { body += "<pre class=\"output\">\(htmlEscape(text))</pre>\n"; text = "" }
                            body += "<figure class=\"chart\">\n" + charts[c] + "</figure>\n"
                            c += 1
                        } else if ch == "\u{1}" {
                            if !text.isEmpty { body += "<pre class=\"output\">\(htmlEscape(text))</pre>\n"; text = "" }
                            body += HTML.table(tables[k].1)
                            k += 1
                        } else {
                            text.append(ch)
                        }
                    }
                    if !text.isEmpty { body += "<pre class=\"output\">\(htmlEscape(text))</pre>\n" }
                }
            }
        }
        let provenance = RunProvenance(version: version, script: path, text: text, session: session)
        let title = blocks.lazy.compactMap { b -> String? in
            if case .prose(let md) = b { return md.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } }
            return nil
        }.first ?? (path.split(separator: "/").last.map(String.init) ?? path)
        html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(htmlEscape(title))</title>\n<style>\n\(HTML.style)</style>\n</head>\n<body>\n<main>\n"
        html += body
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        html += "</main>\n<footer>\n<p>Rendered by Truant \(htmlEscape(version)) from <code>\(htmlEscape(fileName))</code> (SHA-256 <code>\(provenance.scriptSHA256)</code>).</p>\n"
        if !provenance.inputs.isEmpty {
            html += "<p>Inputs:</p>\n<ul>\n" + provenance.inputs.map { "<li><code>\(htmlEscape($0.path))</code> SHA-256 <code>\($0.sha256)</code></li>\n" }.joined() + "</ul>\n"
        }
        html += "<p>Seed: \(provenance.seed.map { String($0) } ?? "none (no set_seed call)").</p>\n</footer>\n</body>\n</html>\n"
        return html
    }
}

/// HTML helpers for notebooks.
enum HTML {
    /// A table as HTML: at most 20 rows (the first 10 and a note when there are more), numbers right-aligned.
    static func table(_ t: Table) -> String {
        let shown = t.rowCount > 20 ? 10 : t.rowCount
        let p = Printer(width: 1000)
        let sub = (try? t.rows(Array(0..<shown))) ?? t
        var out = "<table>\n<thead><tr><th></th>" + t.columnNames.map { "<th>\(htmlEscape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        let cells = sub.columns.map { p.cells($0) }
        for i in 0..<shown {
            out += "<tr><th>\(i + 1)</th>" + sub.columns.indices.map { j in
                let numeric = sub.columns[j].isNumeric
                return "<td\(numeric ? " class=\"num\"" : "")>\(htmlEscape(cells[j][i]))</td>"
            }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if shown < t.rowCount { out += "<p class=\"note\">Showing \(shown) of \(t.rowCount) rows.</p>\n" }
        return out
    }

    static let style = """
    body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; line-height: 1.5; color: #1d1d1f; margin: 0; }
    main, footer { max-width: 52rem; margin: 0 auto; padding: 0 1.5rem; }
    footer { color: #555; font-size: 0.85rem; border-top: 1px solid #ddd; margin-top: 3rem; padding-top: 1rem; }
    pre { padding: 0.6rem 0.8rem; overflow-x: auto; font-size: 0.85rem; line-height: 1.35; }
    pre.code { background: #f4f5f7; border-left: 3px solid #4a6fa5; }
    pre.output { background: #fff; border-left: 3px solid #bbb; margin-top: -0.5rem; }
    pre.listing { background: #f8f8f8; }
    code { font-family: "SF Mono", Menlo, Consolas, monospace; }
    table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1rem; }
    th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #e3e3e3; text-align: left; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    p.note { font-size: 0.8rem; color: #666; }

    """
}

/// A small Markdown-to-HTML converter for notebook prose: headings, paragraphs, bullet and numbered
/// lists, block quotes, emphasis, strong, inline code and links. Everything else is escaped text.
enum MarkdownHTML {
    static func render(_ text: String) -> String {
        var out = ""
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])? = nil
        func flushParagraph() {
            if !paragraph.isEmpty { out += "<p>" + inline(paragraph.joined(separator: " ")) + "</p>\n"; paragraph = [] }
        }
        func flushList() {
            if let l = list {
                let tag = l.ordered ? "ol" : "ul"
                out += "<\(tag)>\n" + l.items.map { "<li>\(inline($0))</li>\n" }.joined() + "</\(tag)>\n"
                list = nil
            }
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let t = line.trimmingCharacters()
            if t.isEmpty { flushParagraph(); flushList(); continue }
            if t.hasPrefix("#") {
                let level = t.prefix(while: { $0 == "#" }).count
                if level <= 6, t.dropFirst(level).first == " " {
                    flushParagraph(); flushList()
                    out += "<h\(level)>" + inline(String(t.dropFirst(level + 1))) + "</h\(level)>\n"
                    continue
                }
            }
            if t.hasPrefix("- ") || t.hasPrefix("* ") {
                flushParagraph()
                if list?.ordered == true { flushList() }
                if list == nil { list = (false, []) }
                list?.items.append(String(t.dropFirst(2)))
                continue
            }
            if let dot = t.firstIndex(of: "."), t[..<dot].allSatisfy(\.isNumber), !t[..<dot].isEmpty, t[t.index(after: dot)...].hasPrefix(" ") {
                flushParagraph()
                if list?.ordered == false { flushList() }
                if list == nil { list = (true, []) }
                list?.items.append(String(t[t.index(dot, offsetBy: 2)...]))
                continue
            }
            if t.hasPrefix("> ") {
                flushParagraph(); flushList()
                out += "<blockquote><p>" + inline(String(t.dropFirst(2))) + "</p></blockquote>\n"
                continue
            }
            flushList()
            paragraph.append(t)
        }
        flushParagraph(); flushList()
        return out
    }

    /// Inline markup: `code`, **strong**, *emphasis*, [text](url).
    static func inline(_ s: String) -> String {
        var out = ""
        let chars = Array(s)
        var i = 0
        func find(_ marker: String, from: Int) -> Int? {
            let m = Array(marker)
            var j = from
            while j + m.count <= chars.count {
                if Array(chars[j..<(j + m.count)]) == m { return j }
                j += 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "`", let end = find("`", from: i + 1) {
                out += "<code>" + htmlEscape(String(chars[(i + 1)..<end])) + "</code>"
                i = end + 1
            } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*", let end = find("**", from: i + 2), end > i + 2 {
                out += "<strong>" + inline(String(chars[(i + 2)..<end])) + "</strong>"
                i = end + 2
            } else if (c == "*" || c == "_"), let end = find(String(c), from: i + 1), end > i + 1, chars[i + 1] != " " {
                out += "<em>" + inline(String(chars[(i + 1)..<end])) + "</em>"
                i = end + 1
            } else if c == "[", let close = find("](", from: i + 1), let end = find(")", from: close + 2) {
                let label = String(chars[(i + 1)..<close]), url = String(chars[(close + 2)..<end])
                out += "<a href=\"\(htmlEscape(url))\">" + inline(label) + "</a>"
                i = end + 1
            } else {
                out += htmlEscape(String(c))
                i += 1
            }
        }
        return out
    }
}
