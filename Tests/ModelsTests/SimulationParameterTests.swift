import Foundation
import Testing
import TestSupport
@testable import Models

/// Parses `json` as a parameter file called "test.json".
private func parse(_ json: String) throws(SimulationError) -> SimulationParameters {
    try SimulationParameters.parse(Data(json.utf8), file: "test.json")
}

/// The `SimulationError.parameter` key and message thrown for `json`, or nil.
private func parameterError(_ json: String) -> (key: String, message: String)? {
    do {
        _ = try parse(json)
        return nil
    } catch {
        if case let .parameter(file, key, message) = error, file == "test.json" { return (key, message) }
        return nil
    }
}

@Suite("Simulation parameter files")
struct SimulationParameterTests {
    @Test("the bundled parameters.json is exactly the defaults")
    func bundledFileIsDefault() throws {
        let path = Fixtures.root.appendingPathComponent("Datasets/flemish-cohort/parameters.json").path
        let read = try SimulationParameters.read(path: path)
        #expect(read == SimulationParameters.default)
    }

    @Test("an empty object gives the defaults; a partial file changes only its keys")
    func partialOverrides() throws {
        #expect(try parse("{}") == SimulationParameters.default)
        let p = try parse(#"{"seed": 7, "truancy": {"fixed": {"male": 0.5}}, "school": {"track_shares": {"KSO": 0}}}"#)
        #expect(p.seed == 7)
        #expect(p.truancy.fixed["male"] == 0.5)
        #expect(p.truancy.fixed["(Intercept)"] == SimulationParameters.default.truancy.fixed["(Intercept)"])
        #expect(p.school.trackShares[3] == 0)
        #expect(p.school.trackShares[0] == SimulationParameters.default.school.trackShares[0])
        #expect(p.pupils == SimulationParameters.default.pupils)
    }

    @Test("the document round-trips through the reader")
    func documentRoundTrip() throws {
        var p = SimulationParameters.default
        p.seed = 99
        p.climate.missingRate = 0.1
        #expect(try SimulationParameters(document: p.document, file: "x") == p)
    }

    @Test("invalid JSON names the line and column")
    func invalidJSON() {
        do {
            _ = try parse("{\n  \"seed\": 1,\n  \"schools\": }")
            Issue.record("expected an error")
        } catch {
            guard case let .unreadable(file, reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(file == "test.json")
            #expect(reason.contains("not valid JSON"))
            #expect(reason.contains("line 3"))
        }
    }

    @Test("an unknown key is rejected with a suggestion")
    func unknownKey() {
        let e = parameterError(#"{"truancy": {"fixd": {}}}"#)
        #expect(e?.key == "truancy.fixd")
        #expect(e?.message.contains("did you mean 'fixed'") == true)
        let t = parameterError(#"{"truancy": {"fixed": {"bonding": -1}}}"#)
        #expect(t?.key == "truancy.fixed.bonding")
        #expect(t?.message.contains("bonding_cwc") == true)
    }

    @Test("a wrong type or an out-of-range value names the key and the expectation")
    func wrongValues() {
        #expect(parameterError(#"{"schools": "many"}"#)?.key == "schools")
        #expect(parameterError(#"{"schools": "many"}"#)?.message.contains("expected a number") == true)
        #expect(parameterError(#"{"schools": 2.5}"#)?.key == "schools")
        #expect(parameterError(#"{"climate": {"missing_rate": 1.5}}"#)?.key == "climate.missing_rate")
        #expect(parameterError(#"{"truancy": {"correlation": 1}}"#)?.key == "truancy.correlation")
        #expect(parameterError(#"{"absence": {"size": 0}}"#)?.key == "absence.size")
        #expect(parameterError(#"{"school": "big"}"#)?.message.contains("expected an object") == true)
        #expect(parameterError(#"{"seed": null}"#)?.key == "seed")
        #expect(parameterError(#"{"careers": {"start_grade": 12, "final_grade": 9}}"#)?.key == "careers.final_grade")
    }

    @Test("too few pupils for the schools is refused")
    func tooFewPupils() {
        let e = parameterError(#"{"schools": 10, "pupils": 100}"#)
        #expect(e?.key == "pupils")
        #expect(e?.message.contains("min_pupils") == true)
    }

    @Test("items are checked one by one")
    func itemErrors() {
        let base = #"{"name": "a", "loading": 0.8, "reversed": false, "thresholds": [-1, 0, 1]}"#
        #expect(parameterError(#"{"climate": {"support_items": [\#(base)]}}"#)?.message.contains("at least 2 items") == true)
        let bad = #"{"name": "b", "loading": 0.8, "reversed": false, "thresholds": [0, -1, 1]}"#
        let e = parameterError(#"{"climate": {"support_items": [\#(base), \#(bad)]}}"#)
        #expect(e?.key == "climate.support_items[1].thresholds")
        #expect(e?.message.contains("must increase") == true)
        let loading = #"{"name": "b", "loading": 1.2, "reversed": false, "thresholds": [0, 1]}"#
        #expect(parameterError(#"{"climate": {"support_items": [\#(base), \#(loading)]}}"#)?.key == "climate.support_items[1].loading")
        let dup = #"{"climate": {"support_items": [\#(base), {"name": "bond1", "loading": 0.5, "reversed": true, "thresholds": [0]}]}}"#
        #expect(parameterError(dup)?.message.contains("bond1") == true)
    }

    @Test("a missing file is reported with its path")
    func missingFile() {
        do {
            _ = try SimulationParameters.read(path: "/nonexistent/params.json")
            Issue.record("expected an error")
        } catch {
            guard case let .unreadable(file, _) = error else { Issue.record("wrong error"); return }
            #expect(file == "/nonexistent/params.json")
            #expect(error.description.hasPrefix("/nonexistent/params.json:"))
        }
    }

    @Test("every parameter key is documented")
    func everyKeyDocumented() {
        let documented = Set(SimulationParameters.documentation.map(\.key))
        var keys: [String] = []
        func walk(_ v: ParameterValue, _ path: String) {
            // Coefficient tables and item lists are documented as one key.
            guard case .object(let members) = v, !documented.contains(path) else { keys.append(path); return }
            for m in members { walk(m.value, path.isEmpty ? m.key : path + "." + m.key) }
        }
        walk(SimulationParameters.default.document, "")
        for key in keys { #expect(documented.contains(key), "undocumented parameter \(key)") }
        #expect(documented.count == keys.count)
    }
}
