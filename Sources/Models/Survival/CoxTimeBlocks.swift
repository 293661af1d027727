import Foundation

/// Rows of right-censored Cox data grouped by (stratum, distinct stop time): the structure that lets an
/// evaluation with heavily tied times (school years) cost a few passes over the data plus BLAS.
///
/// Blocks are numbered in the order of the backward risk-set pass — stratum ascending, then time
/// descending — as `stratum * timeCount + rank`, where `rank` is the position of the time among the data's
/// distinct stop times in descending order (a stratum's blocks for times it does not have stay empty).
/// Each row has a slot `2 * block + (1 if it is an event)`, so censored rows and events of a block are
/// summed apart. `rowOrder()` lists the rows block by block, in row order within a block: the sort by
/// (stratum ascending, stop descending, row) that the other passes use, found by counting in O(n).
struct CoxTimeBlocks {
    /// Number of blocks (`strata * timeCount`).
    let count: Int
    /// Distinct stop times in the data.
    let timeCount: Int
    /// Per row: `2 * block + status`.
    let slot: [Int32]
    /// Per block: its stop time.
    let time: [Double]
    /// Per block: number of events.
    let deaths: [Int]
    /// Per block: summed case weights of its events.
    let deadWeight: [Double]
    /// Per block: number of rows (censored and events).
    let rowCount: [Int]

    /// The most blocks a Cox fit groups `rows` rows into (more distinct times go to the per-row pass).
    static func maxBlocks(rows: Int) -> Int { Swift.max(1024, rows / 2) }

    /// Groups the rows, or `nil` when the grouping would not pay: more than `maxBlocks` blocks (many
    /// distinct times, e.g. continuous ones, or many strata) or stratum codes outside `0..<n`.
    /// `strata`: each row's stratum code, `nil` when all rows are in stratum 0; `weights`: the case weights,
    /// `nil` when all are 1; `codes`: the stop times already coded by first appearance
    /// (`SurvivalData.stopCodes`), when known.
    init?(stop: [Double], status: [Int], strata: [Int]?, weights: [Double]?, maxBlocks: Int,
          codes known: (codes: [Int32], values: [Double])? = nil) {
        let n = stop.count
        var nStrata = 0
        for s in strata ?? [] {
            guard s >= 0, s < Swift.max(n, 1) else { return nil }
            if s + 1 > nStrata { nStrata = s + 1 }
        }
        nStrata = Swift.max(nStrata, 1)
        // Distinct times (by comparison while there are few); give up as soon as there are too many.
        let rowCode: [Int32], distinct: [Double]
        if let known, known.codes.count == n {
            guard known.values.count <= maxBlocks / nStrata else { return nil }
            rowCode = known.codes
            distinct = known.values
        } else {
            var coder = DistinctCoder()
            var made = [Int32](repeating: 0, count: n)
            let fits = stop.withUnsafeBufferPointer { s in
                made.withUnsafeMutableBufferPointer { coder.codeAll(s, codes: $0.baseAddress, limit: maxBlocks / nStrata) }
            }
            guard fits else { return nil }
            rowCode = made
            distinct = coder.values
        }
        let nt = distinct.count
        // Rank of each distinct time, descending.
        let byTime = (0..<nt).sorted { distinct[$0] > distinct[$1] }
        var rank = [Int](repeating: 0, count: nt)
        for (r, c) in byTime.enumerated() { rank[c] = r }
        count = nStrata * nt
        timeCount = nt
        var blockTime = [Double](repeating: 0, count: count)
        for s in 0..<nStrata { for c in 0..<nt { blockTime[s * nt + rank[c]] = distinct[c] } }
        time = blockTime
        // Per row its slot; per slot its rows and (events) weight. Codes, ranks and strata were checked above,
        // so the loops index without checks.
        var slots = [Int32](unsafeUninitializedCapacity: n) { _, c in c = n }
        slots.withUnsafeMutableBufferPointer { slotOut in
        rowCode.withUnsafeBufferPointer { code in
        rank.withUnsafeBufferPointer { rank in
        strata.withUnsafeBufferPointerIfPresent { strata in
        status.withUnsafeBufferPointer { status in
            if let strata {
                for i in 0..<n {
                    let s = 2 &* (strata[i] &* nt &+ rank[Int(code[i])]) &+ (status[i] != 0 ? 1 : 0)
                    slotOut[i] = Int32(truncatingIfNeeded: s)
                }
            } else {
                for i in 0..<n {
                    let s = 2 &* rank[Int(code[i])] &+ (status[i] != 0 ? 1 : 0)
                    slotOut[i] = Int32(truncatingIfNeeded: s)
                }
            }
        }}}}}
        // Rows per slot and, with weights, their summed weights.
        let ns = 2 * count
        let slotCounts = slots.withUnsafeBufferPointer { SlotTotals.sum($0, weights: nil, slotCount: ns) }
        let slotRows = slotCounts.map { Int($0) }
        let slotWeight = weights == nil ? slotCounts : slots.withUnsafeBufferPointer { slot in
            weights.withUnsafeBufferPointerIfPresent { SlotTotals.sum(slot, weights: $0, slotCount: ns) }
        }
        slot = slots
        deaths = (0..<count).map { slotRows[2 * $0 + 1] }
        deadWeight = (0..<count).map { slotWeight[2 * $0 + 1] }
        rowCount = (0..<count).map { slotRows[2 * $0] + slotRows[2 * $0 + 1] }
    }

    /// Rows by (stratum ascending, stop time descending, row ascending): a counting sort by block.
    func rowOrder() -> [Int] {
        let n = slot.count
        var next = [Int](repeating: 0, count: count)
        for b in 1..<Swift.max(count, 1) { next[b] = next[b - 1] + rowCount[b - 1] }
        return [Int](unsafeUninitializedCapacity: n) { rows, c in
            slot.withUnsafeBufferPointer { slots in
                next.withUnsafeMutableBufferPointer { next in
                    for i in 0..<n {
                        let b = Int(slots[i]) &>> 1
                        rows[next[b]] = i
                        next[b] &+= 1
                    }
                }
            }
            c = n
        }
    }
}
