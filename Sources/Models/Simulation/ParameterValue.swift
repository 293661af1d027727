/// A JSON-shaped value with ordered object keys: the document form of simulation parameters and of the
/// simulation's truth. `truant simulate` prints it through the shared JSON writer; the parameter reader
/// parses files into it and checks them against the defaults, which act as the schema.
public indirect enum ParameterValue: Sendable, Equatable {
    /// A floating-point number.
    case number(Double)
    /// An integer.
    case integer(Int)
    /// `true` / `false`.
    case bool(Bool)
    /// Text.
    case string(String)
    /// An array.
    case array([ParameterValue])
    /// An object whose members keep their order.
    case object([ParameterMember])

    /// The member called `key` of an object, or `nil`.
    public subscript(key: String) -> ParameterValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A short name of the value's kind for messages ("a number", "an object", ...).
    public var kindDescription: String {
        switch self {
        case .number, .integer: return "a number"
        case .bool: return "true or false"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// One key and value of a `ParameterValue.object`.
public struct ParameterMember: Sendable, Equatable {
    /// The key.
    public var key: String
    /// The value.
    public var value: ParameterValue

    /// Creates a member.
    public init(_ key: String, _ value: ParameterValue) {
        self.key = key
        self.value = value
    }
}
