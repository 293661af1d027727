import Foundation

/// Locates files under `Tests/Fixtures` from any test target, independent of the working directory.
public enum Fixtures {
    /// The repository root (the folder holding `Package.swift`).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)   // .../Tests/TestSupport/Fixtures.swift
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The path of `Tests/Fixtures/<relative>`.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative).path
    }

    /// The contents of `Tests/Fixtures/<relative>` as data.
    public static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(relative)))
    }

    /// The JSON object in `Tests/Fixtures/<relative>` (as written by jsonlite in Scripts/reference).
    public static func json(_ relative: String) throws -> Any {
        try JSONSerialization.jsonObject(with: data(relative), options: [.fragmentsAllowed])
    }
}

/// Relative closeness: `|a - b| <= tol * max(|b|, tiny)`; equal infinities and two NaNs count as close.
public func isClose(_ a: Double, _ b: Double, rel tol: Double, abs absTol: Double = 0) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    let diff = Swift.abs(a - b)
    return diff <= absTol || diff <= tol * Swift.max(Swift.abs(b), Double.leastNormalMagnitude)
}

/// Largest relative difference between two equally long arrays (`.infinity` if lengths differ).
public func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    var m = 0.0
    for (x, y) in zip(a, b) {
        if x == y { continue }
        if x.isNaN && y.isNaN { continue }
        m = Swift.max(m, Swift.abs(x - y) / Swift.max(Swift.abs(y), Double.leastNormalMagnitude))
    }
    return m
}
