import Testing
@testable import Script

/// Runs `code` in a fresh session and returns what it printed (standard output and messages).
func run(_ code: String, width: Int = 80) throws -> String {
    var out = ""
    let session = Interpreter(output: { out += $0 }, messages: { out += $0 })
    session.width = width
    try session.run(Source(name: "test.truant", text: code))
    return out
}

/// The error that running `code` throws (fails the test when none is thrown).
func scriptError(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) -> ScriptError? {
    do {
        _ = try run(code)
        Issue.record("expected an error from: \(code)", sourceLocation: sourceLocation)
        return nil
    } catch let e as ScriptError {
        return e
    } catch {
        Issue.record("expected a ScriptError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The syntax error that parsing `code` throws.
func parseError(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) -> ScriptError? {
    do {
        _ = try Parser.parse(Source(name: "test.truant", text: code))
        Issue.record("expected a syntax error from: \(code)", sourceLocation: sourceLocation)
        return nil
    } catch let e as ScriptError {
        return e
    } catch {
        Issue.record("expected a ScriptError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
