import Frames
import Models

extension Interpreter {
    func registerPersonPeriodBuiltins() {
        define("person_period", ["data", "time", "event", "entry", "period"], topic: "transform",
               usage: "person_period(data, time, event, entry = NULL, period = \"period\")",
               "Expands one row per subject into one row per period at risk, for discrete-time hazard models (Singer & Willett's person-period data; R's survSplit with cuts at 1, 2, ...). time names the column with the number of whole periods observed (the period of the exit, or the last period seen); event names the status column (0 = censored, or a code per exit type for competing exits), which keeps its value on the subject's last row and is 0 on the earlier rows; entry names an optional column with the periods already survived before observation began (late entry). Every other column is repeated on each row; the period number (1, 2, ...) is added as the column named by period. Fit the hazard with glm(event == k ~ factor(period) + x, family = binomial) on the result.") { ctx in
            let t = try ctx.table("data")
            let timeName = try ctx.string("time"), eventName = try ctx.string("event")
            let periodName = try ctx.string("period", default: "period")
            func wholeNumbers(_ name: String, argument: String) throws -> [Int] {
                guard t.has(name) else {
                    throw ctx.fail("the data have no column '\(name)'", argument: argument, hint: didYouMean(nearestNames(to: name, among: t.columnNames)))
                }
                let c = try t.column(name)
                guard let d = c.doubles else { throw ctx.fail("the column '\(name)' must hold whole numbers, not text", argument: argument) }
                return try d.enumerated().map { i, x in
                    guard !c.missing[i], x.isFinite, x == x.rounded(), x >= 0, x < 1e6 else {
                        throw ctx.fail("the column '\(name)' must hold whole numbers of 0 or more without missing values; row \(i + 1) has \(c.missing[i] ? "NA" : numberText(x))", argument: argument,
                                       hint: "drop those rows first with subset()")
                    }
                    return Int(x)
                }
            }
            let time = try wholeNumbers(timeName, argument: "time")
            let status = try wholeNumbers(eventName, argument: "event")
            let entry = ctx.has("entry") ? try wholeNumbers(try ctx.string("entry"), argument: "entry") : nil
            if let entry {
                for i in time.indices where entry[i] >= time[i] {
                    throw ctx.fail("row \(i + 1) enters after period \(entry[i]) but leaves in period \(time[i]); entry must be before the exit", argument: "entry")
                }
            }
            for i in time.indices where time[i] < 1 {
                throw ctx.fail("row \(i + 1) has \(timeName) = 0; every subject must be observed for at least one period", argument: "time")
            }
            let expanded = try PersonPeriod.expand(periods: time, status: status, entryPeriod: entry)
            var out = try t.rows(expanded.subject)
            try out.setColumn(Column(name: eventName, values: .integer(expanded.event)))
            try out.setColumn(Column(name: periodName, values: .integer(expanded.period)))
            return .table(out)
        }
    }
}
