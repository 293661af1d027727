import Foundation
import Frames

extension Interpreter {
    /// Defines an element-wise function of doubles that keeps names.
    func elementwise(_ name: String, _ doc: String, _ f: @escaping (Double) -> Double) {
        define(name, ["x"], topic: "math", usage: "\(name)(x)", doc + " Element by element; names are kept and NA stays NA (a matrix such as confint()'s stays a matrix).") { ctx in
            if case .object(let m as MatrixObject)? = ctx.values["x"] {
                return .object(m.mapped { $0.map(f) })
            }
            let x = try ctx.vector("x")
            guard let d = x.doubles else {
                throw ctx.fail("\(name)() needs numbers, not \(x.typeName)", argument: "x")
            }
            var nanMade = false
            let out: [Double?] = d.map { v in
                guard let v else { return nil }
                let r = f(v)
                if r.isNaN && !v.isNaN { nanMade = true }
                return r
            }
            if nanMade { ctx.interpreter.warn("NaNs produced") }
            return .vector(Vector(.double(out), names: x.names))
        }
    }

    /// The numeric values of `x` for a statistic, with `na.rm` handling: nil when NA is present and kept.
    func statisticInput(_ ctx: CallContext, _ name: String = "x") throws -> [Double]? {
        let x = try ctx.vector(name)
        guard let d = x.doubles else {
            throw ctx.fail("\(ctx.function)() needs numbers, not \(x.typeName)", argument: name,
                           hint: x.typeName == "factor" ? "use table() to count the levels of a factor" : "")
        }
        let removeNA = try ctx.bool("na.rm", default: false)
        if !removeNA && d.contains(where: { $0 == nil }) { return nil }
        return d.compactMap { $0 }.filter { !(removeNA && $0.isNaN) }
    }

    func registerMathBuiltins() {
        elementwise("sqrt", "Square root.") { $0.squareRoot() }
        elementwise("exp", "Exponential function.") { Foundation.exp($0) }
        elementwise("log10", "Logarithm to base 10.") { Foundation.log10($0) }
        elementwise("log2", "Logarithm to base 2.") { Foundation.log2($0) }
        elementwise("log1p", "log(1 + x), accurate for small x.") { Foundation.log1p($0) }
        elementwise("abs", "Absolute value.") { Swift.abs($0) }
        elementwise("floor", "Largest whole number not above x.") { $0.rounded(.down) }
        elementwise("ceiling", "Smallest whole number not below x.") { $0.rounded(.up) }
        elementwise("plogis", "The logistic function 1 / (1 + exp(-x)) (inverse logit).") { 1 / (1 + Foundation.exp(-$0)) }
        elementwise("qlogis", "The logit log(p / (1 - p)).") { Foundation.log($0 / (1 - $0)) }
        define("log", ["x", "base"], topic: "math", usage: "log(x, base = exp(1))", "Natural logarithm, or to another base.") { ctx in
            let x = try ctx.vector("x")
            guard let d = x.doubles else { throw ctx.fail("log() needs numbers, not \(x.typeName)", argument: "x") }
            let base = try ctx.double("base", default: M_E)
            let lb = Foundation.log(base)
            var nanMade = false
            let out: [Double?] = d.map { v in
                guard let v else { return nil }
                let r = base == M_E ? Foundation.log(v) : Foundation.log(v) / lb
                if r.isNaN && !v.isNaN { nanMade = true }
                return r
            }
            if nanMade { ctx.interpreter.warn("NaNs produced") }
            return .vector(Vector(.double(out), names: x.names))
        }
        define("round", ["x", "digits"], topic: "math", usage: "round(x, digits = 0)",
               "Rounds to the given number of decimal places (halves to even, as R does); a table has its numeric columns rounded, a matrix its cells.") { ctx in
            let digits = try ctx.int("digits", default: 0)
            let scale = Foundation.pow(10.0, Double(digits))
            if case .object(let m as MatrixObject)? = ctx.values["x"] {
                return .object(m.mapped { $0.map { ($0 * scale).rounded(.toNearestOrEven) / scale } })
            }
            if case .table(var t)? = ctx.values["x"] {
                // R's round(data.frame): every numeric (double) column rounded, the others kept.
                for c in t.columns {
                    if case .double(let v) = c.values {
                        try t.setColumn(Column(name: c.name, values: .double(v.map { $0.isFinite ? ($0 * scale).rounded(.toNearestOrEven) / scale : $0 }), missing: c.missing))
                    }
                }
                return .table(t)
            }
            let x = try ctx.vector("x")
            guard let d = x.doubles else { throw ctx.fail("round() needs numbers, not \(x.typeName)", argument: "x") }
            return .vector(Vector(.double(d.map { $0.map { ($0 * scale).rounded(.toNearestOrEven) / scale } }), names: x.names))
        }
        define("sum", ["...", "na.rm"], topic: "statistics", usage: "sum(..., na.rm = FALSE)", "The sum of all values (NA when any is missing, unless na.rm = TRUE).") { ctx in
            let removeNA = try ctx.bool("na.rm", default: false)
            var total = 0.0, allInteger = true
            for d in ctx.dots {
                guard case .vector(let v)? = d.value, let xs = v.doubles else {
                    throw ctx.interpreter.fail(.type, "sum() needs numbers", offset: d.at)
                }
                if v.typeName == "double" { allInteger = false }
                for x in xs {
                    guard let x else { if removeNA { continue }; return .vector(Vector(allInteger ? .integer([nil]) : .double([nil]))) }
                    if removeNA && x.isNaN { continue }
                    total += x
                }
            }
            if allInteger && Swift.abs(total) <= Double(Int32.max) { return .vector(.integer(Int(total))) }
            return .vector(.double(total))
        }
        define("mean", ["x", "na.rm"], topic: "statistics", usage: "mean(x, na.rm = FALSE)", "The arithmetic mean.") { ctx in
            guard let xs = try ctx.interpreter.statisticInput(ctx) else { return .vector(Vector(.double([nil]))) }
            guard !xs.isEmpty else { return .vector(.double(.nan)) }
            let m = xs.reduce(0, +) / Double(xs.count)
            // Second pass as R does, for accuracy.
            let c = xs.reduce(0) { $0 + ($1 - m) } / Double(xs.count)
            return .vector(.double(m + c))
        }
        define("var", ["x", "na.rm"], topic: "statistics", usage: "var(x, na.rm = FALSE)", "The sample variance (denominator n - 1).") { ctx in
            guard let xs = try ctx.interpreter.statisticInput(ctx), xs.count > 1 else { return .vector(Vector(.double([nil]))) }
            return .vector(.double(variance(xs)))
        }
        define("sd", ["x", "na.rm"], topic: "statistics", usage: "sd(x, na.rm = FALSE)", "The sample standard deviation (denominator n - 1).") { ctx in
            guard let xs = try ctx.interpreter.statisticInput(ctx), xs.count > 1 else { return .vector(Vector(.double([nil]))) }
            return .vector(.double(variance(xs).squareRoot()))
        }
        define("median", ["x", "na.rm"], topic: "statistics", usage: "median(x, na.rm = FALSE)", "The median.") { ctx in
            guard let xs = try ctx.interpreter.statisticInput(ctx), !xs.isEmpty else { return .vector(Vector(.double([nil]))) }
            return .vector(.double(quantile7(xs.sorted(), 0.5)))
        }
        define("quantile", ["x", "probs", "na.rm"], topic: "statistics", usage: "quantile(x, probs = c(0, 0.25, 0.5, 0.75, 1), na.rm = FALSE)",
               "Sample quantiles (R's default type 7), named like 25%.") { ctx in
            guard let xs = try ctx.interpreter.statisticInput(ctx) else {
                throw ctx.fail("missing values in 'x'", argument: "x", hint: "pass na.rm = TRUE to leave them out")
            }
            let probs = ctx.has("probs") ? try ctx.doubles("probs").compactMap { $0 } : [0, 0.25, 0.5, 0.75, 1]
            guard probs.allSatisfy({ $0 >= 0 && $0 <= 1 }) else { throw ctx.fail("'probs' must be between 0 and 1", argument: "probs") }
            let s = xs.sorted()
            let names = probs.map { RPercent($0) }
            return .vector(Vector(.double(probs.map { s.isEmpty ? nil : quantile7(s, $0) }), names: names))
        }
        for (name, isMin) in [("min", true), ("max", false)] {
            define(name, ["...", "na.rm"], topic: "statistics", usage: "\(name)(..., na.rm = FALSE)", "The \(isMin ? "smallest" : "largest") value.") { ctx in
                let removeNA = try ctx.bool("na.rm", default: false)
                var best: Double? = nil, allInteger = true
                for d in ctx.dots {
                    guard case .vector(let v)? = d.value, let xs = v.doubles else {
                        throw ctx.interpreter.fail(.type, "\(name)() needs numbers", offset: d.at)
                    }
                    if v.typeName == "double" { allInteger = false }
                    for x in xs {
                        guard let x else { if removeNA { continue }; return .vector(Vector(.double([nil]))) }
                        best = best.map { isMin ? Swift.min($0, x) : Swift.max($0, x) } ?? x
                    }
                }
                guard let b = best else {
                    ctx.interpreter.warn("no non-missing arguments to \(name); returning \(isMin ? "Inf" : "-Inf")")
                    return .vector(.double(isMin ? .infinity : -.infinity))
                }
                return allInteger ? .vector(.integer(Int(b))) : .vector(.double(b))
            }
        }
        define("range", ["...", "na.rm"], topic: "statistics", usage: "range(..., na.rm = FALSE)", "Smallest and largest value.") { ctx in
            let removeNA = try ctx.bool("na.rm", default: false)
            var xs: [Double] = []
            for d in ctx.dots {
                guard case .vector(let v)? = d.value, let ds = v.doubles else { throw ctx.interpreter.fail(.type, "range() needs numbers", offset: d.at) }
                for x in ds { if let x { xs.append(x) } else if !removeNA { return .vector(Vector(.double([nil, nil]))) } }
            }
            guard let lo = xs.min(), let hi = xs.max() else { return .vector(Vector(.double([.infinity, -.infinity]))) }
            return .vector(Vector(.double([lo, hi])))
        }
        define("cumsum", ["x"], topic: "statistics", usage: "cumsum(x)", "Cumulative sums (NA from the first missing value on).") { ctx in
            let x = try ctx.vector("x")
            guard let d = x.doubles else { throw ctx.fail("cumsum() needs numbers", argument: "x") }
            var total: Double? = 0
            return .vector(Vector(.double(d.map { v in total = total.flatMap { t in v.map { t + $0 } }; return total }), names: x.names))
        }
        define("cor", ["x", "y", "use"], topic: "statistics", usage: "cor(x, y, use = \"everything\")",
               "Pearson correlation of two numeric vectors; use = \"complete.obs\" leaves out pairs with a missing value.") { ctx in
            let x = try ctx.doubles("x"), y = try ctx.doubles("y")
            guard x.count == y.count else { throw ctx.fail("'x' and 'y' differ in length (\(x.count) and \(y.count))") }
            let use = try ctx.string("use", default: "everything")
            var a: [Double] = [], b: [Double] = []
            for (p, q) in zip(x, y) {
                if let p, let q { a.append(p); b.append(q) } else if use == "everything" { return .vector(Vector(.double([nil]))) }
            }
            guard a.count > 1 else { return .vector(Vector(.double([nil]))) }
            let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
            var sab = 0.0, saa = 0.0, sbb = 0.0
            for (p, q) in zip(a, b) { sab += (p - ma) * (q - mb); saa += (p - ma) * (p - ma); sbb += (q - mb) * (q - mb) }
            return .vector(.double(sab / (saa * sbb).squareRoot()))
        }
    }
}

/// Sample variance with the two-pass algorithm.
func variance(_ xs: [Double]) -> Double {
    let m = xs.reduce(0, +) / Double(xs.count)
    return xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
}

/// R's type-7 quantile of sorted data.
func quantile7(_ s: [Double], _ p: Double) -> Double {
    let h = Double(s.count - 1) * p
    let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, s.count - 1)
    return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
}

/// "25%" as R names quantiles.
func RPercent(_ p: Double) -> String {
    numberText((p * 100 * 1e7).rounded() / 1e7) + "%"
}
