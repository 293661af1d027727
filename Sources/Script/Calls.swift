import Frames

/// One argument at a call, before or after evaluation.
struct ArgumentSlot {
    var name: String?
    var expr: Expr?
    var value: Value?
    var at: Int
}

extension Interpreter {
    /// Evaluates a call: `(x)`, `return(x)`, a closure or a built-in.
    func call(_ f: Expr, _ args: [CallArgument], _ env: Environment, at e: Expr) throws -> Value {
        var fname: String? = nil
        let callee: Value
        if case .name(let n) = f.node {
            fname = n
            if n == "(" {
                guard let inner = args.first?.value else { return .null }
                let v = try eval(inner, env)
                visible = true
                return v
            }
            if n == "return" {
                pendingReturn = try args.first?.value.map { try eval($0, env) } ?? .null
                throw ControlFlow.returnFromFunction
            }
            callee = try lookupFunction(n, env, at: f)
        } else {
            callee = try eval(f, env)
        }
        // Arguments: expand `...`.
        var slots: [ArgumentSlot] = []
        for a in args {
            if a.name == nil, let v = a.value, case .name("...") = v.node {
                var s: Environment? = env
                while let scope = s, scope.dots == nil { s = scope.parent }
                guard let found = s?.dots else {
                    throw fail(.unknownName, "'...' used outside a function that takes '...'", offset: a.at,
                               hint: "add ... to the function's parameters: function(x, ...)")
                }
                for d in found { slots.append(ArgumentSlot(name: d.name, expr: nil, value: d.value, at: a.at)) }
                continue
            }
            slots.append(ArgumentSlot(name: a.name, expr: a.value, value: nil, at: a.at))
        }
        callDepth += 1
        defer { callDepth -= 1 }
        if callDepth > Interpreter.maximumCallDepth {
            throw fail(.runtime, "too many nested function calls (more than \(Interpreter.maximumCallDepth)); is there an infinite recursion?", at: e,
                       hint: "check that a recursive function reaches its stopping case")
        }
        switch callee {
        case .closure(let c):
            for k in slots.indices where slots[k].value == nil {
                if let x = slots[k].expr { slots[k].value = try eval(x, env) } else { slots[k].value = .null }
            }
            return try callClosure(c, slots, name: fname ?? c.name ?? "function", at: e)
        case .builtin(let b):
            return try callBuiltin(b, slots, env, at: e)
        default:
            throw fail(.type, "'\(fname ?? "this expression")' is a \(callee.className), not a function", at: f,
                       hint: "only functions can be called with (...)")
        }
    }

    /// The function called `name`: a variable holding a function (non-functions are skipped, as in R).
    func lookupFunction(_ name: String, _ env: Environment, at e: Expr) throws -> Value {
        var scope: Environment? = env
        while let s = scope {
            if let v = s.local(name) {
                switch v {
                case .closure, .builtin: return v
                default: break
                }
            }
            scope = s.parent
        }
        var functions = Array(builtins.keys)
        var s2: Environment? = env
        while let s = s2 {
            for n in s.localNames { if case .closure? = s.local(n) { functions.append(n) } }
            s2 = s.parent
        }
        let suggestions = nearestNames(to: name, among: functions)
        var hint = didYouMean(suggestions)
        if let alias = Interpreter.aliasHints[name] { hint = alias }
        if hint.isEmpty { hint = "see help() for the functions there are" }
        throw fail(.unknownName, "unknown function '\(name)'", at: e, hint: hint)
    }

    /// Names people bring from R or elsewhere, and what to use here.
    static let aliasHints: [String: String] = [
        "library": "there are no packages to load: every function is built in (see help())",
        "require": "there are no packages to load: every function is built in (see help())",
        "read.csv": "use read_csv(path)",
        "write.csv": "use write_csv(data, path)",
        "data.frame": "use data_frame(x = ..., y = ...)",
        "mutate": "use transform(data, new = expression)",
        "filter": "use subset(data, condition)",
        "group_by": "use group_summary(data, by = \"g\", name = mean(x))",
        "set.seed": "use set_seed(n)",
        "lmer": "mixed models are not in this build yet (the mixed-model engine is being merged); until then fit glm() without the ( | group) terms",
        "glmer": "mixed models are not in this build yet (the mixed-model engine is being merged); until then fit glm() without the ( | group) terms",
        "ranef": "mixed models are not in this build yet",
        "simulate": "use simulate_cohort(seed, schools, pupils) for a synthetic cohort",
        "aggregate": "use group_summary(data, by = \"g\", name = mean(x))",
        "str": "use describe(d) or head(d)",
    ]

    /// Matches arguments to parameters as R does: exact names, then unique prefixes of parameters
    /// before `...`, then positions; the rest go to `...` when there is one.
    func matchArguments(_ slots: [ArgumentSlot], to params: [String], function: String) throws -> (bound: [String: ArgumentSlot], dots: [ArgumentSlot]) {
        let dotsIndex = params.firstIndex(of: "...")
        let beforeDots = Array(params[..<(dotsIndex ?? params.count)])
        var bound: [String: ArgumentSlot] = [:]
        var used = [Bool](repeating: false, count: slots.count)
        for (k, s) in slots.enumerated() {
            guard let n = s.name, n != "...", params.contains(n) else { continue }
            if bound[n] != nil {
                throw fail(.arguments, "argument '\(n)' is given twice in \(function)()", offset: s.at, hint: "remove one of them")
            }
            bound[n] = s
            used[k] = true
        }
        for (k, s) in slots.enumerated() where !used[k] {
            guard let n = s.name else { continue }
            let candidates = beforeDots.filter { $0.hasPrefix(n) && bound[$0] == nil }
            if candidates.count == 1 {
                bound[candidates[0]] = s
                used[k] = true
            } else if dotsIndex == nil {
                let suggestions = nearestNames(to: n, among: params)
                let hint = suggestions.isEmpty ? "\(function)() takes \(params.isEmpty ? "no arguments" : params.joined(separator: ", "))" : didYouMean(suggestions)
                throw fail(.arguments, "\(function)() has no argument called '\(n)'", offset: s.at, hint: hint)
            }
        }
        var free = beforeDots.filter { bound[$0] == nil }
        var dots: [ArgumentSlot] = []
        for (k, s) in slots.enumerated() where !used[k] {
            if s.name == nil, !free.isEmpty {
                bound[free.removeFirst()] = s
            } else if dotsIndex != nil {
                dots.append(s)
            } else {
                throw fail(.arguments, "too many arguments to \(function)()", offset: s.at,
                           hint: params.isEmpty ? "\(function)() takes no arguments" : "\(function)() takes \(params.joined(separator: ", "))")
            }
        }
        return (bound, dots)
    }

    func callClosure(_ c: Closure, _ slots: [ArgumentSlot], name: String, at e: Expr) throws -> Value {
        let params = c.parameters.map(\.name)
        let (bound, dots) = try matchArguments(slots, to: params, function: name)
        let env = Environment(parent: c.environment)
        if params.contains("...") { env.dots = dots.map { ($0.name, $0.value ?? .null) } }
        for p in c.parameters where p.name != "..." {
            if let s = bound[p.name] { env.assign(p.name, s.value ?? .null) }
        }
        sourceStack.append(c.source)
        callNames.append(name)
        defer { sourceStack.removeLast(); callNames.removeLast() }
        for p in c.parameters where p.name != "..." && bound[p.name] == nil {
            if let d = p.defaultValue {
                env.assign(p.name, try eval(d, env))
            } else {
                env.missingParameters.insert(p.name)
            }
        }
        do {
            return try eval(c.body, env)
        } catch ControlFlow.returnFromFunction {
            visible = true
            return pendingReturn
        }
    }

    func callBuiltin(_ b: Builtin, _ input: [ArgumentSlot], _ env: Environment, at e: Expr) throws -> Value {
        let (bound, dots) = try matchArguments(input, to: b.parameters, function: b.name)
        var context = CallContext(interpreter: self, environment: env, call: e, function: b.name)
        for (name, slot) in bound {
            context.positions[name] = slot.at
            if let x = slot.expr { context.written[name] = x }
            if b.quoted.contains(name), let x = slot.expr {
                context.expressions[name] = x
            } else if let v = slot.value {
                context.values[name] = v
            } else if let x = slot.expr {
                context.values[name] = try eval(x, env)
            }
        }
        for s in dots {
            if b.quoted.contains("..."), let x = s.expr {
                context.dots.append(DotArgument(name: s.name, value: nil, expr: x, at: s.at))
            } else {
                let v = try s.value ?? s.expr.map { try eval($0, env) } ?? .null
                context.dots.append(DotArgument(name: s.name, value: v, expr: s.expr, at: s.at))
            }
        }
        callNames.append(b.name)
        defer { callNames.removeLast() }
        visible = true
        do {
            return try b.body(&context)
        } catch let error as ScriptError {
            throw error
        } catch let flow as ControlFlow {
            throw flow
        } catch {
            throw libraryError(error, context: context)
        }
    }
}
