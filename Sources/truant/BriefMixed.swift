import ArgumentParser
import Foundation
import Formula
import Frames
import Models
import Reports

extension BriefCommand {
    /// Fits the brief's model: a GLM, or — when the formula has a `( ... | school)` term — a mixed model
    /// (Laplace for binomial/Poisson, REML for gaussian), whose fixed effects give the predictions for a
    /// typical school (u = 0) and whose school random intercepts give the school variation and effects.
    func fitBriefModel(formula: String, family: Models.Family, link: Link?, table: Table,
                       school: String?, language: BriefLanguage = .english) throws -> (model: BriefModel, schoolEffects: [SchoolEffect]) {
        let parsed = try Formula(formula)
        let frame = try ModelFrame.build(formula: parsed, data: table)
        guard parsed.givesMixedModel else {
            return (BriefModel(try GLM(family: family, link: link).fit(frame, formula: formula)), [])
        }
        let fit: MixedModelFit
        do {
            fit = family == .gaussian ? try LinearMixedModel().fit(frame)
                                      : try GeneralizedLinearMixedModel(family: family, link: link).fit(frame)
        } catch let e as MixedModelError {
            switch e {
            case .pirlsFailed, .numerical: throw fail(e.description, code: 1)
            default: throw fail(e.description, code: 2)
            }
        }
        for w in fit.warnings { FileHandle.standardError.write(Data("truant brief: warning: \(w)\n".utf8)) }
        return (BriefModel(fit, formula: formula, nDropped: frame.nDropped, school: school,
                           schoolsLabel: language == .english ? "schools" : "scholen"),
                SchoolEffect.effects(fit, school: school))
    }
}
