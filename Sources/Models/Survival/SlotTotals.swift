/// Totals per slot (a small integer code per row: a time block's censored rows or events) in one pass over the
/// rows: the number of rows, or their summed weights. Rows go to four interleaved tables (row `i` to table
/// `i mod 4`), so that rows of one slot in a row do not wait on each other's stores, added as
/// `(t0 + t1) + (t2 + t3)`; with many slots (they rarely repeat, and the tables would be big) one table.
enum SlotTotals {
    /// Slots from which one table is used.
    static let interleavedSlots = 1 << 14

    /// Per slot in `0..<slotCount`, the weight of its rows (`weights` `nil`: each row 1, so the count, exact).
    static func sum(_ slots: UnsafeBufferPointer<Int32>, weights: UnsafeBufferPointer<Double>?, slotCount ns: Int) -> [Double] {
        let lanes = ns <= interleavedSlots ? 4 : 1
        var tables = [Double](repeating: 0, count: lanes * ns)
        tables.withUnsafeMutableBufferPointer { t in
            let mask = lanes &- 1
            if let weights {
                for i in 0..<slots.count { t[(i & mask) &* ns &+ Int(slots[i])] += weights[i] }
            } else {
                for i in 0..<slots.count { t[(i & mask) &* ns &+ Int(slots[i])] += 1 }
            }
        }
        guard lanes == 4 else { return tables }
        return (0..<ns).map { s in
            let a: Double = tables[s] + tables[ns + s], b: Double = tables[2 * ns + s] + tables[3 * ns + s]
            return a + b
        }
    }
}
