import Foundation

/// Text every chart carries for readers and screen readers.
public struct ChartText: Sendable, Equatable {
    /// Short title, shown above the chart and written as the SVG `<title>`.
    public var title: String
    /// What the chart shows, in a sentence or two, written as the SVG `<desc>` (read by screen readers).
    public var description: String
    /// A note printed under the chart (e.g. "Lines are 95% intervals; log scale."); empty for none.
    public var note: String
    /// A stable identifier used for the `id`s of `<title>` and `<desc>` (letters, digits and `-`);
    /// derived from the title when empty. Keep it unique within a page.
    public var id: String

    /// Creates the chart text.
    public init(title: String, description: String, note: String = "", id: String = "") {
        self.title = title
        self.description = description
        self.note = note
        self.id = id
    }

    /// `id` or a slug of the title.
    var slug: String {
        let source = id.isEmpty ? title : id
        var out = ""
        for ch in source.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) } else if !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return "chart-" + (out.isEmpty ? "untitled" : out)
    }
}

/// Builds one SVG document: root element with `role="img"`, `<title>`, `<desc>`, the visible title,
/// the chart body and the note, sized in points.
struct ChartCanvas {
    var style: ChartStyle
    var text: ChartText
    var w = SVGWriter()
    /// The title wrapped to the chart width (bold glyphs are wider: 1.08 em factor).
    var titleLines: [String] { wrap(text.title, width: (style.width - 16) / 1.08, size: style.titleSize) }

    /// Height of the title block (pt): one line as before, more when a long title wraps.
    var top: Double { style.titleSize + 14 + Double(Swift.max(titleLines.count - 1, 0)) * (style.titleSize + 3) }

    init(style: ChartStyle, text: ChartText) {
        self.style = style
        self.text = text
    }

    /// Lines of the note wrapped to the chart width.
    var noteLines: [String] { wrap(text.note, width: style.width - 16, size: style.textSize - 0.5) }

    /// Height the note needs (pt).
    var noteHeight: Double { noteLines.isEmpty ? 0 : Double(noteLines.count) * (style.textSize + 2) + 6 }

    /// Greedy word wrap at an estimated text width.
    func wrap(_ s: String, width: Double, size: Double) -> [String] {
        guard !s.isEmpty else { return [] }
        var lines: [String] = []
        var current = ""
        for word in s.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if style.textWidth(candidate, size: size) > width && !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Writes the visible title.
    mutating func drawTitle() {
        let lines = titleLines.isEmpty ? [text.title] : titleLines
        for (i, line) in lines.enumerated() {
            w.text(line, x: 8, y: style.titleSize + 4 + Double(i) * (style.titleSize + 3), size: style.titleSize, weight: "bold",
                   [("class", "chart-title")])
        }
    }

    /// Writes the note at `y` (top of the note block).
    mutating func drawNote(at y: Double) {
        for (i, line) in noteLines.enumerated() {
            w.text(line, x: 8, y: y + 4 + Double(i + 1) * (style.textSize + 2) - 2, size: style.textSize - 0.5,
                   [("class", "chart-note"), ("fill", OkabeIto.grey)])
        }
    }

    /// The finished document of total `height`.
    func document(height: Double) -> String {
        let n = SVGNumber.format
        let id = text.slug
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" role=\"img\""
        s += " width=\"\(n(style.width))pt\" height=\"\(n(height))pt\" viewBox=\"0 0 \(n(style.width)) \(n(height))\""
        s += " aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"\(xmlEscape(style.fontFamily))\" id=\"\(id)\">\n"
        s += "  <title id=\"\(id)-title\">\(xmlEscape(text.title))</title>\n"
        s += "  <desc id=\"\(id)-desc\">\(xmlEscape(text.description))</desc>\n"
        s += "  <rect x=\"0\" y=\"0\" width=\"\(n(style.width))\" height=\"\(n(height))\" fill=\"#FFFFFF\"/>\n"
        s += w.body
        s += "</svg>\n"
        return s
    }

    /// A horizontal value axis at `y` spanning the scale, with ticks, labels, vertical grid lines
    /// from `gridTop` and an axis label.
    mutating func horizontalAxis(_ scale: ChartScale, ticks: [Double], y: Double, gridTop: Double, label: String) {
        w.openGroup([("class", "axis x-axis")])
        w.lineSegment(x1: scale.start, y1: y, x2: scale.end, y2: y, [("stroke", OkabeIto.grey), ("stroke-width", "0.75")])
        for t in ticks {
            let x = scale.map(t)
            w.lineSegment(x1: x, y1: gridTop, x2: x, y2: y, [("stroke", OkabeIto.lightGrey), ("stroke-width", "0.5")])
            w.lineSegment(x1: x, y1: y, x2: x, y2: y + 3, [("stroke", OkabeIto.grey), ("stroke-width", "0.75")])
            w.text(style.decimalMark.tick(t), x: x, y: y + 4 + style.tickSize, anchor: "middle", size: style.tickSize, [("class", "tick")])
        }
        if !label.isEmpty {
            w.text(label, x: (scale.start + scale.end) / 2, y: y + 8 + 2 * style.tickSize + 2, anchor: "middle",
                   size: style.textSize, [("class", "axis-label")])
        }
        w.closeGroup()
    }

    /// A vertical value axis at `x` with ticks, labels, horizontal grid lines to `gridRight` and a rotated label.
    mutating func verticalAxis(_ scale: ChartScale, ticks: [Double], x: Double, gridRight: Double, label: String,
                               format: (Double) -> String) {
        w.openGroup([("class", "axis y-axis")])
        w.lineSegment(x1: x, y1: scale.start, x2: x, y2: scale.end, [("stroke", OkabeIto.grey), ("stroke-width", "0.75")])
        for t in ticks {
            let y = scale.map(t)
            w.lineSegment(x1: x, y1: y, x2: gridRight, y2: y, [("stroke", OkabeIto.lightGrey), ("stroke-width", "0.5")])
            w.lineSegment(x1: x - 3, y1: y, x2: x, y2: y, [("stroke", OkabeIto.grey), ("stroke-width", "0.75")])
            w.text(format(t), x: x - 5, y: y + style.tickSize * 0.35, anchor: "end", size: style.tickSize, [("class", "tick")])
        }
        if !label.isEmpty {
            let cy = (scale.start + scale.end) / 2
            let n = SVGNumber.format
            w.text(label, x: 0, y: 0, anchor: "middle", size: style.textSize,
                   [("class", "axis-label"), ("transform", "translate(\(n(12)),\(n(cy))) rotate(-90)")])
        }
        w.closeGroup()
    }

    /// A legend row of (label, series index) entries starting at (x, y); returns the height used.
    @discardableResult
    mutating func legend(_ entries: [String], x: Double, y: Double, maxWidth: Double, shapes: Bool = true) -> Double {
        guard !entries.isEmpty else { return 0 }
        w.openGroup([("class", "legend")])
        var cx = x, cy = y
        for (i, label) in entries.enumerated() {
            let width = 16 + style.textWidth(label, size: style.textSize) + 14
            if cx + width > x + maxWidth && cx > x {
                cx = x
                cy += style.textSize + 6
            }
            if shapes {
                w.raw(MarkerShape.forSeries(i).svg(x: cx + 5, y: cy - style.textSize * 0.35, r: style.markerRadius,
                                                   color: OkabeIto.color(i), cls: "legend-key"))
            } else {
                w.lineSegment(x1: cx, y1: cy - style.textSize * 0.35, x2: cx + 12, y2: cy - style.textSize * 0.35,
                              [("stroke", OkabeIto.color(i)), ("stroke-width", "2"), ("class", "legend-key")])
            }
            w.text(label, x: cx + 16, y: cy, size: style.textSize)
            cx += width
        }
        w.closeGroup()
        return cy - y + style.textSize + 6
    }
}
