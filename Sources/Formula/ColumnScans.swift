import Frames

// Row scans of the model-frame step over whole columns, written as loops over unsafe buffers.

/// The indices of the rows whose `missing` flag is `false`, in order.
func rowsWithoutMissing(_ missing: [Bool]) -> [Int] {
    missing.withUnsafeBufferPointer { m in
        var kept = 0
        for flag in m { kept &+= flag ? 0 : 1 }
        return [Int](unsafeUninitializedCapacity: kept) { out, initialized in
            LargeBuffer.prefault(UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: out[0..<kept])))
            if kept == m.count {
                for i in 0..<kept { out[i] = i }
            } else {
                var k = 0
                for i in 0..<m.count where !m[i] { out[k] = i; k += 1 }
            }
            initialized = kept
        }
    }
}

/// Which coding a numeric event indicator uses: all values in {0, 1}, and all values in {1, 2}.
/// (A `NaN` or any other value makes both `false`.)
func eventCoding(_ x: [Double]) -> (zeroOne: Bool, oneTwo: Bool) {
    x.withUnsafeBufferPointer { b in
        var zeroOne = true, oneTwo = true
        var start = 0
        while start < b.count, zeroOne || oneTwo {
            let end = Swift.min(start + 4096, b.count)
            var bad01 = false, bad12 = false
            for i in start..<end {
                let v = b[i]
                bad01 = bad01 || !(v == 0 || v == 1)
                bad12 = bad12 || !(v == 1 || v == 2)
            }
            if bad01 { zeroOne = false }
            if bad12 { oneTwo = false }
            start = end
        }
        return (zeroOne, oneTwo)
    }
}

/// Which coding an integer event indicator uses; as `eventCoding(_:)` for doubles.
func eventCoding(_ x: [Int]) -> (zeroOne: Bool, oneTwo: Bool) {
    x.withUnsafeBufferPointer { b in
        // v is 0 or 1 exactly when UInt(bitPattern: v) >> 1 == 0 (negative values wrap to huge ones);
        // v is 1 or 2 exactly when the same holds for v - 1. Branch-free, so the loop vectorizes.
        var zeroOne = true, oneTwo = true
        var start = 0
        while start < b.count, zeroOne || oneTwo {
            let end = Swift.min(start + 4096, b.count)
            var bad01: UInt = 0, bad12: UInt = 0
            for i in start..<end {
                let v = b[i]
                bad01 |= UInt(bitPattern: v) >> 1
                bad12 |= UInt(bitPattern: v &- 1) >> 1
            }
            if bad01 != 0 { zeroOne = false }
            if bad12 != 0 { oneTwo = false }
            start = end
        }
        return (zeroOne, oneTwo)
    }
}

/// Sets `mask[i]` to `true` where `source[i]` is `true` (a column's missing cells).
func markMissing(_ source: [Bool], into mask: inout [Bool]) {
    source.withUnsafeBufferPointer { s in
        mask.withUnsafeMutableBufferPointer { m in
            let from = UnsafeRawBufferPointer(s)
            let into = UnsafeMutableRawBufferPointer(m)
            for i in 0..<Swift.min(from.count, into.count) { into[i] |= from[i] }
        }
    }
}
