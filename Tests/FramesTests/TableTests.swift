import Testing
@testable import Frames

@Suite("Table")
struct TableTests {
    @Test("rejects duplicate column names")
    func duplicates() {
        let a = Column(name: "x", values: .double([1, 2]))
        #expect(throws: FrameError.duplicateColumn(name: "x", source: nil)) { try Table(columns: [a, a]) }
    }

    @Test("suggests close names for an unknown column")
    func unknown() throws {
        let t = try Table(columns: [Column(name: "ph.ecog", values: .double([1])), Column(name: "age", values: .integer([3]))])
        #expect(throws: FrameError.unknownColumn(name: "ph.ecg", suggestions: ["ph.ecog"])) { try t.column("ph.ecg") }
    }
}
