import Testing
@testable import Frames

@Suite("Column as doubles")
struct ColumnDoublesTests {
    @Test("a double column without missing cells is returned as stored; missing cells become NaN")
    func doubleColumns() throws {
        let plain = Column(name: "x", values: .double([1.5, -2, 0, 3.25]))
        #expect(plain.doubles == [1.5, -2, 0, 3.25] && !plain.hasMissing && plain.missingCount == 0)
        let holes = Column(name: "x", values: .double([1.5, 7, 0, 3.25]), missing: [false, true, false, true])
        let d = try #require(holes.doubles)
        #expect(d[0] == 1.5 && d[1].isNaN && d[2] == 0 && d[3].isNaN)
        #expect(holes.hasMissing && holes.missingCount == 2)
    }

    @Test("integer and boolean columns convert to doubles, NaN at missing cells")
    func integerAndBoolean() throws {
        let ints = Column(name: "n", values: .integer([3, -1, 0, 9_007_199_254_740_993]), missing: [false, false, true, false])
        let i = try #require(ints.doubles)
        #expect(i[0] == 3 && i[1] == -1 && i[2].isNaN && i[3] == Double(9_007_199_254_740_993))
        #expect(Column(name: "n", values: .integer([4, 5])).doubles == [4, 5])
        let bools = Column(name: "b", values: .boolean([true, false, true]), missing: [false, false, true])
        let b = try #require(bools.doubles)
        #expect(b[0] == 1 && b[1] == 0 && b[2].isNaN)
        #expect(Column(name: "b", values: .boolean([false, true])).doubles == [0, 1])
    }

    @Test("text and factor columns have no doubles")
    func nonNumeric() {
        #expect(Column(name: "s", values: .string(["a"])).doubles == nil)
        #expect(Column(name: "f", values: .factor(Factor(codes: [0], levels: ["a"]))).doubles == nil)
    }

    @Test("hasMissing and missingCount find a missing cell anywhere in a long column")
    func longMasks() {
        let n = 10_000
        for position in [0, 4095, 4096, 8191, n - 1] {
            var mask = [Bool](repeating: false, count: n)
            mask[position] = true
            let c = Column(name: "x", values: .integer([Int](repeating: 2, count: n)), missing: mask)
            #expect(c.hasMissing && c.missingCount == 1)
            #expect(c.doubles?[position].isNaN == true && c.doubles?[(position + 1) % n] == 2)
        }
        let none = Column(name: "x", values: .double([Double](repeating: 1, count: n)))
        #expect(!none.hasMissing && none.missingCount == 0)
        #expect(!Column(name: "e", values: .double([])).hasMissing)
    }
}

@Suite("Large buffers")
struct LargeBufferTests {
    @Test("a column-major array filled column by column holds every column")
    func columns() {
        for (count, rows) in [(3, 5), (5, 400_000), (1, 1_100_000), (0, 10)] {
            let a = LargeBuffer.columns(count, rows: rows) { c, column in
                for i in column.indices { column[i] = Double(c * 1_000_003 + i) }
            }
            #expect(a.count == count * rows)
            var same = true
            for c in 0..<count { for i in 0..<rows where a[c * rows + i] != Double(c * 1_000_003 + i) { same = false } }
            #expect(same)
        }
        let d = LargeBuffer.doubles(count: 600_000) { out in for i in out.indices { out[i] = Double(i) / 2 } }
        #expect(d.count == 600_000 && d[599_999] == 299_999.5 && d[0] == 0)
    }
}
