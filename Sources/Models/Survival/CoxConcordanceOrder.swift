import Dispatch
/// Risk scores sorted ascending, each with a tag (its row, or a code the caller chose) and optionally its
/// weight: the order both concordance passes sweep.
///
/// A bucket sort by value in two cache-friendly levels. The scores go first to `n / 512` (at most 1024) coarse
/// buckets of equal width between their minimum and maximum (the bucket index `floor((v - min) * scale)`
/// never decreases as `v` grows): few enough that the scatter's write positions stay in cache. Each
/// coarse bucket is then spread over as many fine buckets as it has scores, on its own range, and each
/// fine bucket is ordered by insertion (one pass over the coarse bucket as it is copied back). Scores of a fitted model are spread smoothly, so fine buckets hold
/// a value or two and the sort is O(n): two counting scatters, no random reads. A fine bucket that still
/// holds many distinct values (far outliers stretch the range) is bucket-sorted again on its own range, to
/// a small depth, then sorted by comparison; equal values cost nothing (insertion moves only strictly
/// greater values). Carrying the tag and weight along spares the sweep a random gather per row.
struct ConcordanceScoreOrder {
    /// The scores, ascending.
    let sorted: [Double]
    /// `tags[k]` belongs to the score `sorted[k]`: its row, or the caller's tag of that row.
    let tags: [Int32]
    /// The weights in the same order, when the caller passed weights.
    let weights: [Double]?

    /// Rows from which the coarse scatter and the bucket sorts run on two cores.
    static let parallelRows = 1 << 16

    /// Sorts `values` (at most `Int32.max` of them), carrying `tags` (default: the row numbers) and
    /// `weights` (if given) along. Non-finite scores (an overflowing fit) are ordered by `RadixOrder`
    /// instead (NaN after +infinity).
    init(_ values: [Double], tags rowTags: [Int32]? = nil, weights rowWeights: [Double]? = nil) {
        let n = values.count
        precondition(n <= Int(Int32.max), "ConcordanceScoreOrder: more than Int32.max rows")
        precondition(rowTags.map { $0.count == n } ?? true && rowWeights.map { $0.count == n } ?? true)
        var lo = Double.infinity, hi = -Double.infinity, finite = true
        // Range and finiteness in one branch-free pass (two independent chains of min/max).
        values.withUnsafeBufferPointer { v in
            var lo0 = Double.infinity, hi0 = -Double.infinity, lo1 = Double.infinity, hi1 = -Double.infinity
            var bad = 0.0
            var i = 0
            while i &+ 1 < v.count {
                let a = v[i], b = v[i &+ 1]
                lo0 = a < lo0 ? a : lo0; hi0 = a > hi0 ? a : hi0
                lo1 = b < lo1 ? b : lo1; hi1 = b > hi1 ? b : hi1
                bad += (a - a) + (b - b)      // NaN unless both finite
                i &+= 2
            }
            if i < v.count { let a = v[i]; lo0 = a < lo0 ? a : lo0; hi0 = a > hi0 ? a : hi0; bad += a - a }
            lo = Swift.min(lo0, lo1); hi = Swift.max(hi0, hi1)
            finite = bad == 0
        }
        let coarse = Swift.min(Swift.max(1, n >> 9), 1024)
        let scale = Double(coarse) / (hi - lo)
        guard finite, n > 1, lo < hi, scale > 0, scale.isFinite else {
            // All equal (or none): already sorted. Infinite, NaN, or too wide or too narrow a range: radix.
            let order = finite && !(lo < hi) ? Array(0..<n) : RadixOrder.ascending(values)
            sorted = order.map { values[$0] }
            tags = order.map { rowTags?[$0] ?? Int32(truncatingIfNeeded: $0) }
            weights = rowWeights.map { w in order.map { w[$0] } }
            return
        }
        // Every position is written by the scatter below.
        var keys = [Double](unsafeUninitializedCapacity: n) { _, c in c = n }
        var outTags = [Int32](unsafeUninitializedCapacity: n) { _, c in c = n }
        var outWeights = [Double](unsafeUninitializedCapacity: rowWeights == nil ? 0 : n) { _, c in c = rowWeights == nil ? 0 : n }
        var starts = [Int](repeating: 0, count: coarse + 1)
        values.withUnsafeBufferPointer { v in
        keys.withUnsafeMutableBufferPointer { keys in
        outTags.withUnsafeMutableBufferPointer { tags in
        outWeights.withUnsafeMutableBufferPointer { weights in
        starts.withUnsafeMutableBufferPointer { starts in
            // The coarse scatter: for big data in two halves of the rows on two cores (the first half's rows
            // of a bucket go before the second's, so the order is the same either way).
            let largest = rowTags.withUnsafeBufferPointerIfPresent { tagsIn in
                rowWeights.withUnsafeBufferPointerIfPresent { weightsIn in
                    CoarseScatter(values: v.baseAddress, tagsIn: tagsIn?.baseAddress, weightsIn: weightsIn?.baseAddress,
                                  keys: keys.baseAddress, tags: tags.baseAddress,
                                  weights: weightsIn == nil ? nil : weights.baseAddress,
                                  n: n, lo: lo, scale: scale, coarse: coarse, parts: n >= Self.parallelRows ? 2 : 1)
                        .run(ends: starts)
                }
            }
            let segment = SortSegment(keys: keys, tags: tags, weights: rowWeights == nil ? nil : weights)
            // The coarse buckets are sorted independently: in two runs of buckets with about half the rows
            // each, on two cores, for big data (the result is the same either way).
            var cut = coarse
            if n >= Self.parallelRows {
                cut = 0
                while cut < coarse && starts[cut] < n / 2 { cut += 1 }
            }
            let ends = Array(starts)
            let groups = cut < coarse ? [0..<(cut + 1), (cut + 1)..<coarse] : [0..<coarse]
            let weighted = rowWeights != nil, capacity = largest
            let sortGroup = { @Sendable (g: Int) in
                var scratch = SortScratch(capacity: capacity, weighted: weighted)
                var begin = groups[g].lowerBound == 0 ? 0 : ends[groups[g].lowerBound - 1]
                for b in groups[g] {
                    let end = ends[b]
                    if end - begin > 1 { segment.sort(begin, end, depth: 0, scratch: &scratch) }
                    begin = end
                }
            }
            if groups.count == 1 {
                sortGroup(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: groups.count) { sortGroup($0) }
            }
        }}}}}
        sorted = keys
        tags = outTags
        weights = rowWeights == nil ? nil : outWeights
    }
}

/// The coarse bucket scatter of `ConcordanceScoreOrder`: rows counted per bucket, then copied to their bucket's
/// range in row order, in `parts` (1 or 2) contiguous pieces of the rows, two on two cores.
private struct CoarseScatter: @unchecked Sendable {
    let values: UnsafePointer<Double>?
    let tagsIn: UnsafePointer<Int32>?
    let weightsIn: UnsafePointer<Double>?
    let keys: UnsafeMutablePointer<Double>?
    let tags: UnsafeMutablePointer<Int32>?
    let weights: UnsafeMutablePointer<Double>?
    let n: Int, lo: Double, scale: Double, coarse: Int, parts: Int

    @inline(__always) func bucket(_ x: Double) -> Int { Swift.min(Int((x - lo) * scale), coarse &- 1) }

    func rows(_ part: Int) -> Range<Int> { (part * n / parts)..<((part + 1) * n / parts) }

    /// `body` for every part, on several cores when there are several.
    func forEachPart(_ body: @Sendable (Int) -> Void) {
        if parts == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: parts) { body($0) } }
    }

    /// Scatters; sets `ends[b]` to the end of bucket `b` (`ends` has `coarse + 1` entries) and returns the
    /// largest bucket's size.
    func run(ends: UnsafeMutableBufferPointer<Int>) -> Int {
        var counts = [Int](repeating: 0, count: parts * coarse)
        var largest = 0
        counts.withUnsafeMutableBufferPointer { counts in
            guard let c = counts.baseAddress else { return }
            let shared = Counts(base: c)
            forEachPart { part in
                guard let v = values else { return }
                let own = shared.base + part * coarse
                for i in rows(part) { own[bucket(v[i])] &+= 1 }
            }
            // Bucket b takes part 0's rows from `next[b]`, part 1's from `next[coarse + b]`.
            var running = 0
            for b in 0..<coarse {
                var size = 0
                for part in 0..<parts {
                    let count = c[part * coarse + b]
                    c[part * coarse + b] = running + size
                    size += count
                }
                running += size
                largest = Swift.max(largest, size)
                ends[b] = running
            }
            ends[coarse] = n
            forEachPart { part in
                guard let v = values, let keys, let tags else { return }
                let next = shared.base + part * coarse
                for i in rows(part) {
                    let b = bucket(v[i])
                    let d = next[b]
                    next[b] = d &+ 1
                    keys[d] = v[i]
                    tags[d] = tagsIn?[i] ?? Int32(truncatingIfNeeded: i)
                    if let weights, let weightsIn { weights[d] = weightsIn[i] }
                }
            }
        }
        return largest
    }

    /// The per-part bucket counters (each part uses only its own `coarse` entries).
    private struct Counts: @unchecked Sendable { let base: UnsafeMutablePointer<Int> }
}

/// Workspace of `SortSegment.sort`: a copy of one segment and its bucket counts.
struct SortScratch {
    var keys: [Double]
    var tags: [Int32]
    var weights: [Double]
    var starts: [Int]

    init(capacity: Int, weighted: Bool) {
        keys = [Double](repeating: 0, count: capacity)
        tags = [Int32](repeating: 0, count: capacity)
        weights = [Double](repeating: 0, count: weighted ? capacity : 0)
        starts = [Int](repeating: 0, count: capacity + 1)
    }
}

/// Parallel arrays of scores, tags and (optional) weights, sorted by score range by range.
struct SortSegment: @unchecked Sendable {
    let keys: UnsafeMutableBufferPointer<Double>
    let tags: UnsafeMutableBufferPointer<Int32>
    let weights: UnsafeMutableBufferPointer<Double>?

    /// Segments up to this length are insertion-sorted.
    static let insertionLimit = 32
    /// Bucket passes applied to one crowded segment before it is left to a comparison sort.
    static let maxDepth = 3

    /// Sorts `[begin, end)` by score, by a bucket pass over its own range (`scratch` holds at least
    /// `end - begin` entries) and insertion within buckets.
    func sort(_ begin: Int, _ end: Int, depth: Int, scratch: inout SortScratch) {
        let m = end - begin
        if m <= Self.insertionLimit {
            insertionSort(begin, end)
            return
        }
        var lo = keys[begin], hi = keys[begin]
        for k in begin..<end {
            let x = keys[k]
            if x < lo { lo = x }
            if x > hi { hi = x }
        }
        if lo == hi { return }
        let scale = Double(m) / (hi - lo)
        if depth >= Self.maxDepth || !(scale > 0 && scale.isFinite) {
            comparisonSort(begin, end)
            return
        }
        var crowded = false
        scratch.keys.withUnsafeMutableBufferPointer { sk in
        scratch.tags.withUnsafeMutableBufferPointer { st in
        scratch.weights.withUnsafeMutableBufferPointer { sw in
        scratch.starts.withUnsafeMutableBufferPointer { starts in
            @inline(__always) func bucket(_ x: Double) -> Int { Swift.min(Int((x - lo) * scale), m &- 1) }
            for b in 0...m { starts[b] = 0 }
            for k in begin..<end { starts[bucket(keys[k]) &+ 1] &+= 1 }
            var largest = 0
            for b in 0..<m {
                largest = Swift.max(largest, starts[b &+ 1])
                starts[b &+ 1] &+= starts[b]
            }
            for k in begin..<end {
                let b = bucket(keys[k])
                let d = starts[b]
                starts[b] = d &+ 1
                sk[d] = keys[k]
                st[d] = tags[k]
                if let weights { sw[d] = weights[k] }
            }
            if largest <= Self.insertionLimit && weights == nil, let ko = keys.baseAddress.map({ $0 + begin }),
               let to = tags.baseAddress.map({ $0 + begin }), let skb = sk.baseAddress, let stb = st.baseAddress {
                // Every bucket small, no weights: the segment goes back in bucket order through one branch-free
                // compare-exchange pass that carries the larger of each adjacent pair forward (stable: equal
                // scores keep their order). Buckets are in score order, so this orders every bucket of up to two;
                // the few of three or more are then insertion-sorted. (The insertion pass this replaces spent most
                // of its time on mispredicted branches; the change took about a tenth off the sort of 1M normal
                // scores in a microbenchmark; the end-to-end effect, with other changes, is in
                // Benchmarks/RESULTS.md, 2026-12-01, the run on e1321dc.)
                var pk = skb[0], pt = stb[0]
                for q in 1..<m {
                    let key = skb[q], tag = stb[q]
                    let swap = pk > key
                    ko[q &- 1] = swap ? key : pk
                    to[q &- 1] = swap ? tag : pt
                    pk = swap ? pk : key
                    pt = swap ? pt : tag
                }
                ko[m &- 1] = pk
                to[m &- 1] = pt
                var b0 = 0
                for b in 0..<m {
                    let b1 = starts[b]
                    if b1 &- b0 > 2 { insertionSort(begin &+ b0, begin &+ b1) }
                    b0 = b1
                }
                return
            }
            if largest <= Self.insertionLimit {
                // Every bucket small: one insertion pass copying the segment back puts it in order.
                for q in 0..<m {
                    let key = sk[q], tag = st[q]
                    var j = begin &+ q
                    while j > begin && keys[j &- 1] > key {
                        keys[j] = keys[j &- 1]
                        tags[j] = tags[j &- 1]
                        if let weights { weights[j] = weights[j &- 1] }
                        j &-= 1
                    }
                    keys[j] = key
                    tags[j] = tag
                    if let weights { weights[j] = sw[q] }
                }
                return
            }
            for q in 0..<m {
                keys[begin &+ q] = sk[q]
                tags[begin &+ q] = st[q]
                if let weights { weights[begin &+ q] = sw[q] }
            }
            var b0 = 0
            for b in 0..<m {
                let b1 = starts[b]
                if b1 - b0 > Self.insertionLimit {
                    crowded = true
                } else if b1 - b0 > 1 {
                    insertionSort(begin + b0, begin + b1)
                }
                b0 = b1
            }
        }}}}
        guard crowded else { return }
        // Rare: buckets still holding many values; sort them with their own workspace (this one holds the
        // bucket bounds no more, so find them again from the keys' bucket indices).
        var inner = SortScratch(capacity: 0, weighted: weights != nil)
        var b0 = begin
        while b0 < end {
            let b = Swift.min(Int((keys[b0] - lo) * scale), m - 1)
            var b1 = b0 + 1
            while b1 < end && Swift.min(Int((keys[b1] - lo) * scale), m - 1) == b { b1 += 1 }
            if b1 - b0 > Self.insertionLimit {
                if inner.keys.count < b1 - b0 { inner = SortScratch(capacity: b1 - b0, weighted: weights != nil) }
                sort(b0, b1, depth: depth + 1, scratch: &inner)
            }
            b0 = b1
        }
    }

    /// Stable insertion sort of `[begin, end)` by score.
    @inline(__always)
    func insertionSort(_ begin: Int, _ end: Int) {
        var k = begin + 1
        while k < end {
            let key = keys[k]
            if keys[k - 1] > key {
                let tag = tags[k], weight = weights?[k] ?? 0
                var j = k
                while j > begin && keys[j - 1] > key {
                    keys[j] = keys[j - 1]
                    tags[j] = tags[j - 1]
                    if let weights { weights[j] = weights[j - 1] }
                    j -= 1
                }
                keys[j] = key
                tags[j] = tag
                if let weights { weights[j] = weight }
            }
            k += 1
        }
    }

    /// Sorts `[begin, end)` by (score, tag) with the standard library's sort.
    func comparisonSort(_ begin: Int, _ end: Int) {
        var items = (begin..<end).map { (keys[$0], tags[$0], weights?[$0] ?? 0) }
        items.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        for (q, item) in items.enumerated() {
            keys[begin + q] = item.0
            tags[begin + q] = item.1
            weights?[begin + q] = item.2
        }
    }
}
