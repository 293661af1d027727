import Foundation
import Frames

/// A simulated Flemish secondary-school cohort: the four tables, the parameters that made it, the
/// realized school effects and the realized marginal figures. Same parameters (incl. seed) give an
/// identical value on every run.
public struct SimulatedCohort: Sendable {
    /// The parameters used.
    public let parameters: SimulationParameters
    /// pupils.csv: one row per pupil (background, items, scale scores, truancy, absence).
    public let pupils: Table
    /// schools.csv: one row per school.
    public let schools: Table
    /// careers.csv: one row per pupil (time = school years observed, exit).
    public let careers: Table
    /// person_period.csv: one row per pupil and school year at risk.
    public let personPeriod: Table
    /// Realized school effects, by school (index = school_id − 1).
    public let schoolEffects: SchoolEffects
    /// Realized marginal figures.
    public let summary: CohortSummary

    /// Simulates a cohort. Throws only if a table cannot be assembled (never for valid parameters).
    public init(parameters: SimulationParameters) throws {
        var state = CohortState(parameters: parameters)
        state.drawSchools()
        state.drawPupils()
        state.drawClimate()
        state.drawTruancy()
        state.drawAbsence()
        state.drawCareers()
        self.parameters = parameters
        pupils = try state.pupilTable()
        schools = try state.schoolTable()
        careers = try state.careerTable()
        personPeriod = try state.personPeriodTable()
        schoolEffects = SchoolEffects(truancyIntercept: state.truancyIntercept, truancySlope: state.truancySlope,
                                      absence: state.absenceEffect, dropout: state.dropoutEffect,
                                      latentSupport: state.latentSupport, latentBonding: state.latentBonding)
        summary = state.summary()
    }

    /// The file names and tables written by `truant simulate`, in order.
    public var tables: [(file: String, table: Table)] {
        [("pupils.csv", pupils), ("schools.csv", schools), ("careers.csv", careers), ("person_period.csv", personPeriod)]
    }
}

/// Realized random effects and latent climate means per school (index = school_id − 1).
public struct SchoolEffects: Sendable, Equatable {
    /// Truancy random intercept u0 (logit scale).
    public var truancyIntercept: [Double]
    /// Truancy random slope u1 of `bonding_cwc`.
    public var truancySlope: [Double]
    /// Absence random intercept w (log scale).
    public var absence: [Double]
    /// Dropout random intercept v (logit scale).
    public var dropout: [Double]
    /// Latent school mean of teacher support.
    public var latentSupport: [Double]
    /// Latent school mean of school bonding.
    public var latentBonding: [Double]
}
