import Foundation

/// A row order made on first use and kept (thread-safe): `CoxRiskSets.byStop` for grouped times, which only
/// diagnostics after the fit walk (residuals, baseline hazard, curves), so a fit that needs none of them never
/// spends the O(n) pass and the n indices on it.
final class CoxLazyRows: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [Int]?
    private let make: @Sendable () -> [Int]

    /// Rows made by `make` when first asked for.
    init(_ make: @escaping @Sendable () -> [Int]) {
        self.make = make
    }

    /// Rows known already.
    init(_ rows: [Int]) {
        made = rows
        make = { rows }
    }

    /// The rows (made now if this is the first call).
    var rows: [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let rows = make()
        made = rows
        return rows
    }
}
