import Formula
import Linalg
#if canImport(Glibc)
import Glibc
#endif

/// The scale of predictions.
public enum PredictionScale: String, Sendable, Equatable, Codable {
    /// The linear predictor (log-odds, log rate).
    case link
    /// The mean (probability, expected count).
    case response
}

extension MixedModelFit {
    /// Predictions for new rows.
    ///
    /// - Parameters:
    ///   - x: fixed-effects matrix with the fit's columns (`fixedNames`, same order).
    ///   - randomTerms: the new rows' random-effects designs, matched to the fit by grouping-factor name; levels
    ///     are matched by name. Ignored when `conditional` is `false`.
    ///   - offset: offsets for the new rows.
    ///   - conditional: `true` adds the conditional modes of each row's groups (lme4's `re.form = NULL`);
    ///     `false` gives population-level predictions (`re.form = NA`).
    ///   - allowNewLevels: levels not seen in the fit contribute zero (the population mean), as lme4's
    ///     `allow.new.levels = TRUE`; when `false` they are an error.
    ///   - scale: link or response scale.
    public func predict(x: Matrix, randomTerms: [RandomTermDesign] = [], offset: [Double]? = nil,
                        conditional: Bool = true, allowNewLevels: Bool = true,
                        scale: PredictionScale = .response) throws -> [Double] {
        guard x.columns == fixedNames.count else {
            throw MixedModelError.badDesign("new data have \(x.columns) fixed-effects columns; the model has \(fixedNames.count) (\(fixedNames.joined(separator: ", ")))")
        }
        let n = x.rows
        if let offset, offset.count != n { throw MixedModelError.badDesign("offset has \(offset.count) values for \(n) rows") }
        var eta = x * beta
        if let offset { for i in 0..<n { eta[i] += offset[i] } }
        if conditional {
            for term in randomTerms {
                guard let cm = conditionalModes.first(where: { $0.group == term.grouping.name }) else {
                    throw MixedModelError.badDesign("grouping factor \(term.grouping.name) is not in the model (it has \(conditionalModes.map(\.group).joined(separator: ", ")))")
                }
                guard term.columnNames == cm.columnNames, term.z.rows == n, term.grouping.codes.count == n else {
                    throw MixedModelError.badDesign("random-effects term for \(cm.group) must have columns \(cm.columnNames.joined(separator: ", ")) and \(n) rows")
                }
                let k = cm.columnNames.count
                var index: [String: Int] = [:]
                for (i, l) in cm.levels.enumerated() { index[l] = i }
                let map: [Int?] = term.grouping.levels.map { index[$0] }
                for i in 0..<n {
                    let c = Int(term.grouping.codes[i])
                    guard c >= 0, c < map.count else { throw MixedModelError.badDesign("grouping code out of range in row \(i + 1)") }
                    guard let l = map[c] else {
                        if allowNewLevels { continue }
                        throw MixedModelError.badDesign("level \(term.grouping.levels[c]) of \(cm.group) (row \(i + 1)) was not in the fitted data; allow new levels to predict at the population mean")
                    }
                    for a in 0..<k { eta[i] += term.z[i, a] * cm.modes[l * k + a] }
                }
            }
        }
        if scale == .link { return eta }
        return eta.map { link.inverse($0) }
    }

    /// Predictions for the rows of a model frame built from new data (see `predict(x:randomTerms:...)`).
    public func predict(_ frame: ModelFrame, conditional: Bool = true, allowNewLevels: Bool = true,
                        scale: PredictionScale = .response) throws -> [Double] {
        try predict(x: frame.fixed.matrix, randomTerms: frame.randomTerms, offset: frame.offset, conditional: conditional,
                    allowNewLevels: allowNewLevels, scale: scale)
    }
}
