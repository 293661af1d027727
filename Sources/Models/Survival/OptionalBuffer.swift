extension Optional {
    /// `body` with the array's buffer, or with `nil` when there is no array (optional weights, offsets, tags).
    func withUnsafeBufferPointerIfPresent<Element, R>(_ body: (UnsafeBufferPointer<Element>?) -> R) -> R
        where Wrapped == [Element] {
        switch self {
        case .some(let array): return array.withUnsafeBufferPointer { body($0) }
        case .none: return body(nil)
        }
    }
}
