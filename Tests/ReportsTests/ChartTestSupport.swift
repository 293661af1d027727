import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Reports

/// A parsed SVG document, for tests that check structure and coordinates rather than bytes.
struct ParsedSVG {
    let document: XMLDocument

    init(_ svg: String) throws {
        document = try XMLDocument(xmlString: svg, options: [])
    }

    var root: XMLElement { document.rootElement()! }

    /// All elements (depth first) whose `class` attribute contains `cls`.
    func elements(class cls: String) -> [XMLElement] {
        var out: [XMLElement] = []
        func walk(_ e: XMLElement) {
            if let c = e.attr("class"), c.split(separator: " ").contains(Substring(cls)) { out.append(e) }
            for child in e.children ?? [] { if let ce = child as? XMLElement { walk(ce) } }
        }
        walk(root)
        return out
    }

    /// All elements named `name` (local name).
    func elements(named name: String) -> [XMLElement] {
        var out: [XMLElement] = []
        func walk(_ e: XMLElement) {
            if e.localName == name || e.name == name { out.append(e) }
            for child in e.children ?? [] { if let ce = child as? XMLElement { walk(ce) } }
        }
        walk(root)
        return out
    }

    /// Texts of all `<text>` elements with class `cls`.
    func texts(class cls: String) -> [String] { elements(class: cls).map { $0.stringValue ?? "" } }

    /// The direct `<title>` and `<desc>` children's text.
    var title: String? { elements(named: "title").first?.stringValue }
    var desc: String? { elements(named: "desc").first?.stringValue }
}

extension XMLElement {
    /// An attribute's value (looked up by name: swift-corelibs' `attribute(forName:)` misses
    /// attributes of elements in a default namespace, as SVG's are).
    func attr(_ name: String) -> String? { attributes?.first { $0.name == name }?.stringValue }
    /// A numeric attribute.
    func number(_ name: String) -> Double? { attr(name).flatMap(Double.init) }
}
