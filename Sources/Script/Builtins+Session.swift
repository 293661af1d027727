import Frames
import Distributions

extension Interpreter {
    func registerSessionBuiltins() {
        define("print", ["x", "..."], topic: "session", usage: "print(x)", "Prints a value as at the prompt and returns it invisibly.") { ctx in
            let v = try ctx.value("x")
            ctx.interpreter.output(ctx.interpreter.format(v))
            ctx.interpreter.visible = false
            return v
        }
        define("cat", ["...", "sep"], topic: "session", usage: "cat(..., sep = \" \")",
               "Writes values as plain text (no quotes, no [1]); add \"\\n\" for a line end.") { ctx in
            let sep = try ctx.string("sep", default: " ")
            var parts: [String] = []
            for d in ctx.dots {
                switch d.value {
                case .vector(let v)?:
                    if case .double(let xs) = v.storage {
                        parts += xs.map { $0.map { numberText(signif($0, 7)) } ?? "NA" }
                    } else {
                        parts += v.strings.map { $0 ?? "NA" }
                    }
                case .null?, nil: continue
                case .formula(let f)?: parts.append(f.formula.text)
                case let other?: throw ctx.interpreter.fail(.type, "cat() writes vectors, not a \(other.className)", offset: d.at, hint: "use print() for tables and models")
                }
            }
            ctx.interpreter.output(parts.joined(separator: sep))
            ctx.interpreter.visible = false
            return .null
        }
        define("invisible", ["x"], topic: "session", usage: "invisible(x)", "Returns x without printing it at the prompt.") { ctx in
            let v = ctx.values["x"] ?? .null
            ctx.interpreter.visible = false
            return v
        }
        define("stop", ["..."], topic: "session", usage: "stop(message)", "Stops the script with an error message.") { ctx in
            let text = ctx.dots.compactMap { $0.value?.vector?.strings.compactMap { $0 }.joined() }.joined()
            throw ctx.interpreter.fail(.user, text, at: ctx.call)
        }
        define("warning", ["..."], topic: "session", usage: "warning(message)", "Records a warning, printed after the current top-level expression.") { ctx in
            let text = ctx.dots.compactMap { $0.value?.vector?.strings.compactMap { $0 }.joined() }.joined()
            ctx.interpreter.warn(text)
            ctx.interpreter.visible = false
            return .vector(.string(text))
        }
        define("message", ["..."], topic: "session", usage: "message(...)", "Writes a message to standard error.") { ctx in
            let text = ctx.dots.compactMap { $0.value?.vector?.strings.compactMap { $0 }.joined() }.joined()
            ctx.interpreter.messages(text + "\n")
            ctx.interpreter.visible = false
            return .null
        }
        define("set_seed", ["seed"], topic: "random", usage: "set_seed(seed)",
               "Seeds the random-number generator (xoshiro256**), so that runif(), rnorm(), sample() and simulations give the same numbers every run. The seed is recorded in the provenance of the run. (The streams differ from R's set.seed.)") { ctx in
            let s = try ctx.double("seed")
            guard s >= 0, s == s.rounded(), s < 9.2e18 else { throw ctx.fail("the seed must be a whole number of 0 or more", argument: "seed") }
            ctx.interpreter.seed = UInt64(s)
            ctx.interpreter.rng = Xoshiro256StarStar(seed: UInt64(s))
            ctx.interpreter.visible = false
            return .null
        }
        define("runif", ["n", "min", "max"], topic: "random", usage: "runif(n, min = 0, max = 1)", "n uniform random numbers.") { ctx in
            let n = try ctx.interpreter.drawCount(ctx)
            let lo = try ctx.double("min", default: 0), hi = try ctx.double("max", default: 1)
            guard lo <= hi else { throw ctx.fail("'min' must not exceed 'max'") }
            return .vector(Vector(.double((0..<n).map { _ in lo + (hi - lo) * ctx.interpreter.rng.nextOpenUnit() })))
        }
        define("rnorm", ["n", "mean", "sd"], topic: "random", usage: "rnorm(n, mean = 0, sd = 1)", "n normal random numbers (by inversion).") { ctx in
            let n = try ctx.interpreter.drawCount(ctx)
            let m = try ctx.double("mean", default: 0), s = try ctx.double("sd", default: 1)
            guard s >= 0 else { throw ctx.fail("'sd' must be 0 or more", argument: "sd") }
            return .vector(Vector(.double((0..<n).map { _ in m + s * ctx.interpreter.rng.nextStandardNormal() })))
        }
        define("rbinom", ["n", "size", "prob"], topic: "random", usage: "rbinom(n, size, prob)", "n binomial counts of size trials with success probability prob.") { ctx in
            let n = try ctx.interpreter.drawCount(ctx)
            let size = try ctx.int("size"), p = try ctx.double("prob")
            guard size >= 0, size <= 10_000_000, p >= 0, p <= 1 else { throw ctx.fail("'size' must be 0 or more and 'prob' between 0 and 1") }
            return .vector(Vector(.integer((0..<n).map { _ in (0..<size).reduce(0) { c, _ in c + (ctx.interpreter.rng.nextBernoulli(p) ? 1 : 0) } })))
        }
        define("sample", ["x", "size", "replace"], topic: "random", usage: "sample(x, size = length(x), replace = FALSE)",
               "A random sample of the elements of x (or of 1:x when x is one number).") { ctx in
            var x = try ctx.vector("x")
            if x.count == 1, let d = x.doubles?[0], d >= 1, d == d.rounded(), d <= 1e8 { x = Vector(.integer(Array(1...Int(d)))) }
            let size = try ctx.int("size", default: x.count)
            let replace = try ctx.bool("replace", default: false)
            guard size >= 0, replace || size <= x.count else {
                throw ctx.fail("cannot take a sample of \(size) from \(x.count) elements without replacement", argument: "size", hint: "use replace = TRUE")
            }
            var pool = Array(0..<x.count)
            var out: [Int?] = []
            for k in 0..<size {
                if replace {
                    out.append(Int(ctx.interpreter.rng.nextOpenUnit() * Double(x.count)))
                } else {
                    let j = k + Int(ctx.interpreter.rng.nextOpenUnit() * Double(pool.count - k))
                    pool.swapAt(k, j)
                    out.append(pool[k])
                }
            }
            return .vector(x.taking(out).withoutNames)
        }
        define("ls", [], topic: "session", usage: "ls()", "The names of the variables defined in the session.") { ctx in
            .vector(Vector(.character(ctx.interpreter.globalEnvironment.localNames)))
        }
        define("exists", ["x"], topic: "session", usage: "exists(\"name\")", "TRUE when a variable or function of that name exists.") { ctx in
            .vector(.logical(ctx.environment.lookup(try ctx.string("x")) != nil))
        }
        define("help", ["topic"], quoted: ["topic"], topic: "session", usage: "help(topic)",
               "Documentation of a function: help(glm) or help(\"glm\"). help() lists every function by topic.") { ctx in
            let interp = ctx.interpreter
            guard let e = ctx.expressions["topic"] else {
                ctx.interpreter.output(interp.helpIndex())
                interp.visible = false
                return .null
            }
            let name: String
            switch e.node {
            case .name(let n): name = n
            case .string(let s?): name = s
            default: throw interp.fail(.type, "help() takes a function name, e.g. help(glm)", at: e)
            }
            guard let doc = interp.documentation(name) else {
                throw interp.fail(.unknownName, "no help for '\(name)'", at: e,
                                  hint: didYouMean(nearestNames(to: name, among: interp.builtinNames)).isEmpty ? "help() lists every function" : didYouMean(nearestNames(to: name, among: interp.builtinNames)))
            }
            interp.output(wrap(doc, width: interp.width))
            interp.visible = false
            return .null
        }
    }

    func drawCount(_ ctx: CallContext) throws -> Int {
        let n = try ctx.int("n")
        guard n >= 0, n <= 100_000_000 else { throw ctx.fail("'n' must be between 0 and 1e8", argument: "n") }
        return n
    }

    /// help()'s list of functions by topic.
    func helpIndex() -> String {
        let byTopic = Dictionary(grouping: builtins.values, by: \.topic)
        var out = "Functions (help(name) for details):\n"
        for topic in byTopic.keys.sorted() {
            let names = (byTopic[topic] ?? []).map(\.name).sorted()
            out += "\n\(topic):\n" + wrap("  " + names.joined(separator: ", "), width: width, indent: "  ")
        }
        return out
    }
}

/// Wraps each paragraph of `text` at `width` columns.
func wrap(_ text: String, width: Int, indent: String = "") -> String {
    var out = ""
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                out += line + "\n"
                line = indent + word
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        out += line + "\n"
    }
    return out
}
