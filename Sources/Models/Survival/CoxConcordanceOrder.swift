/// Risk scores sorted ascending, with the rows they came from: the order both concordance passes sweep.
///
/// A bucket sort by value: `m` scores go to `m` buckets of equal width between their minimum and maximum
/// (the bucket index `floor((v - min) * m / (max - min))` never decreases as `v` grows), one counting pass
/// and one scatter, then each bucket is ordered by comparison. Scores of a fitted model are spread
/// smoothly, so buckets hold a handful of values and the sort is O(n) with two passes of random access,
/// several times faster than eight radix passes. A bucket that still holds many distinct values (a far
/// outlier stretched the range) is bucket-sorted again on its own range, to a small depth, then sorted by
/// comparison; equal values cost nothing (insertion sort moves only strictly greater values).
struct ConcordanceScoreOrder {
    /// The scores, ascending.
    let sorted: [Double]
    /// `rows[k]` is the row whose score is `sorted[k]`.
    let rows: [Int32]

    /// Sorts `values` (at most `Int32.max` of them). Non-finite scores (an overflowing fit) are ordered by
    /// `RadixOrder` instead (NaN after +infinity).
    init(_ values: [Double]) {
        let n = values.count
        precondition(n <= Int(Int32.max), "ConcordanceScoreOrder: more than Int32.max rows")
        var lo = Double.infinity, hi = -Double.infinity, finite = true
        for v in values {
            if !v.isFinite { finite = false; break }
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        let scale = Double(n) / (hi - lo)
        guard finite, n > 1, lo < hi, scale > 0, scale.isFinite else {
            // All equal (or none): already sorted. Infinite, NaN or too wide or too narrow a range: radix.
            let order = finite && !(lo < hi) ? Array(0..<n) : RadixOrder.ascending(values)
            rows = order.map { Int32(truncatingIfNeeded: $0) }
            sorted = order.map { values[$0] }
            return
        }
        var keys = [Double](repeating: 0, count: n)
        var index = [Int32](repeating: 0, count: n)
        var starts = [Int32](repeating: 0, count: n + 1)
        values.withUnsafeBufferPointer { v in
        keys.withUnsafeMutableBufferPointer { keys in
        index.withUnsafeMutableBufferPointer { index in
        starts.withUnsafeMutableBufferPointer { starts in
            @inline(__always) func bucket(_ x: Double) -> Int { Swift.min(Int((x - lo) * scale), n - 1) }
            for i in 0..<n { starts[bucket(v[i]) + 1] &+= 1 }
            for b in 0..<n { starts[b + 1] &+= starts[b] }
            // After the scatter, starts[b] is the end of bucket b (the begin of bucket b + 1).
            for i in 0..<n {
                let b = bucket(v[i])
                let d = Int(starts[b])
                starts[b] = Int32(truncatingIfNeeded: d + 1)
                keys[d] = v[i]
                index[d] = Int32(truncatingIfNeeded: i)
            }
            var begin = 0
            for b in 0..<n {
                let end = Int(starts[b])
                if end - begin > 1 { Self.sortSegment(keys, index, begin, end, depth: 0) }
                begin = end
            }
        }}}}
        sorted = keys
        rows = index
    }

    /// Segments up to this length are insertion-sorted.
    static let insertionLimit = 32
    /// Bucket passes applied to one crowded segment before it is left to a comparison sort.
    static let maxDepth = 3

    /// Sorts `keys[begin..<end]` (and `index` along) ascending.
    static func sortSegment(_ keys: UnsafeMutableBufferPointer<Double>, _ index: UnsafeMutableBufferPointer<Int32>,
                            _ begin: Int, _ end: Int, depth: Int) {
        let m = end - begin
        if m <= insertionLimit {
            insertionSort(keys, index, begin, end)
            return
        }
        var lo = keys[begin], hi = keys[begin]
        for k in begin..<end {
            if keys[k] < lo { lo = keys[k] }
            if keys[k] > hi { hi = keys[k] }
        }
        if lo == hi { return }
        let scale = Double(m) / (hi - lo)
        if depth >= maxDepth || !(scale > 0 && scale.isFinite) {
            var pairs = (begin..<end).map { (keys[$0], index[$0]) }
            pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            for (q, pair) in pairs.enumerated() { keys[begin + q] = pair.0; index[begin + q] = pair.1 }
            return
        }
        var starts = [Int](repeating: 0, count: m + 1)
        var segmentKeys = [Double](repeating: 0, count: m)
        var segmentIndex = [Int32](repeating: 0, count: m)
        @inline(__always) func bucket(_ x: Double) -> Int { Swift.min(Int((x - lo) * scale), m - 1) }
        for k in begin..<end { starts[bucket(keys[k]) + 1] += 1 }
        for b in 0..<m { starts[b + 1] += starts[b] }
        for k in begin..<end {
            let b = bucket(keys[k])
            let d = starts[b]
            starts[b] = d + 1
            segmentKeys[d] = keys[k]
            segmentIndex[d] = index[k]
        }
        for q in 0..<m { keys[begin + q] = segmentKeys[q]; index[begin + q] = segmentIndex[q] }
        var b0 = 0
        for b in 0..<m {
            let b1 = starts[b]
            if b1 - b0 > 1 { sortSegment(keys, index, begin + b0, begin + b1, depth: depth + 1) }
            b0 = b1
        }
    }

    /// Stable insertion sort of `keys[begin..<end]` (and `index` along).
    @inline(__always)
    static func insertionSort(_ keys: UnsafeMutableBufferPointer<Double>, _ index: UnsafeMutableBufferPointer<Int32>,
                              _ begin: Int, _ end: Int) {
        var k = begin + 1
        while k < end {
            let key = keys[k], row = index[k]
            var j = k
            while j > begin && keys[j - 1] > key {
                keys[j] = keys[j - 1]
                index[j] = index[j - 1]
                j -= 1
            }
            keys[j] = key
            index[j] = row
            k += 1
        }
    }
}
