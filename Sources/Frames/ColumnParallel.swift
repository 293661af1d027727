import Dispatch

/// Column-by-column work on big matrices spread over the available cores. Each call of `body` must touch
/// only its own column's output, so the result is the same however the columns are scheduled. (Frames has it
/// for `LargeBuffer.columns`; the Cox fit's column loops use it too.)
package enum ColumnParallel {
    /// Elements (rows x columns) from which the columns run concurrently (8 MB of doubles).
    package static let minimumElements = 1 << 20

    /// Runs `body(j)` for `j` in `0..<columns`, concurrently when `rows * columns >= minimumElements`.
    package static func forEach(columns: Int, rows: Int, _ body: (Int) -> Void) {
        guard columns > 1, rows * columns >= minimumElements else {
            for j in 0..<columns { body(j) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let job = Job(body: body)
            DispatchQueue.concurrentPerform(iterations: columns) { j in job.body(j) }
        }
    }

    /// Unchecked: the callers' bodies write disjoint columns.
    private struct Job: @unchecked Sendable {
        let body: (Int) -> Void
    }
}
