import Formula

/// Group membership per row for curves and tests: 0-based codes into `levels`, with a name
/// used to label strata the way R does (`sex=1`).
public struct GroupCodes: Sendable, Equatable {
    /// Variable name (`sex`); empty for the single group `all`.
    public var name: String
    /// Level per row, 0-based.
    public var codes: [Int]
    /// Level names.
    public var levels: [String]

    /// Creates group codes; throws if a code is outside `0..<levels.count`.
    public init(name: String, codes: [Int], levels: [String]) throws {
        for (i, c) in codes.enumerated() where c < 0 || c >= levels.count {
            throw SurvivalError.invalidOption("row \(i + 1): group code \(c) is outside the \(levels.count) levels of \(name)")
        }
        self.name = name
        self.codes = codes
        self.levels = levels
    }

    /// Groups from a model frame's grouping factor.
    public init(_ factor: GroupingFactor) throws {
        try self.init(name: factor.name, codes: factor.codes.map { Int($0) }, levels: factor.levels)
    }

    /// Groups from raw values (numbers or labels), levels sorted as R sorts a factor of numbers.
    public static func from(name: String, values: [Double]) throws -> GroupCodes {
        let uniq = Array(Set(values)).sorted()
        var index: [Double: Int] = [:]
        for (k, u) in uniq.enumerated() { index[u] = k }
        let labels = uniq.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }
        return try GroupCodes(name: name, codes: values.map { index[$0] ?? 0 }, levels: labels)
    }

    /// One group called `all`.
    public static func single(count: Int) throws -> GroupCodes {
        try GroupCodes(name: "", codes: [Int](repeating: 0, count: count), levels: ["all"])
    }

    /// Stratum label: `name=level`, or the level alone without a name.
    public func label(_ level: Int) -> String { name.isEmpty ? levels[level] : "\(name)=\(levels[level])" }

    /// Row indices per level, each in row order.
    public func rowsByLevel() -> [[Int]] {
        var out = [[Int]](repeating: [], count: levels.count)
        for (i, c) in codes.enumerated() { out[c].append(i) }
        return out
    }
}
