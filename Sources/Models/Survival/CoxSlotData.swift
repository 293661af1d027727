import Dispatch
import Foundation
import Frames
import Linalg
internal import CKernels

/// The centred covariates of right-censored Cox data grouped in time blocks, copied once per fit with the
/// rows sorted by slot (`2 * block + status`: each block's censored rows, then its events; row order within
/// a slot), so that one streaming pass per evaluation gives every per-slot sum the likelihood needs.
///
/// The pass (`accumulate`) works on chunks of rows of one slot: `η = offset + X β`, `r = w e^η`, and the
/// rows `z = sqrt(r) (1, x)`, whose cross-product `Z'Z` — one `PanelCrossProduct` per chunk — holds `S0 = Σ r`,
/// `S1 = Σ r x` and `S2 = Σ r x x'` of the slot at once. The rows are cut into a fixed number of parts
/// (set by `n` alone), each with its own sums, run on the available cores and added in part order: the
/// result does not depend on the number of cores.
struct CoxSlotData {
    /// Rows and covariates.
    let n: Int
    let p: Int
    /// Number of slots (`2 * blocks.count`).
    let slotCount: Int
    /// Rows of slot `s` in sorted order: `slotStart[s] ..< slotStart[s + 1]`.
    let slotStart: [Int]
    /// Centred covariates, column-major n x p, rows in slot order (empty once released).
    private(set) var x: [Double]
    /// Whether `x` was given back (`releaseCovariates`): the pass can no longer run; the rest stays usable.
    private(set) var covariatesReleased = false
    /// Offsets in slot order, `nil` when all are 0.
    let offset: [Double]?
    /// Case weights in slot order, `nil` when all are 1, and their square roots.
    let weight: [Double]?
    let rootWeight: [Double]?
    /// Sorted position of each row.
    let position: [Int32]
    /// Contiguous ranges of sorted positions worked on independently.
    let parts: [Range<Int>]
    /// Per part, the slots its rows belong to (the only per-slot sums it zeroes and that are added up).
    let partSlots: [Range<Int>]

    /// Columns of the per-slot sums: `p + 1` rounded up to a multiple of 4 (the extra columns are 0).
    static func width(p: Int) -> Int { (p + 1 + 3) & ~3 }
    /// `width(p:)` of this data.
    var width: Int { Self.width(p: p) }

    /// Rows per chunk (the chunk's `width` columns stay in the L2 cache). Not a power of 2: with 2048 rows the
    /// panel's columns lay 16 KiB apart, all in the same L1 cache sets, and the cross-product kernel ran a fifth
    /// slower (development measurement on the benchmark machine).
    static let chunkRows = 1000
    /// Rows per part; data smaller than two parts runs on one core.
    static let partRows = 16_384
    /// At most this many parts (their per-slot sums take memory).
    static let maxParts = 16

    /// Whether the per-slot pass suits data with `slots` slots and `p` covariates: each part keeps
    /// `slots width²` sums (at most 4 MB here) and each slot costs at least one kernel call per pass, so data
    /// with many distinct times go to `evaluateByRowBlocks` instead.
    static func pays(slots: Int, p: Int) -> Bool {
        slots <= 8192 && slots * width(p: p) * width(p: p) <= 1 << 19
    }

    /// Sorts the rows by slot (a counting sort) and copies the covariates centred by `means`; `raw` holds
    /// them in row order, n x p. `offset` and `weights` are `nil` when all are 0 and all are 1 (arrays
    /// that turn out so are treated the same).
    init(raw: CoxRawCovariates, means: [Double], blocks: CoxTimeBlocks, offset: [Double]?,
         weights: [Double]?, partRows: Int = CoxSlotData.partRows) {
        let n = blocks.slot.count, p = raw.count
        precondition(n <= Int(Int32.max), "CoxSlotData: more than Int32.max rows")
        precondition(raw.rows == n, "CoxSlotData: \(raw.rows) covariate rows for \(n) time-block rows")
        self.n = n
        self.p = p
        let ns = 2 * blocks.count
        slotCount = ns
        // Slots are in 0..<ns (CoxTimeBlocks), so the counting sort indexes without checks. Its counts are the
        // blocks' own: slot 2b holds the censored rows of block b, slot 2b + 1 its events.
        var start = [Int](repeating: 0, count: ns + 1)
        for b in 0..<blocks.count {
            start[2 * b + 1] = start[2 * b] + blocks.rowCount[b] - blocks.deaths[b]
            start[2 * b + 2] = start[2 * b + 1] + blocks.deaths[b]
        }
        var positions = [Int32](unsafeUninitializedCapacity: n) { _, c in c = n }
        blocks.slot.withUnsafeBufferPointer { slot in
            var next = start
            next.withUnsafeMutableBufferPointer { next in
                positions.withUnsafeMutableBufferPointer { positions in
                    for i in 0..<n {
                        let s = Int(slot[i])
                        positions[i] = Int32(truncatingIfNeeded: next[s])
                        next[s] &+= 1
                    }
                }
            }
        }
        slotStart = start
        position = positions
        x = [Double](unsafeUninitializedCapacity: n * p) { out, initialized in
            positions.withUnsafeBufferPointer { pos in
                ColumnParallel.forEach(columns: p, rows: n) { c in
                    guard let dst = out.baseAddress, let pos = pos.baseAddress else { return }
                    let m = means[c]
                    let d = dst + c * n
                    LargeBuffer.prefault(UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(start: d, count: n)))
                    raw.copyCentred(c, mean: m, into: d, positions: pos)
                }
            }
            initialized = n * p
        }
        func sorted(_ v: [Double]) -> [Double] {
            [Double](unsafeUninitializedCapacity: n) { out, c in
                positions.withUnsafeBufferPointer { pos in
                    v.withUnsafeBufferPointer { v in for i in 0..<n { out[Int(pos[i])] = v[i] } }
                }
                c = n
            }
        }
        self.offset = offset.flatMap { $0.contains { $0 != 0 } ? sorted($0) : nil }
        self.weight = weights.flatMap { $0.contains { $0 != 1 } ? sorted($0) : nil }
        rootWeight = self.weight.map { $0.map { $0.squareRoot() } }
        let partCount = Swift.min(Self.maxParts, Swift.max(1, n / Swift.max(1, partRows)))
        parts = (0..<partCount).map { k in (k * n / partCount)..<((k + 1) * n / partCount) }
        // The slot of sorted position i is the last s with slotStart[s] <= i.
        func slot(of i: Int) -> Int {
            var lo = 0, hi = ns
            while hi - lo > 1 { let mid = (lo + hi) / 2; if start[mid] <= i { lo = mid } else { hi = mid } }
            return lo
        }
        partSlots = parts.map { r in r.isEmpty ? 0..<0 : slot(of: r.lowerBound)..<(slot(of: r.upperBound - 1) + 1) }
    }

    /// Scratch space of `accumulate`, allocated once per fit.
    struct Workspace {
        /// Per part and slot, the upper triangle of `Z'Z` (`width`², column-major).
        var partSums: [Double]
        /// Per part: one chunk of `Z`.
        var z: [Double]

        init(_ data: CoxSlotData) {
            let w = data.width
            partSums = [Double](repeating: 0, count: data.parts.count * data.slotCount * w * w)
            z = [Double](repeating: 0, count: data.parts.count * CoxSlotData.chunkRows * w)
        }
    }

    /// One pass at `beta`: writes `η` of every row into `eta` (slot order) and the per-slot upper triangles of
    /// `Z'Z` into `sums` (`slotCount` blocks of `width`²: entry (0, 0) is S0, (0, 1 + j) S1, (1 + j, 1 + k)
    /// S2). The risks `w e^η` are not kept: only the row-order residuals need them, made from `η` then.
    func accumulate(_ beta: [Double], eta: inout [Double], sums: inout [Double], work: inout Workspace) {
        precondition(!covariatesReleased, "CoxSlotData: a pass after the covariates were released")
        let w2 = width * width
        x.withUnsafeBufferPointer { xs in
        beta.withUnsafeBufferPointer { b in
        slotStart.withUnsafeBufferPointer { starts in
        eta.withUnsafeMutableBufferPointer { etaOut in
        work.partSums.withUnsafeMutableBufferPointer { ps in
        work.z.withUnsafeMutableBufferPointer { zs in
        offset.withUnsafeBufferPointerIfPresent { offsetBuffer in
        rootWeight.withUnsafeBufferPointerIfPresent { rootWeightBuffer in
            let job = Job(n: n, p: p, x: xs.baseAddress!, beta: b.baseAddress!,
                          slotStart: starts.baseAddress!, slotCount: slotCount, offset: offsetBuffer?.baseAddress, rootWeight: rootWeightBuffer?.baseAddress,
                          eta: etaOut.baseAddress!, sums: ps.baseAddress!,
                          z: zs.baseAddress!, firstSlot: partSlots.map(\.lowerBound), slotEnd: partSlots.map(\.upperBound),
                          atZero: offset == nil && !beta.contains { $0 != 0 })
            let parts = self.parts
            if parts.count == 1 {
                job.run(part: 0, range: parts[0])
            } else {
                DispatchQueue.concurrentPerform(iterations: parts.count) { k in job.run(part: k, range: parts[k]) }
            }
        }}}}}}}}
        // Parts added in order, each over its own slots.
        for k in 0..<(slotCount * w2) { sums[k] = 0 }
        for part in 0..<parts.count {
            let base = part * slotCount * w2
            for k in (partSlots[part].lowerBound * w2)..<(partSlots[part].upperBound * w2) { sums[k] += work.partSums[base + k] }
        }
    }

    /// Gives back the covariates' memory (n p doubles) once no more passes will run, for what follows the
    /// fit to reuse; the slot layout (`position`, `slotStart`, weights) stays.
    mutating func releaseCovariates() {
        x = []
        covariatesReleased = true
    }

    /// The slot of each sorted position (`slotStart` spelled out row by row).
    func slotTags() -> [Int32] {
        [Int32](unsafeUninitializedCapacity: n) { out, c in
            for s in 0..<slotCount {
                let range = slotStart[s]..<slotStart[s + 1]
                if !range.isEmpty { out.baseAddress.map { ($0 + range.lowerBound).initialize(repeating: Int32(s), count: range.count) } }
            }
            c = n
        }
    }

    /// Copies values in slot order (`sorted`) into row order (`rows`).
    func unsort(_ sorted: [Double], into rows: inout [Double]) {
        position.withUnsafeBufferPointer { pos in
            sorted.withUnsafeBufferPointer { src in
                rows.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<n { dst[i] = src[Int(pos[i])] }
                }
            }
        }
    }


    /// The pointers one pass works through; each part writes only its own rows, sums and scratch.
    private struct Job: @unchecked Sendable {
        let n: Int, p: Int
        let x: UnsafePointer<Double>
        let beta: UnsafePointer<Double>
        let slotStart: UnsafePointer<Int>
        let slotCount: Int
        let offset: UnsafePointer<Double>?
        let rootWeight: UnsafePointer<Double>?
        let eta: UnsafeMutablePointer<Double>
        let sums: UnsafeMutablePointer<Double>
        let z: UnsafeMutablePointer<Double>
        /// Per part, its first slot and one past its last.
        let firstSlot: [Int]
        let slotEnd: [Int]
        /// β = 0 and no offset: η = 0 and r = w, no exponentials.
        let atZero: Bool

        func run(part: Int, range: Range<Int>) {
            let w = CoxSlotData.width(p: p)
            let chunk = CoxSlotData.chunkRows
            let z = self.z + part * chunk * w
            let partSums = sums + part * slotCount * w * w
            (partSums + firstSlot[part] * w * w).update(repeating: 0, count: (slotEnd[part] - firstSlot[part]) * w * w)
            // The chunk starting at row `at`: its slot (the first from `slot` on that holds `at`: slots may be empty) and its rows,
            // at most `chunk`, within the part and the slot.
            func chunkAt(_ at: Int, from slot: Int) -> (slot: Int, rows: Int) {
                var s = slot
                while slotStart[s + 1] <= at { s += 1 }
                return (s, Swift.min(chunk, range.upperBound - at, slotStart[s + 1] - at))
            }
            var at = range.lowerBound
            var current = at < range.upperBound ? chunkAt(at, from: 0) : (slot: 0, rows: 0)
            while at < range.upperBound {
                let (slot, m) = current
                // η and Z = sqrt(r) (1, x, 0...) (column-major m x w; the zero columns pad the width to a
                // multiple of 4), four rows at a time: sqrt(r) = sqrt(w) e^(η/2), so no square roots, and at
                // β = 0 without offset no exponentials at all.
                truant_cox_chunk(Int32(m), Int32(p), Int32(w), n, x + at, beta, offset.map { $0 + at },
                                 rootWeight.map { $0 + at }, atZero ? 1 : 0, eta + at, nil, z)
                // The next chunk's covariates are fetched while this one's cross-product runs.
                let next = at + m
                let following = next < range.upperBound ? chunkAt(next, from: slot) : (slot: slot, rows: 0)
                // The rows prefetched are the next iteration's own; a prefetch outside the part could neither fault
                // nor change a value, so no test would see it: checked here.
                assert(following.rows == 0 || (next >= range.lowerBound && next + following.rows <= range.upperBound))
                // Columns p + 1 ..< w of z are the zero padding: their sums stay 0 from the part's start.
                PanelCrossProduct.addUpper(columns: w, live: p + 1, rows: m, z, into: partSums + slot * w * w,
                                           prefetching: following.rows > 0 ? x + next : nil, rows: following.rows,
                                           columns: p, stride: n)
                at = next
                current = following
            }
        }
    }
}
