import Foundation

/// A value made on first use and kept (thread-safe); the closure that makes it, and whatever it holds, is
/// released once it has run. For values only some callers read (the Cox fit's row order, unit case weights and
/// zero offsets; a deferred design's matrix), so that the others never pay for them. Readers in a loop should
/// read the value once into a local: each read takes a lock.
package final class LazyValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private var make: (@Sendable () -> Value)?

    /// A value made by `make` when first asked for.
    package init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// A value known already.
    package init(_ value: Value) {
        made = value
    }

    /// Whether the value exists yet (given, or made by an earlier read).
    package var isMade: Bool {
        lock.lock()
        defer { lock.unlock() }
        return made != nil
    }

    /// The value (made now if this is the first call).
    package var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        guard let make else { preconditionFailure("LazyValue: neither a value nor a way to make one") }
        let value = make()
        made = value
        self.make = nil
        return value
    }
}
