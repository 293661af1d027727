import Foundation
import Frames

extension SimulationParameters {
    /// Reads a parameter file (JSON). Keys that the file leaves out keep their defaults
    /// (`SimulationParameters.default`), so a file may hold only what it changes.
    /// Throws `SimulationError` naming the file, the dotted key and what is wrong.
    public static func read(path: String) throws(SimulationError) -> SimulationParameters {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: path, reason: "the parameter file could not be read (\(error.localizedDescription)); check the path")
        }
        return try parse(data, file: path)
    }

    /// Parses parameter JSON (see `read(path:)`); `file` names the source in messages.
    public static func parse(_ data: Data, file: String) throws(SimulationError) -> SimulationParameters {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw .unreadable(file: file, reason: "not valid JSON\(jsonErrorPosition(error, data)); check commas, quotes and brackets")
        }
        let given = try ParameterValue(json: object, file: file, path: "")
        let merged = try merge(given, into: SimulationParameters.default.document, path: "", file: file)
        return try SimulationParameters(document: merged, file: file)
    }

    /// Builds parameters from a complete document (the shape of `document`), checking every value.
    public init(document: ParameterValue, file: String) throws(SimulationError) {
        let root = ParameterCursor(file: file, path: "", value: document)
        seed = try root.int("seed", "an integer >= 0") { $0 >= 0 }
        schools = try root.int("schools", "an integer >= 1") { $0 >= 1 }
        pupils = try root.int("pupils", "an integer >= 1") { $0 >= 1 }

        let s = try root.child("school")
        school = SchoolSettings(
            sizeLogSD: try s.double("size_log_sd", ">= 0 and <= 3") { $0 >= 0 && $0 <= 3 },
            minPupils: try s.int("min_pupils", "an integer >= 1") { $0 >= 1 },
            classSize: try s.int("class_size", "an integer >= 1") { $0 >= 1 },
            urbanShare: try s.double("urban_share", "a probability in [0, 1]", isProbability),
            sesSD: try s.double("ses_sd", ">= 0") { $0 >= 0 },
            urbanSES: try s.double("urban_ses", "finite") { _ in true },
            trackShares: try s.tracks("track_shares", ">= 0") { $0 >= 0 },
            trackConcentration: try s.double("track_concentration", "> 0") { $0 > 0 })
        if school.trackShares.reduce(0, +) <= 0 {
            throw s.error("track_shares", "at least one track needs a share > 0")
        }
        if pupils < schools * school.minPupils {
            throw root.error("pupils", "\(pupils) pupils cannot fill \(schools) schools of at least \(school.minPupils) (school.min_pupils); raise pupils or lower schools")
        }

        let p = try root.child("pupil")
        pupil = PupilSettings(
            maleShare: try p.double("male_share", "a probability in [0, 1]", isProbability),
            trackSES: try p.tracks("track_ses", "finite") { _ in true },
            foreignLanguage: try p.coefficients("foreign_language"),
            motherCutLow: try p.double("mother_cut_low", "finite") { _ in true },
            motherCutMiddle: try p.double("mother_cut_middle", "finite") { _ in true },
            motherSES: try p.double("mother_ses", "finite") { _ in true },
            allowance: try p.coefficients("allowance"),
            retention: try p.coefficients("retention"),
            twoYearsBehindShare: try p.double("two_years_behind_share", "a probability in [0, 1]", isProbability),
            startAge: try p.int("start_age", "an integer from 10 to 20") { (10...20).contains($0) })
        if pupil.motherCutMiddle < pupil.motherCutLow {
            throw p.error("mother_cut_middle", "must be >= mother_cut_low (\(pupil.motherCutLow))")
        }

        let c = try root.child("climate")
        climate = ClimateSettings(
            supportBetweenSD: try c.double("support_between_sd", "in [0, 1) (a share of a unit variance)") { $0 >= 0 && $0 < 1 },
            bondingBetweenSD: try c.double("bonding_between_sd", "in [0, 1) (a share of a unit variance)") { $0 >= 0 && $0 < 1 },
            betweenCorrelation: try c.double("between_correlation", "a correlation in (-1, 1)", isCorrelation),
            withinCorrelation: try c.double("within_correlation", "a correlation in (-1, 1)", isCorrelation),
            supportItems: try c.items("support_items"),
            bondingItems: try c.items("bonding_items"),
            missingRate: try c.double("missing_rate", "a probability in [0, 1)") { $0 >= 0 && $0 < 1 },
            minValidShare: try c.double("min_valid_share", "in (0, 1]") { $0 > 0 && $0 <= 1 })
        let names = (climate.supportItems + climate.bondingItems).map(\.name)
        if let dup = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
            throw c.error("bonding_items", "item name '\(dup)' is used twice; give every item its own name")
        }

        let t = try root.child("truancy")
        truancy = TruancySettings(
            fixed: try t.coefficients("fixed"),
            interceptVariance: try t.double("intercept_variance", ">= 0") { $0 >= 0 },
            slopeVariance: try t.double("slope_variance", ">= 0") { $0 >= 0 },
            correlation: try t.double("correlation", "a correlation in (-1, 1)", isCorrelation))

        let a = try root.child("absence")
        absence = AbsenceSettings(
            fixed: try a.coefficients("fixed"),
            schoolVariance: try a.double("school_variance", ">= 0") { $0 >= 0 },
            size: try a.double("size", "> 0") { $0 > 0 },
            problematicThreshold: try a.int("problematic_threshold", "an integer >= 1") { $0 >= 1 },
            maxHalfdays: try a.int("max_halfdays", "an integer >= 1") { $0 >= 1 },
            persistence: try a.double("persistence", "finite") { _ in true },
            yearTrend: try a.double("year_trend", "finite") { _ in true })

        let k = try root.child("careers")
        careers = CareerSettings(
            periods: try k.int("periods", "an integer from 1 to 20") { (1...20).contains($0) },
            startGrade: try k.int("start_grade", "an integer from 1 to 12") { (1...12).contains($0) },
            finalGrade: try k.int("final_grade", "an integer from 1 to 13") { (1...13).contains($0) },
            dropoutMinAge: try k.int("dropout_min_age", "an integer from 10 to 30") { (10...30).contains($0) },
            dropout: try k.coefficients("dropout"),
            dropoutSchoolVariance: try k.double("dropout_school_variance", ">= 0") { $0 >= 0 },
            transfer: try k.coefficients("transfer"),
            failure: try k.coefficients("failure"))
        if careers.finalGrade < careers.startGrade {
            throw k.error("final_grade", "must be >= start_grade (\(careers.startGrade))")
        }
    }
}

private func isProbability(_ x: Double) -> Bool { x >= 0 && x <= 1 }
private func isCorrelation(_ x: Double) -> Bool { x > -1 && x < 1 }

/// " at line L, column C" from a JSONSerialization error that mentions "character N", else "".
private func jsonErrorPosition(_ error: Error, _ data: Data) -> String {
    let text = "\(error)"
    guard let range = text.range(of: "character ") else { return "" }
    let digits = text[range.upperBound...].prefix { $0.isNumber }
    guard let offset = Int(digits) else { return "" }
    var line = 1, column = 1
    for (i, byte) in data.enumerated() {
        if i >= offset { break }
        if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
    }
    return " at line \(line), column \(column)"
}

/// Overlays `given` (from a file) on `base` (the defaults), rejecting keys the defaults do not have
/// and values of the wrong kind. Arrays are replaced whole.
private func merge(_ given: ParameterValue, into base: ParameterValue, path: String, file: String) throws(SimulationError) -> ParameterValue {
    switch base {
    case .object(var members):
        guard case .object(let givenMembers) = given else {
            throw .parameter(file: file, key: path.isEmpty ? "(top level)" : path, message: "expected an object, found \(given.kindDescription)")
        }
        for member in givenMembers {
            let key = path.isEmpty ? member.key : path + "." + member.key
            guard let k = members.firstIndex(where: { $0.key == member.key }) else {
                let known = members.map(\.key)
                let close = closestNames(to: member.key, among: known)
                let hint = close.isEmpty ? "the keys here are " + known.joined(separator: ", ")
                    : "did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
                throw .parameter(file: file, key: key, message: "unknown key; \(hint)")
            }
            members[k].value = try merge(member.value, into: members[k].value, path: key, file: file)
        }
        return .object(members)
    case .array:
        guard case .array = given else {
            throw .parameter(file: file, key: path, message: "expected an array, found \(given.kindDescription)")
        }
        return given
    case .number, .integer:
        switch given {
        case .number, .integer: return given
        default: throw .parameter(file: file, key: path, message: "expected a number, found \(given.kindDescription)")
        }
    case .bool:
        guard case .bool = given else { throw .parameter(file: file, key: path, message: "expected true or false, found \(given.kindDescription)") }
        return given
    case .string:
        guard case .string = given else { throw .parameter(file: file, key: path, message: "expected a string, found \(given.kindDescription)") }
        return given
    }
}

extension ParameterValue {
    /// Converts a JSONSerialization value (object key order is not kept: merging restores the defaults' order).
    init(json: Any, file: String, path: String) throws(SimulationError) {
        if let number = json as? NSNumber {
            let type = String(cString: number.objCType)
            if type == "c" || type == "B" { self = .bool(number.boolValue); return }
            if type == "d" || type == "f" { self = .number(number.doubleValue); return }
            self = .integer(number.intValue)
            return
        }
        if let s = json as? String { self = .string(s); return }
        if let a = json as? [Any] {
            var out: [ParameterValue] = []
            for (i, x) in a.enumerated() { out.append(try ParameterValue(json: x, file: file, path: "\(path)[\(i)]")) }
            self = .array(out)
            return
        }
        if let o = json as? [String: Any] {
            var out: [ParameterMember] = []
            for key in o.keys.sorted() {
                guard let x = o[key] else { continue }
                out.append(ParameterMember(key, try ParameterValue(json: x, file: file, path: path.isEmpty ? key : path + "." + key)))
            }
            self = .object(out)
            return
        }
        throw .parameter(file: file, key: path.isEmpty ? "(top level)" : path, message: "null is not allowed; give a value or leave the key out to keep its default")
    }
}
