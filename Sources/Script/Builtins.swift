extension Interpreter {
    /// Adds a built-in function with its documentation.
    func define(_ name: String, _ parameters: [String], quoted: Set<String> = [], topic: String, usage: String,
                _ doc: String, _ body: @escaping (inout CallContext) throws -> Value) {
        builtins[name] = Builtin(name: name, parameters: parameters, quoted: quoted, usage: usage, doc: doc,
                                 topic: topic, body: body)
    }

    func registerBuiltins() {
        registerBaseBuiltins()
        registerMathBuiltins()
        registerTextBuiltins()
        registerDataBuiltins()
        registerTransformBuiltins()
        registerModelBuiltins()
        registerMeasurementBuiltins()
        registerSurvivalBuiltins()
        registerMixedBuiltins()
        registerChartBuiltins()
        registerPersonPeriodBuiltins()
        registerBriefBuiltins()
        registerSimulationBuiltins()
        registerSessionBuiltins()
    }

    /// The names of all built-in functions, sorted.
    public var builtinNames: [String] { builtins.keys.sorted() }

    /// The documentation of built-in `name` (usage line and text), or `nil`.
    public func documentation(_ name: String) -> String? {
        guard let b = builtins[name] else { return nil }
        return "\(b.usage)\n\n\(b.doc)\n"
    }
}
