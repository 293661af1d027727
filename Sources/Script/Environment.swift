import Frames

/// A scope: variables, a parent (lexical scoping), and optionally a data table whose columns
/// are visible as variables (a "data mask", as inside `subset(d, age > 12)`).
final class Environment {
    private(set) var variables: [String: Value] = [:]
    let parent: Environment?
    /// Columns of this table are looked up before this scope's variables.
    let mask: Table?
    private var maskCache: [String: Value] = [:]
    /// Arguments matched to `...` in a function call.
    var dots: [(name: String?, value: Value)]? = nil
    /// Parameters of a function call that got no value and have no default.
    var missingParameters: Set<String> = []

    init(parent: Environment?, mask: Table? = nil) {
        self.parent = parent
        self.mask = mask
    }

    /// The value of `name` here or in an enclosing scope.
    func lookup(_ name: String) -> Value? {
        var env: Environment? = self
        while let e = env {
            if let v = e.local(name) { return v }
            env = e.parent
        }
        return nil
    }

    /// The value of `name` in this scope only.
    func local(_ name: String) -> Value? {
        if let mask, let col = mask[name] {
            if let cached = maskCache[name] { return cached }
            let v = Value.vector(Vector(column: col))
            maskCache[name] = v
            return v
        }
        return variables[name]
    }

    /// Binds `name` in this scope.
    func assign(_ name: String, _ value: Value) {
        variables[name] = value
        maskCache[name] = nil
    }

    /// R's `<<-`: rebinds `name` in the nearest enclosing scope that has it, else in the outermost.
    func superAssign(_ name: String, _ value: Value) {
        var env = parent
        while let e = env {
            if e.variables[name] != nil || e.parent == nil {
                e.assign(name, value)
                return
            }
            env = e.parent
        }
        assign(name, value)
    }

    /// Every name visible from here (for "did you mean" and completion).
    var visibleNames: [String] {
        var out = Set<String>()
        var env: Environment? = self
        while let e = env {
            out.formUnion(e.variables.keys)
            if let m = e.mask { out.formUnion(m.columnNames) }
            env = e.parent
        }
        return out.sorted()
    }

    /// Removes `name` from this scope; `false` when it was not there.
    @discardableResult
    func remove(_ name: String) -> Bool {
        variables.removeValue(forKey: name) != nil
    }

    /// Names bound in this scope, sorted.
    var localNames: [String] { variables.keys.sorted() }
}

extension Vector {
    /// The column's values as a vector (missing cells are NA).
    public init(column c: Column) {
        let m = c.missing
        switch c.values {
        case .double(let v): self.init(.double(v.indices.map { m[$0] ? nil : v[$0] }))
        case .integer(let v): self.init(.integer(v.indices.map { m[$0] ? nil : v[$0] }))
        case .boolean(let v): self.init(.logical(v.indices.map { m[$0] ? nil : v[$0] }))
        case .string(let v): self.init(.character(v.indices.map { m[$0] ? nil : v[$0] }))
        case .factor(let f):
            self.init(.factor(codes: f.codes.indices.map { m[$0] || f.codes[$0] < 0 ? nil : Int(f.codes[$0]) }, levels: f.levels))
        }
    }

    /// The vector as a table column called `name`.
    public func column(named name: String) -> Column {
        switch storage {
        case .double(let v):
            return Column(name: name, values: .double(v.map { $0 ?? .nan }), missing: v.map { $0 == nil })
        case .integer(let v):
            return Column(name: name, values: .integer(v.map { $0 ?? 0 }), missing: v.map { $0 == nil })
        case .logical(let v):
            return Column(name: name, values: .boolean(v.map { $0 ?? false }), missing: v.map { $0 == nil })
        case .character(let v):
            return Column(name: name, values: .string(v.map { $0 ?? "" }), missing: v.map { $0 == nil })
        case .factor(let c, let l):
            return Column(name: name, values: .factor(Factor(codes: c.map { Int32($0 ?? -1) }, levels: l)), missing: c.map { $0 == nil })
        }
    }
}
