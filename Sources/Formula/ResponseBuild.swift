extension ModelFrameBuilder {
    /// Evaluates the left-hand side on the rows used.
    /// `usedIntegers` gives a plain integer column's values on the rows used (read without conversion).
    func buildResponse(_ spec: ResponseSpec?, used: (FormulaExpr) throws -> VariableValue,
                       usedIntegers: (FormulaExpr) -> [Int]?) throws -> Response {
        switch spec {
        case nil:
            return .vector(name: "", values: [])
        case .expression(let e)?:
            return .vector(name: e.deparse(), values: try responseNumbers(e, used: used))
        case .binomial(let s, let f, _)?:
            let sv = try numericOnly(s, used: used, what: "cbind(successes, failures)")
            let fv = try numericOnly(f, used: used, what: "cbind(successes, failures)")
            return .binomial(name: "cbind(" + s.deparse() + ", " + f.deparse() + ")", successes: sv, failures: fv)
        case .survival(let start, let stop, let event, _)?:
            let startV = try start.map { try numericOnly($0, used: used, what: "Surv()") }
            let stopV = try numericOnly(stop, used: used, what: "Surv()")
            var status: [Int]
            var states: [String]? = nil
            if let codes = usedIntegers(event) {
                status = try integerStatus(codes, event)
            } else {
                switch try used(event) {
                case .logical(let x):
                    status = x.map { $0 == 1 ? 1 : 0 }
                case .numeric(let x):
                    let coding = eventCoding(x)
                    if coding.zeroOne {
                        status = x.map { Int($0) }
                    } else if coding.oneTwo {
                        status = x.map { Int($0) - 1 }
                    } else {
                        throw badEvent(x, event)
                    }
                case .constant(let c):
                    throw fail(.type, "the event indicator in Surv() must be a column, not the constant \(formatRNumber(c))", event.position)
                case .factor(let codes, let levels):
                    status = codes.map { Int($0) }
                    if levels.count > 2 { states = Array(levels.dropFirst()) }
                }
            }
            let args = (start.map { [$0] } ?? []) + [stop, event]
            let text = "Surv(" + args.map { $0.deparse() }.joined(separator: ", ") + ")"
            return .survival(SurvivalResponse(start: startV, stop: stopV, status: status, states: states, text: text))
        }
    }

    /// The status of an integer event column, coded as a numeric one is (0/1, else 1/2).
    func integerStatus(_ x: [Int], _ event: FormulaExpr) throws -> [Int] {
        let coding = eventCoding(x)
        if coding.zeroOne { return x }
        if coding.oneTwo { return x.map { $0 - 1 } }
        throw badEvent(x.map(Double.init), event)
    }

    /// The error for an event indicator whose `values` are neither 0/1, 1/2 nor TRUE/FALSE, naming the first
    /// value that is not 0, 1 or 2 (else the first).
    func badEvent(_ values: [Double], _ event: FormulaExpr) -> FormulaError {
        let value = values.first { $0 != 0 && $0 != 1 && $0 != 2 } ?? values.first ?? 0
        return fail(.type, "the event indicator '\(event.deparse())' must be 0/1, 1/2 (2 = event) or TRUE/FALSE; found \(formatRNumber(value))", event.position)
    }

    /// A numeric response: numbers as they are, TRUE/FALSE as 1/0, a two-level factor as 0/1
    /// (second level = 1).
    func responseNumbers(_ e: FormulaExpr, used: (FormulaExpr) throws -> VariableValue) throws -> [Double] {
        switch try used(e) {
        case .numeric(let x), .logical(let x): return x
        case .constant(let c):
            throw fail(.type, "the response '\(e.deparse())' is the constant \(formatRNumber(c)); name a column", e.position)
        case .factor(let codes, let levels):
            guard levels.count == 2 else {
                throw fail(.type, "the response '\(e.deparse())' is categorical with \(levels.count) levels (\(levels.prefix(5).joined(separator: ", "))\(levels.count > 5 ? ", ..." : "")); a response must be numeric, TRUE/FALSE, or have exactly two levels", e.position)
            }
            return codes.map { Double($0) }
        }
    }

    /// Numbers only (no factors), for `cbind()` and `Surv()` arguments.
    func numericOnly(_ e: FormulaExpr, used: (FormulaExpr) throws -> VariableValue, what: String) throws -> [Double] {
        switch try used(e) {
        case .numeric(let x), .logical(let x): return x
        case .constant(let c):
            throw fail(.type, "'\(e.deparse())' in \(what) is the constant \(formatRNumber(c)); name a numeric column", e.position)
        case .factor:
            throw fail(.type, "'\(e.deparse())' in \(what) must be numeric, but it is categorical (text or factor); use a numeric column", e.position)
        }
    }
}
