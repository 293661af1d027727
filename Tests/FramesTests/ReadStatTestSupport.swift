import Foundation
import Testing
import TestSupport
@testable import Frames

/// Helpers shared by the ReadStat and SQLite tests.
enum DataIO {
    /// `Tests/Fixtures/dataio/<name>`.
    static func fixture(_ name: String) -> String { Fixtures.path("dataio/" + name) }

    /// A fresh empty folder under the system's temporary directory.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("truant-dataio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// The description of the `FrameError` thrown by `body` (or a recorded issue and "").
    static func message<T>(_ body: () throws -> T) -> String {
        do {
            _ = try body()
            Issue.record("expected an error")
            return ""
        } catch let e as FrameError {
            return e.description
        } catch {
            Issue.record("unexpected error \(error)")
            return ""
        }
    }

    /// Birth dates of the 12 fixture pupils as days since 1970-01-01 (Python: (date - date(1970, 1, 1)).days).
    static let birthDays: [Double] = [13893, 13940, 13878, 14060, 13938, 13757, 14194, 13973, 13796, 14081, 14099, 0]
    static let schools = ["Gent-1", "Gent-1", "Gent-1", "Liège-2", "Liège-2", "Liège-2",
                          "Brugge-3", "Brugge-3", "Brugge-3", "Antwerpen-4", "Antwerpen-4", ""]
    static let scores: [Double] = [12.5, 8.25, 10.0, .nan, 14.75, 9.5, 11.0, 13.125, 7.5, 10.5, 6.0, 15.0]
    static let absences: [Double] = [0, 3, 99, 12, 5, 99, 1, 0, 7, 2, 4, 30]
    static let sexCodes: [Int32] = [0, 1, 1, 0, 0, 1, 1, 0, -1, 1, 0, 1]
    static let trackCodes: [Int32] = [0, 1, 2, 0, 3, 1, 2, 2, 0, 1, 1, 0]
}

extension DataIO {
    /// The first difference between two column lists (name, label, type, missing mask, the values at
    /// non-missing cells, factor levels and labels), or `nil` when they agree. Needed because missing
    /// double cells hold NaN, which `==` never matches.
    static func difference(_ a: [Column], _ b: [Column]) -> String? {
        guard a.count == b.count else { return "\(a.count) columns vs \(b.count)" }
        for (x, y) in zip(a, b) {
            if x.name != y.name { return "name \(x.name) vs \(y.name)" }
            if x.label != y.label { return "\(x.name): label \(String(describing: x.label)) vs \(String(describing: y.label))" }
            if x.type != y.type { return "\(x.name): type \(x.type) vs \(y.type)" }
            if x.missing != y.missing { return "\(x.name): missing \(x.missing) vs \(y.missing)" }
            if case .factor(let f) = x.values, case .factor(let g) = y.values {
                if f.levels != g.levels { return "\(x.name): levels \(f.levels) vs \(g.levels)" }
                if f.labels != g.labels { return "\(x.name): labels \(String(describing: f.labels)) vs \(String(describing: g.labels))" }
                if f.ordered != g.ordered { return "\(x.name): ordered \(f.ordered) vs \(g.ordered)" }
            }
            for i in 0..<x.count where !x.missing[i] {
                if x.text(at: i) != y.text(at: i) { return "\(x.name), row \(i + 1): \(x.text(at: i)) vs \(y.text(at: i))" }
                if case .double(let u) = x.values, case .double(let v) = y.values, !(u[i] == v[i] || u[i].isNaN && v[i].isNaN) {
                    return "\(x.name), row \(i + 1): \(u[i]) vs \(v[i])"
                }
            }
        }
        return nil
    }
}
