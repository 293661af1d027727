import Foundation
import Testing
import TestSupport
@testable import Frames

// Fixtures written by pyreadstat 1.3.7: Scripts/reference/make_dataio_fixtures.py (the values below are
// the data frame in that script).

@Suite("ReadStat reader: SPSS, Stata and SAS files written by pyreadstat")
struct ReadStatReaderTests {
    @Test("SPSS .sav: variable labels, value labels as factors, user-missing 99, strings, dates")
    func spss() throws {
        let t = try Table.readSPSS(path: DataIO.fixture("pupils.sav"))
        #expect(t.columnNames == ["id", "school", "sex", "track", "absences", "score", "birth"])
        #expect(t.rowCount == 12)
        #expect(t.source == DataIO.fixture("pupils.sav"))

        let id = try t.column("id")
        #expect(id.values == .integer(Array(1...12)))   // F8.0 with whole numbers -> integer
        #expect(id.label == "Pupil number")

        let school = try t.column("school")
        #expect(school.values == .string(DataIO.schools))
        #expect(school.missingCount == 0)               // "" stays an empty string
        #expect(school.label == "School name")

        let sex = try t.column("sex")
        guard case .factor(let f) = sex.values else { Issue.record("sex is not a factor"); return }
        #expect(f.levels == ["boy", "girl"])
        #expect(f.codes == DataIO.sexCodes)
        #expect(f.labels == nil)                         // codes 1, 2: the default
        #expect(f.valueCodes == [1, 2])
        #expect(sex.missing[8])
        #expect(sex.label == "Sex of the pupil")

        let track = try t.column("track")
        guard case .factor(let g) = track.values else { Issue.record("track is not a factor"); return }
        #expect(g.levels == ["ASO", "TSO", "BSO", "4"])  // the unlabelled 4 becomes its own level
        #expect(g.codes == DataIO.trackCodes)

        let absences = try t.column("absences")
        #expect(absences.type == .double)
        #expect(absences.missing == [false, false, true, false, false, true, false, false, false, false, false, false])
        let a = try #require(absences.doubles)
        #expect(maxRelativeDifference(a, DataIO.absences.map { $0 == 99 ? .nan : $0 }) == 0)

        let score = try t.column("score")
        #expect(maxRelativeDifference(try #require(score.doubles), DataIO.scores) == 0)
        #expect(score.missing[3])

        let birth = try t.column("birth")
        #expect(birth.values == .double(DataIO.birthDays))  // DATE11 -> days since 1970-01-01
        #expect(birth.label == "Date of birth")
    }

    @Test("SPSS options: user-missing codes and value-label codes kept as numbers, raw dates")
    func spssOptions() throws {
        let t = try Table.readSPSS(path: DataIO.fixture("pupils.sav"),
                                   options: ForeignReadOptions(valueLabelsAsFactors: false, userMissingAsMissing: false, convertDates: false))
        #expect(try t.column("absences").doubles == DataIO.absences)
        let sex = try t.column("sex")
        #expect(sex.type == .double)
        #expect(sex.missingCount == 1)
        // SPSS dates count seconds from 1582-10-14: 1970-01-01 is 12219379200.
        #expect(try t.column("birth").doubles?.last == 12_219_379_200)
    }

    @Test("SPSS: labels of user-missing codes do not become levels")
    func labelledMissing() throws {
        let t = try Table.readSPSS(path: DataIO.fixture("labelled_missing.sav"))
        guard case .factor(let f) = try t.column("answer").values else { Issue.record("not a factor"); return }
        #expect(f.levels == ["yes", "no", "3"])
        #expect(f.codes == [0, 1, -1, 0, -1, 2])
        #expect(f.labels == nil)
        #expect(try t.column("answer").label == "Did you skip school last month?")
        let kept = try Table.readSPSS(path: DataIO.fixture("labelled_missing.sav"), options: ForeignReadOptions(userMissingAsMissing: false))
        guard case .factor(let g) = try kept.column("answer").values else { Issue.record("not a factor"); return }
        #expect(g.levels == ["yes", "no", "3", "don't know", "refused"])
        #expect(g.codes == [0, 1, 4, 0, 3, 2])
        #expect(g.labels == ["1", "2", "3", "8", "9"])
    }

    @Test("SPSS: a variable labelled only at its missing code stays numeric")
    func labelledOnlyMissing() throws {
        let t = try Table.readSPSS(path: DataIO.fixture("labelled_missing.sav"))
        let age = try t.column("age")
        #expect(age.type == .double)
        #expect(maxRelativeDifference(try #require(age.doubles), [15, 16, .nan, 15, 17, 16]) == 0)
        let kept = try Table.readSPSS(path: DataIO.fixture("labelled_missing.sav"), options: ForeignReadOptions(userMissingAsMissing: false))
        guard case .factor(let f) = try kept.column("age").values else { Issue.record("not a factor"); return }
        #expect(f.levels == ["15", "16", "17", "no answer"])
    }

    @Test("Stata .dta: value labels, extended missing .a, %td dates, long integers")
    func stata() throws {
        let t = try Table.readStata(path: DataIO.fixture("pupils.dta"))
        #expect(t.columnNames == ["id", "school", "sex", "track", "absences", "score", "birth"])
        #expect(try t.column("id").values == .integer(Array(1...12)))
        #expect(try t.column("school").values == .string(DataIO.schools))
        guard case .factor(let f) = try t.column("sex").values else { Issue.record("sex is not a factor"); return }
        #expect(f.levels == ["boy", "girl"])
        #expect(f.codes == DataIO.sexCodes)
        guard case .factor(let g) = try t.column("track").values else { Issue.record("track is not a factor"); return }
        #expect(g.levels == ["ASO", "TSO", "BSO", "4"])
        #expect(g.codes == DataIO.trackCodes)
        let absences = try t.column("absences")
        #expect(absences.missing.enumerated().filter(\.element).map(\.offset) == [2, 5])   // .a -> missing
        #expect(maxRelativeDifference(try #require(absences.doubles), DataIO.absences.map { $0 == 99 ? .nan : $0 }) == 0)
        #expect(maxRelativeDifference(try #require(try t.column("score").doubles), DataIO.scores) == 0)
        #expect(try t.column("birth").values == .double(DataIO.birthDays))  // %td: days since 1960 -> since 1970
        #expect(try t.column("track").label == "Educational track")
    }

    @Test("SAS transport .xpt: no row count in the header, labels kept, no value labels, 99 stays a value")
    func sasTransport() throws {
        let t = try Table.readSAS(path: DataIO.fixture("pupils.xpt"))
        #expect(t.columnNames == ["id", "school", "sex", "track", "absences", "score"])
        #expect(t.rowCount == 12)
        #expect(try t.column("id").doubles == (1...12).map(Double.init))
        #expect(try t.column("school").values == .string(DataIO.schools))
        #expect(try t.column("absences").doubles == DataIO.absences)
        #expect(try t.column("sex").missingCount == 1)
        #expect(maxRelativeDifference(try #require(try t.column("score").doubles), DataIO.scores) == 0)
        #expect(try t.column("score").label == "Mathematics score")
    }

    @Test("SAS .sas7bdat: strings, missing, DATE9. and DATETIME20. converted to the 1970 epoch")
    func sas7bdat() throws {
        // Written through ReadStat's C writer by the fixture script; pyreadstat 1.3.7 reads it as listed there.
        let t = try Table.readSAS(path: DataIO.fixture("pupils.sas7bdat"))
        #expect(t.columnNames == ["id", "school", "score", "birth", "visit"])
        #expect(try t.column("id").doubles == [1, 2, 3, 4, 5])
        #expect(try t.column("school").values == .string(["Gent-1", "Gent-1", "Brugge-3", "Antwerpen-4", ""]))
        let score = try t.column("score")
        #expect(score.missing == [false, true, false, false, false])
        #expect(score.label == "Mathematics score")
        // Python: (date - date(1970, 1, 1)).days and (datetime - datetime(1970, 1, 1)).total_seconds()
        #expect(try t.column("birth").values == .double([13893, 13940, -3653, -3654, 0]))
        #expect(try t.column("visit").values == .double([1_683_192_600, 1_683_208_800, -315_619_200, 1, 951_868_799]))
        let raw = try Table.readSAS(path: DataIO.fixture("pupils.sas7bdat"), options: ForeignReadOptions(convertDates: false))
        #expect(try raw.column("birth").values == .double([17546, 17593, 0, -1, 3653]))   // days since 1960-01-01
    }

    @Test("Compressed .zsav and the old binary Stata format read like their plain versions")
    func variants() throws {
        let sav = try Table.readSPSS(path: DataIO.fixture("pupils.sav"))
        #expect(DataIO.difference(try Table.readSPSS(path: DataIO.fixture("pupils.zsav")).columns, sav.columns) == nil)
        let dta = try Table.readStata(path: DataIO.fixture("pupils.dta"))
        #expect(try ForeignFormat.detect(path: DataIO.fixture("pupils_v12.dta")) == .stata)
        // Files before Stata 14 declare no encoding and ReadStat takes them as Windows-1252, as Stata wrote
        // them; pyreadstat put UTF-8 bytes in this one, so the encoding must be given.
        let v12 = try Table.readStata(path: DataIO.fixture("pupils_v12.dta"), options: ForeignReadOptions(encoding: "UTF-8")).columns
        #expect(DataIO.difference(v12, dta.columns) == nil, "\(DataIO.difference(v12, dta.columns) ?? "")")
        let latin = try Table.readStata(path: DataIO.fixture("pupils_v12.dta")).column("school")
        #expect(latin.text(at: 3) == "Li\u{C3}\u{A8}ge-2")
    }

    @Test("SPSS portable .por (written through ReadStat's C writer, checked with pyreadstat)")
    func portable() throws {
        #expect(try ForeignFormat.detect(path: DataIO.fixture("pupils.por")) == .spssPortable)
        let t = try Table.readSPSS(path: DataIO.fixture("pupils.por"))
        #expect(t.columnNames == ["ID", "SCHOOL", "SCORE"])
        #expect(try t.column("ID").values == .integer([1, 2, 3, 4, 5]))
        #expect(try t.column("SCHOOL").values == .string(["Gent-1", "Gent-1", "Brugge-3", "Antwerpen-4", ""]))
        let score = try t.column("SCORE")
        #expect(score.missing == [false, true, false, false, false])
        #expect(maxRelativeDifference(try #require(score.doubles), [12.5, .nan, 10, -3.25, 15]) == 0)
        #expect(score.label == "Mathematics score")
    }

    @Test("readStatisticalFile picks the reader by content")
    func anyFormat() throws {
        for name in ["pupils.sav", "pupils.dta", "pupils.xpt"] {
            let t = try Table.readStatisticalFile(path: DataIO.fixture(name))
            #expect(t.rowCount == 12, "\(name)")
        }
        #expect(try Table.readStatisticalFile(path: DataIO.fixture("pupils.sas7bdat")).rowCount == 5)
    }

    @Test("Factor.valueCodes: numbers from labels, else 1...k")
    func valueCodes() {
        #expect(Factor(codes: [0], levels: ["a", "b"], labels: ["1", "9"]).valueCodes == [1, 9])
        #expect(Factor(codes: [0], levels: ["a", "b"], labels: ["Boy", "Girl"]).valueCodes == [1, 2])
        #expect(Factor(codes: [0], levels: ["a", "b"]).valueCodes == [1, 2])
        #expect(Factor(codes: [0], levels: ["a", "b"], labels: ["3", "3"]).valueCodes == [1, 2])
    }
}
