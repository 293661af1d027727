import Foundation
import Testing
@testable import Frames

@Suite("CSV writer")
struct CSVWriterTests {
    /// A table with every type, missing cells, and awkward strings.
    static func sample() throws -> Table {
        try Table(columns: [
            Column(name: "d", values: .double([0.1, 1e-5, 3, -0.0, 1.0 / 3, 1e300, .infinity, .nan, 0]),
                   missing: [false, false, false, false, false, false, false, false, true]),
            Column(name: "i", values: .integer([1, -2, Int.max, Int.min, 0, 5, 6, 7, 8]),
                   missing: [false, false, false, false, true, false, false, false, false]),
            Column(name: "b", values: .boolean([true, false, true, false, false, true, true, true, true]),
                   missing: [false, false, false, false, false, true, false, false, false]),
            Column(name: "s", values: .string(["a, b", "say \"hi\"", "two\nlines", "NA", "", "é", "x", "y", ""]),
                   missing: [false, false, false, false, false, false, false, false, true]),
            Column(name: "ph.ecog", values: .factor(Factor(codes: [0, 1, 2, -1, 0, 1, 2, 0, 1], levels: ["lo", "mid", "hi"], ordered: true))),
        ])
    }

    @Test("write then read gives an identical table")
    func roundTrip() throws {
        let t = try Self.sample()
        let text = CSVWriter.text(t)
        let opts = CSVOptions(factorLevels: ["ph.ecog": ["lo", "mid", "hi"]], orderedFactors: ["ph.ecog"])
        var back = try CSVReader.read(text: text, options: opts)
        back.source = nil
        var fixed = t
        // Factor missing cells carry code -1 in the mask too.
        var f = try fixed.column("ph.ecog")
        f.missing = [false, false, false, true, false, false, false, false, false]
        try fixed.setColumn(f)
        #expect(back.columnNames == fixed.columnNames)
        for (a, b) in zip(back.columns, fixed.columns) {
            #expect(a.type == b.type, "\(a.name)")
            #expect(a.missing == b.missing, "\(a.name)")
            if case .double(let x) = a.values, case .double(let y) = b.values {
                for k in x.indices where !a.missing[k] { #expect(x[k].bitPattern == y[k].bitPattern || (x[k].isNaN && y[k].isNaN)) }
            } else {
                #expect((0..<a.count).map { a.text(at: $0) } == (0..<b.count).map { b.text(at: $0) }, "\(a.name)")
            }
        }
    }

    @Test("RFC 4180 quoting, NA for missing, shortest doubles")
    func text() throws {
        let t = try Table(columns: [
            Column(name: "x", values: .double([0.1, 2, 1e-5]), missing: [false, false, true]),
            Column(name: "s", values: .string(["a\"b", "c,d", "e"])),
        ])
        #expect(CSVWriter.text(t) == "\"x\",\"s\"\n0.1,\"a\"\"b\"\n2.0,\"c,d\"\nNA,\"e\"\n")
    }

    @Test("random doubles round-trip bit for bit through text")
    func randomRoundTrip() throws {
        var rng = SplitMix(seed: 7)
        let xs = (0..<5000).map { _ in Double(bitPattern: rng.next() >> 2 | 0x1 << 61) * (rng.next() % 2 == 0 ? 1 : -1) }
        let t = try Table(columns: [Column(name: "x", values: .double(xs))])
        let back = try CSVReader.read(text: CSVWriter.text(t))
        guard case .double(let ys) = try back.column("x").values else { Issue.record("not double"); return }
        #expect(xs.map(\.bitPattern) == ys.map(\.bitPattern))
    }

    @Test("write refuses to overwrite without permission")
    func noOverwrite() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("frames-w-\(getpid()).csv").path
        let t = try Table(columns: [Column(name: "a", values: .integer([1]))])
        try CSVWriter.write(t, to: path, overwrite: true)
        #expect(throws: FrameError.self) { try CSVWriter.write(t, to: path) }
        #expect(try Table.read(path: path).column("a").values == .integer([1]))
        try? FileManager.default.removeItem(atPath: path)
    }
}
