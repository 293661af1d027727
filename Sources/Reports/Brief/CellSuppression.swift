/// One cell of a count table: pupils in the cell and pupils with the event (e.g. problematic absence).
public struct CountCell: Sendable, Equatable, Codable {
    /// Pupils in the cell.
    public var pupils: Int
    /// Pupils with the event.
    public var events: Int

    /// Creates a cell.
    public init(pupils: Int, events: Int) {
        self.pupils = pupils
        self.events = events
    }

    /// Events per pupil.
    public var rate: Double { pupils > 0 ? Double(events) / Double(pupils) : .nan }
}

/// Why a cell is hidden.
public enum SuppressionReason: String, Sendable, Equatable, Codable {
    /// Fewer pupils than the threshold (primary).
    case fewPupils = "few_pupils"
    /// Fewer events than the threshold (primary).
    case fewEvents = "few_events"
    /// Hidden so that a primarily suppressed cell cannot be worked out from the row or column totals.
    case secondary
}

/// A two-way count table (e.g. track by school year) with row and column totals that will be shown.
public struct CountTable: Sendable, Equatable {
    /// Row labels.
    public var rows: [String]
    /// Column labels.
    public var columns: [String]
    /// Cells, `cells[row][column]`.
    public var cells: [[CountCell]]

    /// Creates a table; throws `PrivacyError.shape` unless every row has one cell per column.
    public init(rows: [String], columns: [String], cells: [[CountCell]]) throws {
        guard cells.count == rows.count, cells.allSatisfy({ $0.count == columns.count }) else {
            throw PrivacyError.shape("a count table needs \(rows.count) rows of \(columns.count) cells; got rows of "
                                     + cells.map { String($0.count) }.joined(separator: ", "))
        }
        guard cells.allSatisfy({ $0.allSatisfy { $0.pupils >= 0 && $0.events >= 0 && $0.events <= $0.pupils } }) else {
            throw PrivacyError.shape("every cell needs 0 <= events <= pupils")
        }
        self.rows = rows
        self.columns = columns
        self.cells = cells
    }
}

/// Errors of the privacy guard's inputs.
public enum PrivacyError: Error, Equatable, CustomStringConvertible {
    /// Table shape or counts are inconsistent.
    case shape(String)

    /// A message for the user.
    public var description: String {
        switch self {
        case .shape(let s): return "privacy guard: \(s)"
        }
    }
}

/// A count table after suppression: which cells are hidden and why, and whether totals stay shown.
public struct SuppressedTable: Sendable, Equatable {
    /// The table as given.
    public var table: CountTable
    /// `reasons[row][column]`: `nil` when the cell is shown.
    public var reasons: [[SuppressionReason?]]
    /// Row totals that must be hidden too (a row whose only hidden cell could not be paired).
    public var hiddenRowTotals: Set<Int>
    /// Column totals that must be hidden too.
    public var hiddenColumnTotals: Set<Int>

    /// The cell for display, or `nil` when it is hidden.
    public func shown(_ r: Int, _ c: Int) -> CountCell? { reasons[r][c] == nil ? table.cells[r][c] : nil }

    /// Number of cells hidden for `reason`.
    public func count(_ reason: SuppressionReason) -> Int { reasons.joined().filter { $0 == reason }.count }

    /// Number of hidden cells.
    public var hiddenCount: Int { reasons.joined().filter { $0 != nil }.count }
}

/// Primary and secondary cell suppression.
///
/// Primary: a cell with fewer than `minimumPupils` pupils or fewer than `minimumEvents` events is hidden.
/// Secondary: the totals of every row and column stay shown, so a row or column with exactly one hidden
/// cell would give it away by subtraction; the guard then also hides the shown cell of that line with the
/// fewest pupils (ties: the first), and repeats until no line has exactly one hidden cell. When a line has
/// no other cell to hide, its total is hidden instead.
public enum CellSuppression {
    /// Applies the thresholds to `table`.
    public static func apply(_ table: CountTable, thresholds: PrivacyThresholds) -> SuppressedTable {
        let nr = table.rows.count, nc = table.columns.count
        var reasons = [[SuppressionReason?]](repeating: [SuppressionReason?](repeating: nil, count: nc), count: nr)
        for r in 0..<nr {
            for c in 0..<nc {
                let cell = table.cells[r][c]
                if cell.pupils < thresholds.minimumPupils { reasons[r][c] = .fewPupils }
                else if cell.events < thresholds.minimumEvents { reasons[r][c] = .fewEvents }
            }
        }
        var hiddenRows = Set<Int>(), hiddenColumns = Set<Int>()
        var changed = true
        while changed {
            changed = false
            for r in 0..<nr where !hiddenRows.contains(r) {
                let hidden = (0..<nc).filter { reasons[r][$0] != nil }
                guard hidden.count == 1 else { continue }
                let candidates = (0..<nc).filter { reasons[r][$0] == nil }
                if let pick = candidates.min(by: { (table.cells[r][$0].pupils, $0) < (table.cells[r][$1].pupils, $1) }) {
                    reasons[r][pick] = .secondary
                } else {
                    hiddenRows.insert(r)
                }
                changed = true
            }
            for c in 0..<nc where !hiddenColumns.contains(c) {
                let hidden = (0..<nr).filter { reasons[$0][c] != nil }
                guard hidden.count == 1 else { continue }
                let candidates = (0..<nr).filter { reasons[$0][c] == nil }
                if let pick = candidates.min(by: { (table.cells[$0][c].pupils, $0) < (table.cells[$1][c].pupils, $1) }) {
                    reasons[pick][c] = .secondary
                } else {
                    hiddenColumns.insert(c)
                }
                changed = true
            }
        }
        return SuppressedTable(table: table, reasons: reasons, hiddenRowTotals: hiddenRows, hiddenColumnTotals: hiddenColumns)
    }
}
