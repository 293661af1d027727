import Dispatch
import Foundation
import Linalg

/// The risk-set pass over time blocks shared by both grouped-times evaluations (`evaluateByBlocks`,
/// `evaluateByRowBlocks`), which differ only in how they get the per-slot sums and the second moments.
///
/// From per-slot `S0 = Σ w e^η` and `S1 = Σ w e^η x`, a backward pass over the blocks of each stratum
/// accumulates the risk set; at an event time with `d` events, Efron's `d` sub-steps with denominators
/// `D_k = D + (k/d) D_dead` give the hazard `h = Σ_k w̄/D_k` of the rows at risk that do not fail,
/// `h_tied = Σ_k (k/d) w̄/D_k` of the tied events, the score term `a h + a_dead h_tied` and the
/// outer-product part of the information, `Σ_k w̄ (a + (k/d) a_dead)(a + (k/d) a_dead)'/D_k²`, in closed
/// form from three scalar sums (O(d) work, four sub-steps at a time, and O(p²) per time). `Σ_k log D_k` is taken
/// from products of the significands (one logarithm per 32 terms of each of four lanes, in each half of the
/// sub-steps of a time with many ties; the halves run on two cores for big data).
struct CoxBlockBackwardPass {
    /// Per slot (censored / events of each block): `Σ w e^η`.
    var s0: [Double]
    /// Per slot: `Σ w e^η x` (p each, slot-major).
    var s1: [Double]
    /// Per block: hazard increment for rows at risk that do not fail there, and for the tied events.
    var hazard: [Double]
    var tiedHazard: [Double]
    /// Per block: cumulative hazard of the earlier event times of its stratum.
    var before: [Double]
    /// Running risk-set sums of the backward pass.
    var a: [Double]
    /// `Σ_events w x` and `Σ_events w offset`: the events' part of the score, and with `β` of the
    /// log-likelihood (`Σ_events w η = Σ w offset + (Σ w x)'β`), fixed for the fit.
    var eventWX: [Double]
    let eventWOffset: Double

    init(blocks: CoxTimeBlocks, p: Int, eventWX: [Double], eventWOffset: Double) {
        self.eventWX = eventWX
        self.eventWOffset = eventWOffset
        s0 = [Double](repeating: 0, count: 2 * blocks.count)
        s1 = [Double](repeating: 0, count: 2 * blocks.count * p)
        hazard = [Double](repeating: 0, count: blocks.count)
        tiedHazard = hazard
        before = hazard
        a = [Double](repeating: 0, count: p)
    }

    /// The hazard a row of `slot` collects over the event times it is at risk (after `run`).
    func slotHazard(_ slot: Int) -> Double {
        let b = slot >> 1
        return before[b] + (slot & 1 == 1 ? tiedHazard[b] : hazard[b])
    }

    /// Efron's sums over the `d` sub-steps of one event time, `D_k = denom + (k/d) dead` for k = 1...d:
    /// `h = Σ w̄/D_k`, `ht = Σ (k/d) w̄/D_k`, `q0, q1, q2 = Σ (k/d)^{0,1,2} w̄/D_k²` and `Σ log D_k`.
    struct EfronSums {
        var h = 0.0, ht = 0.0, q0 = 0.0, q1 = 0.0, q2 = 0.0, logSum = 0.0

        /// The sums over two ranges of sub-steps, added.
        static func + (a: EfronSums, b: EfronSums) -> EfronSums {
            EfronSums(h: a.h + b.h, ht: a.ht + b.ht, q0: a.q0 + b.q0, q1: a.q1 + b.q1, q2: a.q2 + b.q2,
                      logSum: a.logSum + b.logSum)
        }
    }

    /// Events per pass from which the Efron sums of the two halves of every event time run on two cores.
    static let parallelEvents = 1 << 15
    /// Ties from which an event time's sub-steps are summed in two halves (fewer: all in the first half).
    static let splitTies = 64

    /// Efron's sums of one event time as the pass uses them: for `d >= splitTies` tied events the sub-steps
    /// `1...d/2` (half 0) and `d/2+1...d` (half 1) summed apart, to be added; for fewer, all of them in half 0
    /// and none in half 1. The same bits whether the halves run on one core or two.
    static func efronSums(denom: Double, dead dd: Double, count nd: Int, wtave: Double, half: Int) -> EfronSums {
        guard nd >= 1 else { return EfronSums() }
        let mid = nd >= splitTies ? nd / 2 : nd
        if half == 0 { return efronSums(denom: denom, dead: dd, count: nd, wtave: wtave, steps: 1...mid) }
        return mid < nd ? efronSums(denom: denom, dead: dd, count: nd, wtave: wtave, steps: (mid + 1)...nd) : EfronSums()
    }

    /// Efron's sums of one event time on one core: its two halves (`efronSums(half:)`) added.
    static func efronTimeSums(denom: Double, dead dd: Double, count nd: Int, wtave: Double) -> EfronSums {
        efronSums(denom: denom, dead: dd, count: nd, wtave: wtave, half: 0)
            + efronSums(denom: denom, dead: dd, count: nd, wtave: wtave, half: 1)
    }

    /// `EfronSums` four sub-steps at a time (SIMD); `Σ log D_k` from products of the significands (one
    /// logarithm per lane and 32 steps) plus the summed exponents, when every `D_k` is a normal positive
    /// number, else one logarithm per sub-step.
    /// `steps`: the sub-steps summed (all of them, `1...d`, unless the caller splits them).
    static func efronSums(denom: Double, dead dd: Double, count nd: Int, wtave: Double,
                          steps: ClosedRange<Int>? = nil) -> EfronSums {
        let ndd = Double(nd)
        var out = EfronSums()
        var k = steps?.lowerBound ?? 1
        let last = Swift.min(steps?.upperBound ?? nd, nd)
        if denom.isNormal && denom > 0 && dd >= 0 && (denom + dd).isFinite {
            typealias V = SIMD4<Double>
            var h = V(), ht = V(), q0 = V(), q1 = V(), q2 = V()
            var significands = V(repeating: 1), exponents = SIMD4<Int64>()
            var inProduct = 0
            let mantissa = SIMD4<UInt64>(repeating: 0x000F_FFFF_FFFF_FFFF), one = SIMD4<UInt64>(repeating: 0x3FF0_0000_0000_0000)
            func flush() {
                guard inProduct > 0 else { return }
                out.logSum += (Foundation.log(significands[0]) + Foundation.log(significands[1]))
                    + (Foundation.log(significands[2]) + Foundation.log(significands[3]))
                significands = V(repeating: 1)
                inProduct = 0
            }
            while k + 3 <= last {
                let f = V(Double(k), Double(k + 1), Double(k + 2), Double(k + 3)) / ndd
                let den = denom + f * dd
                let bits = unsafeBitCast(den, to: SIMD4<UInt64>.self)
                significands *= unsafeBitCast((bits & mantissa) | one, to: V.self)
                exponents &+= SIMD4<Int64>(truncatingIfNeeded: bits &>> 52) &- 1023
                inProduct += 1
                if inProduct == 32 { flush() }
                let inv = 1 / den
                let g = wtave * inv
                h += g
                ht += f * g
                let g2 = g * inv
                q0 += g2
                q1 += f * g2
                q2 += f * f * g2
                k += 4
            }
            flush()
            func total(_ v: V) -> Double { (v[0] + v[1]) + (v[2] + v[3]) }
            out.h = total(h); out.ht = total(ht); out.q0 = total(q0); out.q1 = total(q1); out.q2 = total(q2)
            out.logSum += Double(exponents.wrappedSum()) * M_LN2
        }
        // The remaining sub-steps (all of them when some D_k is not a normal number).
        while k <= last {
            let f = Double(k) / ndd
            let den = denom + f * dd
            out.logSum += Foundation.log(den)
            let inv = 1 / den
            let g = wtave * inv
            out.h += g
            out.ht += f * g
            let g2 = g * inv
            out.q0 += g2
            out.q1 += f * g2
            out.q2 += f * f * g2
            k += 1
        }
        return out
    }

    /// The log partial likelihood at `beta` from the current `s0` and `s1`; sets the score `u` and the
    /// negative outer-product part of the information in the lower triangle of `imat` (the rest zero), and
    /// the per-block hazards.
    mutating func run(_ blocks: CoxTimeBlocks, beta: [Double], efron: Bool, u: inout [Double], imat: inout Matrix) -> Double {
        let p = a.count
        var loglik = eventWOffset
        for c in 0..<p {
            u[c] = eventWX[c]
            loglik += eventWX[c] * beta[c]
        }
        // Backward pass per stratum.
        for k in 0..<(p * p) { imat.storage[k] = 0 }
        let nt = blocks.timeCount
        let nStrata = nt > 0 ? blocks.count / nt : 0
        let efronAt = efron ? efronSumsByBlock(blocks) : []
        a.withUnsafeMutableBufferPointer { a in
        s0.withUnsafeBufferPointer { s0 in
        s1.withUnsafeBufferPointer { s1 in
        hazard.withUnsafeMutableBufferPointer { hz in
        tiedHazard.withUnsafeMutableBufferPointer { th in
        before.withUnsafeMutableBufferPointer { before in
        imat.storage.withUnsafeMutableBufferPointer { im in
        u.withUnsafeMutableBufferPointer { u in
            for s in 0..<nStrata {
                var denom = 0.0
                for c in 0..<p { a[c] = 0 }
                for b in (s * nt)..<((s + 1) * nt) {
                    let cens = 2 * b, dead = 2 * b + 1
                    denom += s0[cens]
                    for c in 0..<p { a[c] += s1[cens * p + c] }
                    let nd = blocks.deaths[b]
                    hz[b] = 0
                    th[b] = 0
                    if nd == 0 { continue }
                    let deadwt = blocks.deadWeight[b]
                    let dd = s0[dead]
                    var h = 0.0, ht = 0.0, q0 = 0.0, q1 = 0.0, q2 = 0.0
                    if !efron || nd == 1 {
                        let den = denom + dd
                        loglik -= deadwt * Foundation.log(den)
                        h = deadwt / den
                        ht = h
                        q0 = h / den
                        q1 = q0
                        q2 = q0
                    } else {
                        let wtave = deadwt / Double(nd)
                        let e = efronAt.isEmpty || nd < Self.splitTies
                            ? Self.efronTimeSums(denom: denom, dead: dd, count: nd, wtave: wtave) : efronAt[b]
                        h = e.h; ht = e.ht; q0 = e.q0; q1 = e.q1; q2 = e.q2
                        loglik -= wtave * e.logSum
                    }
                    hz[b] = h
                    th[b] = ht
                    // Score: - Σ_k w̄ (a + f_k a_dead) / D_k; information: - outer products (lower triangle).
                    for c in 0..<p {
                        let ac = a[c], dc = s1[dead * p + c]
                        u[c] -= ac * h + dc * ht
                        for d in 0...c {
                            let ad = a[d], dd2 = s1[dead * p + d]
                            im[c + d * p] -= ac * ad * q0 + (ac * dd2 + dc * ad) * q1 + dc * dd2 * q2
                        }
                    }
                    denom += dd
                    for c in 0..<p { a[c] += s1[dead * p + c] }
                }
                // Cumulative hazard of the earlier times (ascending time = descending block index).
                var cum = 0.0
                var b = (s + 1) * nt - 1
                while b >= s * nt {
                    before[b] = cum
                    cum += hz[b]
                    b -= 1
                }
            }
        }}}}}}}}
        return loglik
    }

    /// Efron's sums of the blocks with at least `splitTies` tied events, when these hold enough events for two
    /// cores to pay (`parallelEvents`): the denominators come first (a pass over the blocks as `run` makes it),
    /// then each core sums one half of every such event time's sub-steps. Indexed by block (entries of other
    /// blocks unused: `run` sums those as it goes); empty when two cores would not pay.
    func efronSumsByBlock(_ blocks: CoxTimeBlocks) -> [EfronSums] {
        let nt = blocks.timeCount
        let nStrata = nt > 0 ? blocks.count / nt : 0
        var jobs: [(block: Int, denom: Double, dead: Double, count: Int, wtave: Double)] = []
        var events = 0
        for s in 0..<nStrata {
            var denom = 0.0
            for b in (s * nt)..<((s + 1) * nt) {
                denom += s0[2 * b]
                let nd = blocks.deaths[b]
                if nd >= Self.splitTies {
                    jobs.append((b, denom, s0[2 * b + 1], nd, blocks.deadWeight[b] / Double(nd)))
                    events += nd
                }
                if nd > 0 { denom += s0[2 * b + 1] }
            }
        }
        guard events >= Self.parallelEvents else { return [] }
        var halves = [EfronSums](repeating: EfronSums(), count: 2 * jobs.count)
        halves.withUnsafeMutableBufferPointer { out in
            let halves = EfronHalves(out: out)
            let work = jobs
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                for (j, job) in work.enumerated() {
                    halves.out[half * work.count + j] = Self.efronSums(denom: job.denom, dead: job.dead, count: job.count,
                                                             wtave: job.wtave, half: half)
                }
            }
        }
        var byBlock = [EfronSums](repeating: EfronSums(), count: blocks.count)
        for (j, job) in jobs.enumerated() { byBlock[job.block] = halves[j] + halves[jobs.count + j] }
        return byBlock
    }
}

/// The two halves' results of `efronSumsByBlock` (each core writes its own entries).
private struct EfronHalves: @unchecked Sendable {
    let out: UnsafeMutableBufferPointer<CoxBlockBackwardPass.EfronSums>
}
