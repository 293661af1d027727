/// The working arrays of one simulation run (structure of arrays, one entry per school or pupil).
/// Filled stage by stage (`CohortState+Schools.swift`, `+Pupils`, `+Climate`, `+Outcomes`, `+Careers`).
struct CohortState {
    let parameters: SimulationParameters
    var streams: SimulationStreams

    // Schools (index j).
    var schoolSize: [Int] = []
    var urban: [Bool] = []
    var schoolSES: [Double] = []
    var trackMix: [Double] = []          // j * 4 + track
    var latentSupport: [Double] = []
    var latentBonding: [Double] = []
    var schoolClimate: [Double] = []     // observed school mean of the support scale (4 decimals)
    var schoolClimateC: [Double] = []    // grand-mean centred over schools
    var schoolBondingMean: [Double] = []
    var classCount: [Int] = []
    var truancyIntercept: [Double] = []
    var truancySlope: [Double] = []
    var absenceEffect: [Double] = []
    var dropoutEffect: [Double] = []

    // Pupils (index i, sorted by school, class).
    var school: [Int] = []
    var classID: [Int] = []
    var male: [Bool] = []
    var ses: [Double] = []
    var track: [Int] = []
    var foreignLanguage: [Bool] = []
    var motherEducation: [Int] = []      // 0 low, 1 middle, 2 high
    var allowance: [Bool] = []
    var yearsBehind: [Int] = []
    var age: [Double] = []
    var supportAnswers: [Int8] = []      // i * k + item; 0 = missing
    var bondingAnswers: [Int8] = []
    var support: [Double] = []           // NaN = missing
    var bonding: [Double] = []
    var bondingCWC: [Double] = []
    var truant: [Bool] = []
    var absence: [Int] = []

    // Careers (one entry per pupil) and person-period rows.
    var careerTime: [Int] = []
    var careerExit: [Int] = []           // 0 censored, 1 dropout, 2 transfer, 3 qualified
    var careerYearsBehind: [Int] = []
    var periods = PersonPeriodRows()

    init(parameters: SimulationParameters) {
        self.parameters = parameters
        self.streams = SimulationStreams(seed: parameters.seed)
    }

    var pupilCount: Int { school.count }
    var schoolCount: Int { schoolSize.count }

    /// Age minus 15 years (the centring used by the outcome models).
    func ageC(_ i: Int) -> Double { rounded(age[i] - 15, 2) }
    /// 1 when a pupil is at least one year behind.
    func retained(_ i: Int) -> Double { yearsBehind[i] > 0 ? 1 : 0 }
    /// The pupil's school climate, centred.
    func climateC(_ i: Int) -> Double { schoolClimateC[school[i]] }
}

/// The person-period layout, one entry per pupil and school year at risk.
struct PersonPeriodRows {
    var pupil: [Int] = []
    var period: [Int] = []
    var grade: [Int] = []
    var ageStart: [Int] = []
    var yearsBehind: [Int] = []
    var retainedPrevious: [Bool] = []
    var absencePrevious: [Int] = []      // -1 = none (first period)
    var absence: [Int] = []
    var eligible: [Bool] = []
    var failed: [Bool] = []
    var event: [Int] = []                // 0 none, 1 dropout, 2 transfer, 3 qualified
}

/// Names of the career exits by code.
public let careerExitNames = ["censored", "dropout", "transfer", "qualified"]
