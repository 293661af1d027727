extension Interpreter {
    func registerTextBuiltins() {
        for (name, defaultSep) in [("paste", " "), ("paste0", "")] {
            define(name, ["...", "sep", "collapse"], topic: "text", usage: name == "paste" ? "paste(..., sep = \" \", collapse = NULL)" : "paste0(..., collapse = NULL)",
                   "Joins values as text element by element (recycling), separated by sep; collapse joins the results into one string.") { ctx in
                let sep = try ctx.string("sep", default: defaultSep)
                let parts = try ctx.dots.compactMap { d -> [String]? in
                    switch d.value {
                    case .vector(let v)?: return v.strings.map { $0 ?? "NA" }
                    case .null?, nil: return nil
                    case .formula(let f)?: return [f.formula.text]
                    case let other?: throw ctx.interpreter.fail(.type, "\(name)() joins vectors, not a \(other.className)", offset: d.at)
                    }
                }.filter { !$0.isEmpty }
                let n = parts.map(\.count).max() ?? 0
                let joined = (0..<n).map { i in parts.map { $0[i % $0.count] }.joined(separator: sep) }
                if ctx.has("collapse") {
                    return .vector(.string(joined.joined(separator: try ctx.string("collapse"))))
                }
                return .vector(Vector(.character(joined)))
            }
        }
        define("nchar", ["x"], topic: "text", usage: "nchar(x)", "Number of characters of each string.") { ctx in
            let x = try ctx.vector("x")
            return .vector(Vector(.integer(x.strings.map { $0.map { $0.count } ?? 2 }), names: x.names))
        }
        define("toupper", ["x"], topic: "text", usage: "toupper(x)", "Upper-case text.") { ctx in
            .vector(Vector(.character(try ctx.vector("x").strings.map { $0?.uppercased() })))
        }
        define("tolower", ["x"], topic: "text", usage: "tolower(x)", "Lower-case text.") { ctx in
            .vector(Vector(.character(try ctx.vector("x").strings.map { $0?.lowercased() })))
        }
        define("as.numeric", ["x"], topic: "conversion", usage: "as.numeric(x)",
               "Numbers from logical, integer or text values (text that is not a number becomes NA with a warning). A factor gives its level codes 1, 2, ...") { ctx in
            let x = try ctx.vector("x")
            if let d = x.doubles { return .vector(Vector(.double(d), names: x.names)) }
            if case .factor(let c, _) = x.storage { return .vector(Vector(.double(c.map { $0.map { Double($0 + 1) } }))) }
            var bad = false
            let d: [Double?] = x.strings.map { s in
                guard let s else { return nil }
                let t = s.trimmingCharacters()
                if let v = Double(t) { return v }
                switch t { case "Inf": return .infinity; case "-Inf": return -.infinity; case "NaN": return .nan; case "NA": return nil; default: break }
                bad = true
                return nil
            }
            if bad { ctx.interpreter.warn("NAs introduced by coercion") }
            return .vector(Vector(.double(d), names: x.names))
        }
        define("as.integer", ["x"], topic: "conversion", usage: "as.integer(x)", "Whole numbers (truncated toward zero).") { ctx in
            let x = try ctx.vector("x")
            if case .factor(let c, _) = x.storage { return .vector(Vector(.integer(c.map { $0.map { $0 + 1 } }))) }
            let d = x.doubles ?? x.strings.map { $0.flatMap { Double($0.trimmingCharacters()) } }
            return .vector(Vector(.integer(d.map { $0.flatMap { $0.isFinite && Swift.abs($0) < 2.2e9 ? Int($0) : nil } }), names: x.names))
        }
        define("as.character", ["x"], topic: "conversion", usage: "as.character(x)", "Text (numbers with up to 15 significant digits; factor labels).") { ctx in
            let v = try ctx.value("x")
            if case .formula(let f) = v { return .vector(.string(f.formula.text)) }
            let x = try ctx.vector("x")
            return .vector(Vector(.character(x.strings), names: x.names))
        }
        define("as.logical", ["x"], topic: "conversion", usage: "as.logical(x)", "TRUE/FALSE (numbers: non-zero is TRUE; text \"TRUE\"/\"FALSE\").") { ctx in
            let x = try ctx.vector("x")
            return .vector(Vector(.logical(x.logicals ?? x.strings.map { _ in nil }), names: x.names))
        }
        define("factor", ["x", "levels", "labels", "ordered"], topic: "conversion", usage: "factor(x, levels = sorted unique values, labels = levels)",
               "A categorical variable. The first level is the reference category in models.") { ctx in
            let x = try ctx.vector("x")
            let values = x.strings
            var levels: [String]
            if ctx.has("levels") {
                levels = try ctx.vector("levels").strings.map { $0 ?? "NA" }
            } else if case .factor(_, let l) = x.storage {
                levels = l
            } else {
                let distinct = Array(Set(values.compactMap { $0 }))
                if let d = x.doubles {
                    let nums = Array(Set(d.compactMap { $0 })).sorted()
                    levels = nums.map(numberText)
                    _ = distinct
                } else {
                    levels = distinct.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
                }
            }
            var index: [String: Int] = [:]
            for (k, l) in levels.enumerated() where index[l] == nil { index[l] = k }
            let codes = values.map { $0.flatMap { index[$0] } }
            if ctx.has("labels") {
                let labels = try ctx.vector("labels").strings.map { $0 ?? "NA" }
                guard labels.count == levels.count else {
                    throw ctx.fail("'labels' has \(labels.count) entries but there are \(levels.count) levels", argument: "labels")
                }
                levels = labels
            }
            return .vector(Vector(.factor(codes: codes, levels: levels), names: x.names))
        }
        define("levels", ["x"], topic: "conversion", usage: "levels(x)", "The levels of a factor (NULL for other vectors).") { ctx in
            if case .factor(_, let l) = try ctx.vector("x").storage { return .vector(Vector(.character(l))) }
            return .null
        }
        define("relevel", ["x", "ref"], topic: "conversion", usage: "relevel(x, ref)", "The factor with level ref moved first (the reference category in models).") { ctx in
            let x = try ctx.vector("x")
            guard case .factor(let c, let l) = x.storage else { throw ctx.fail("relevel() needs a factor", argument: "x", hint: "make one with factor(x)") }
            let ref = try ctx.string("ref")
            guard let k = l.firstIndex(of: ref) else {
                throw ctx.fail("'\(ref)' is not a level of the factor", argument: "ref", hint: "the levels are \(l.joined(separator: ", "))")
            }
            let newLevels = [ref] + l.enumerated().filter { $0.offset != k }.map(\.element)
            let map = Dictionary(uniqueKeysWithValues: newLevels.enumerated().map { ($0.element, $0.offset) })
            return .vector(Vector(.factor(codes: c.map { $0.flatMap { map[l[$0]] } }, levels: newLevels), names: x.names))
        }
    }
}
