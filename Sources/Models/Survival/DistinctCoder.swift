/// Codes values by their distinct values in order of first appearance, for data with few distinct
/// values (school years, grouped times): a value equal to the previous one or to one of the first 16
/// distinct values is found by comparison, without hashing; beyond 16 distinct values a dictionary takes
/// over. Values are compared with `==` (so `-0.0` and `0.0` are one value); NaN is never equal to a seen one.
struct DistinctCoder {
    /// The distinct values, in order of first appearance.
    private(set) var values: [Double] = []
    private var index: [Double: Int32]? = nil
    private var last = Double.nan
    private var lastCode: Int32 = -1
    /// Distinct values found by comparison before the dictionary takes over.
    static let linearLimit = 16

    /// Codes all of `input` (writing each value's code into `codes` when given), adding new values: the
    /// same as calling `code` on each value in turn, with the first `linearLimit` distinct values kept in
    /// local storage for speed. Stops and returns `false` as soon as there would be more than `limit`
    /// distinct values (the codes written so far stay).
    @discardableResult
    mutating func codeAll(_ input: UnsafeBufferPointer<Double>, codes: UnsafeMutablePointer<Int32>?,
                          limit: Int = .max) -> Bool {
        var withinLimit = true
        var i = 0
        let n = input.count
        if index == nil {
            // Fast path: few distinct values, compared in a local buffer.
            var local = [Double](repeating: 0, count: Self.linearLimit)
            var count = values.count
            for k in 0..<count { local[k] = values[k] }
            var last = self.last, lastCode = self.lastCode
            local.withUnsafeMutableBufferPointer { seen in
                while i < n {
                    // Compared with every seen value, without branching on which one matches (in random
                    // order a data-dependent early exit mispredicts on almost every value).
                    let v = input[i]
                    var c = -1
                    for k in 0..<count { c = seen[k] == v ? k : c }
                    if c < 0 {
                        if count >= limit { withinLimit = false; break }
                        if count == Self.linearLimit { break }   // one more: the dictionary takes over
                        seen[count] = v
                        c = count
                        count += 1
                    }
                    last = v
                    lastCode = Int32(c)
                    codes?[i] = lastCode
                    i += 1
                }
            }
            values = Array(local[0..<count])
            self.last = last
            self.lastCode = lastCode
        }
        while withinLimit && i < n {
            let c = code(input[i])
            if values.count > limit { return false }
            codes?[i] = c
            i += 1
        }
        return withinLimit
    }

    /// The code of `v` (its index in `values`), adding it when new.
    @inline(__always)
    mutating func code(_ v: Double) -> Int32 {
        if v == last { return lastCode }
        let c = lookUp(v)
        last = v
        lastCode = c
        return c
    }

    private mutating func lookUp(_ v: Double) -> Int32 {
        if index == nil {
            let found: Int32 = values.withUnsafeBufferPointer { vs in
                for k in 0..<vs.count where vs[k] == v { return Int32(k) }
                return -1
            }
            if found >= 0 { return found }
        } else if let c = index?[v] {
            return c
        }
        let c = Int32(values.count)
        values.append(v)
        if index != nil {
            index?[v] = c
        } else if values.count > Self.linearLimit {
            var made: [Double: Int32] = [:]
            for (k, value) in values.enumerated() { made[value] = Int32(k) }
            index = made
        }
        return c
    }
}
