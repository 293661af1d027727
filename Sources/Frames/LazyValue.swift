import Foundation

/// A value made on first use and kept (thread-safe). `CoxRiskSets` uses it for what only some fits read:
/// the rows in `byStop` order for grouped times (only diagnostics after the fit walk them: residuals, baseline
/// hazard, curves), and the per-row case weights and offsets when none were given (all 1, all 0: the
/// grouped-times fit never reads them row by row unless residuals are asked for). A fit that needs none of
/// them never spends the O(n) pass and memory on them. Readers in a loop should read the value once into a
/// local: each read takes a lock.
final class CoxLazyValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: @Sendable () -> Value

    /// A value made by `make` when first asked for.
    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// A value known already.
    init(_ value: Value) {
        made = value
        make = { value }
    }

    /// Whether the value exists yet (given, or made by an earlier read).
    var isMade: Bool {
        lock.lock()
        defer { lock.unlock() }
        return made != nil
    }

    /// The value (made now if this is the first call).
    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}
