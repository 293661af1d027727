/// Errors of the cohort simulator: a bad parameter file or an impossible configuration.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter file could not be read or parsed as JSON.
    case unreadable(file: String, reason: String)
    /// A parameter has a wrong type or value: `key` is its dotted path (e.g. `truancy.fixed.male`).
    case parameter(file: String, key: String, message: String)

    /// A sentence for people, naming the file and key and what to do.
    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): \(reason)"
        case let .parameter(file, key, message):
            return "\(file): parameter '\(key)': \(message)"
        }
    }
}
