/// Typed, checked access to one object of a parameter document, with the dotted path for messages.
struct ParameterCursor {
    let file: String
    let path: String
    let value: ParameterValue

    func key(_ name: String) -> String { path.isEmpty ? name : path + "." + name }

    func error(_ name: String, _ message: String) -> SimulationError {
        .parameter(file: file, key: key(name), message: message)
    }

    func member(_ name: String) throws(SimulationError) -> ParameterValue {
        guard let v = value[name] else { throw error(name, "missing") }
        return v
    }

    func child(_ name: String) throws(SimulationError) -> ParameterCursor {
        let v = try member(name)
        guard case .object = v else { throw error(name, "expected an object, found \(v.kindDescription)") }
        return ParameterCursor(file: file, path: key(name), value: v)
    }

    static func number(_ v: ParameterValue) -> Double? {
        switch v {
        case .number(let x): return x
        case .integer(let i): return Double(i)
        default: return nil
        }
    }

    func double(_ name: String, _ expectation: String, _ valid: (Double) -> Bool) throws(SimulationError) -> Double {
        let v = try member(name)
        guard let x = Self.number(v) else { throw error(name, "expected a number, found \(v.kindDescription)") }
        guard x.isFinite, valid(x) else { throw error(name, "\(x) is not allowed; expected \(expectation)") }
        return x
    }

    func int(_ name: String, _ expectation: String, _ valid: (Int) -> Bool) throws(SimulationError) -> Int {
        let v = try member(name)
        let i: Int
        switch v {
        case .integer(let k): i = k
        case .number(let x) where x == x.rounded() && Swift.abs(x) < 9e15: i = Int(x)
        default: throw error(name, "expected \(expectation), found \(v.kindDescription == "a number" ? "a fraction" : v.kindDescription)")
        }
        guard valid(i) else { throw error(name, "\(i) is not allowed; expected \(expectation)") }
        return i
    }

    /// An object of numbers keyed by term name.
    func coefficients(_ name: String) throws(SimulationError) -> Coefficients {
        let c = try child(name)
        guard case .object(let members) = c.value else { return Coefficients(names: [], values: []) }
        var values: [Double] = []
        for m in members {
            guard let x = Self.number(m.value), x.isFinite else {
                throw c.error(m.key, "expected a finite number (a coefficient), found \(m.value.kindDescription)")
            }
            values.append(x)
        }
        return Coefficients(names: members.map(\.key), values: values)
    }

    /// An object with one number per track (`ASO`, `TSO`, `BSO`, `KSO`).
    func tracks(_ name: String, _ expectation: String, _ valid: (Double) -> Bool) throws(SimulationError) -> [Double] {
        let c = try child(name)
        var out: [Double] = []
        for track in simulationTracks { out.append(try c.double(track, expectation, valid)) }
        return out
    }

    /// An array of Likert items.
    func items(_ name: String) throws(SimulationError) -> [ItemParameters] {
        let v = try member(name)
        guard case .array(let elements) = v else { throw error(name, "expected an array of items, found \(v.kindDescription)") }
        guard elements.count >= 2 else { throw error(name, "a scale needs at least 2 items") }
        var out: [ItemParameters] = []
        for (i, e) in elements.enumerated() {
            let at = ParameterCursor(file: file, path: key(name) + "[\(i)]", value: e)
            guard case .object(let members) = e else { throw error(name + "[\(i)]", "expected an object with name, loading, reversed, thresholds") }
            for m in members where !["name", "loading", "reversed", "thresholds"].contains(m.key) {
                throw at.error(m.key, "unknown key; an item has name, loading, reversed and thresholds")
            }
            guard case .string(let itemName)? = e["name"], !itemName.isEmpty else { throw at.error("name", "expected a non-empty string") }
            let loading = try at.double("loading", "in (0, 1)") { $0 > 0 && $0 < 1 }
            guard case .bool(let reversed)? = e["reversed"] else { throw at.error("reversed", "expected true or false") }
            guard case .array(let ts)? = e["thresholds"], !ts.isEmpty else {
                throw at.error("thresholds", "expected an array of increasing numbers (3 for a 4-point item)")
            }
            var thresholds: [Double] = []
            for t in ts {
                guard let x = Self.number(t), x.isFinite else { throw at.error("thresholds", "expected numbers") }
                if let last = thresholds.last, x <= last { throw at.error("thresholds", "must increase (\(last) then \(x))") }
                thresholds.append(x)
            }
            out.append(ItemParameters(name: itemName, loading: loading, reversed: reversed, thresholds: thresholds))
        }
        return out
    }
}
