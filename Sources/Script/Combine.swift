extension Interpreter {
    /// R's `c()` for vectors: the common type of all (logical < integer < double < character; factors
    /// with identical levels stay factors, otherwise they become their labels), names carried along.
    func combine(_ parts: [Vector], names labels: [String?]? = nil, at e: Expr) throws -> Vector {
        let rank: (Vector) -> Int = { v in
            switch v.storage {
            case .logical: return 0
            case .integer: return 1
            case .double: return 2
            case .character: return 3
            case .factor: return 4
            }
        }
        let nonEmpty = parts.filter { $0.count > 0 }
        var top = nonEmpty.map(rank).max() ?? (parts.map(rank).max() ?? 0)
        if top == 4 {
            let levelSets = Set(nonEmpty.compactMap { v -> [String]? in if case .factor(_, let l) = v.storage { return l }; return nil })
            if !(nonEmpty.allSatisfy { rank($0) == 4 } && levelSets.count == 1) { top = 3 }
        }
        var anyNames = false
        var names: [String] = []
        for (k, v) in parts.enumerated() {
            let label = labels?[k] ?? nil
            if v.names != nil || label != nil { anyNames = true }
            for i in 0..<v.count {
                let own = v.names?[i] ?? ""
                if let label, !label.isEmpty {
                    names.append(v.count == 1 ? label : (own.isEmpty ? "\(label)\(i + 1)" : "\(label).\(own)"))
                } else {
                    names.append(own)
                }
            }
        }
        let storage: Vector.Storage
        switch top {
        case 0: storage = .logical(parts.flatMap { $0.logicals ?? [] })
        case 1: storage = .integer(parts.flatMap { $0.integers })
        case 2: storage = .double(parts.flatMap { $0.doubles ?? [] })
        case 4:
            guard case .factor(_, let levels) = nonEmpty[0].storage else { storage = .character([]); break }
            storage = .factor(codes: nonEmpty.flatMap { v -> [Int?] in if case .factor(let c, _) = v.storage { return c }; return [] }, levels: levels)
        default: storage = .character(parts.flatMap { $0.strings })
        }
        return Vector(storage, names: anyNames ? names : nil)
    }
}
