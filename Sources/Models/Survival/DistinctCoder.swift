/// Codes values by their distinct values in order of first appearance, for data with few distinct
/// values (school years, grouped times): while there are at most 16 distinct values a value is found in a
/// small table of bit patterns or by comparison; beyond 16 distinct values a dictionary takes
/// over. Values are compared with `==` (so `-0.0` and `0.0` are one value); NaN is never equal to a seen one.
struct DistinctCoder {
    /// The distinct values, in order of first appearance.
    private(set) var values: [Double] = []
    private var index: [Double: Int32]? = nil
    private var last = Double.nan
    private var lastCode: Int32 = -1
    /// Distinct values found by comparison before the dictionary takes over.
    static let linearLimit = 16
    /// Entries of the fast path's table of bit patterns (a power of 2).
    static let tableSize = 256

    /// The fast path's table entry for a bit pattern (a multiplicative hash's top 8 bits).
    @inline(__always)
    static func slot(_ bits: UInt64) -> Int { Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 56) }

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
            // Fast path: few distinct values. A small direct-mapped table of bit patterns answers almost every
            // value with one probe; a miss (a new value, -0.0 after 0.0, a collision) is settled by comparing
            // with every seen value, without branching on which one matches. NaN is never put in the table.
            var local = [Double](repeating: 0, count: Self.linearLimit)
            var count = values.count
            for k in 0..<count { local[k] = values[k] }
            var tableBits = [UInt64](repeating: 0, count: Self.tableSize)
            var tableCode = [Int32](repeating: -1, count: Self.tableSize)
            for k in 0..<count where !local[k].isNaN {
                let h = Self.slot(local[k].bitPattern)
                if tableCode[h] < 0 { tableBits[h] = local[k].bitPattern; tableCode[h] = Int32(k) }
            }
            var last = self.last, lastCode = self.lastCode
            local.withUnsafeMutableBufferPointer { seen in
            tableBits.withUnsafeMutableBufferPointer { tableBits in
            tableCode.withUnsafeMutableBufferPointer { tableCode in
                while i < n {
                    let v = input[i]
                    let bits = v.bitPattern
                    let h = Self.slot(bits)
                    var c: Int
                    if tableCode[h] >= 0 && tableBits[h] == bits {
                        c = Int(tableCode[h])
                    } else {
                        c = -1
                        for k in 0..<count { c = seen[k] == v ? k : c }
                        if c < 0 {
                            if count >= limit { withinLimit = false; break }
                            if count == Self.linearLimit { break }   // one more: the dictionary takes over
                            seen[count] = v
                            c = count
                            count += 1
                        }
                        if tableCode[h] < 0 && !v.isNaN { tableBits[h] = bits; tableCode[h] = Int32(c) }
                    }
                    last = v
                    lastCode = Int32(c)
                    codes?[i] = lastCode
                    i += 1
                }
            }}}
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
