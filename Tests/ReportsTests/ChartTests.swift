import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Reports
@testable import Models

private let forestRows = [
    ForestRow(label: "Vocational track (vs general)", estimate: 3.2, low: 2.1, high: 4.9),
    ForestRow(label: "Technical track (vs general)", estimate: 1.6, low: 1.02, high: 2.5),
    ForestRow(label: "Boy", estimate: 1, low: 0.8, high: 1.25),
    ForestRow(label: "School allowance", estimate: 1.3, low: 1.05, high: 1.61),
]

private func forest(_ style: ChartStyle = ChartStyle()) -> ForestPlot {
    ForestPlot(rows: forestRows, axisLabel: "Odds ratio (log scale)",
               text: ChartText(title: "Odds of problematic absence", description: "Odds ratios with 95% intervals for four pupil characteristics.",
                               note: "Squares: odds ratios; lines: 95% intervals."), style: style)
}

@Test("Nice numbers: steps of 1, 2 or 5 times a power of ten that cover the data")
func niceTicks() {
    #expect(NiceTicks.linear(low: 0, high: 1, count: 5).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(NiceTicks.linear(low: 0, high: 0.137, count: 5).ticks == [0, 0.05, 0.1, 0.15])
    #expect(NiceTicks.linear(low: 3, high: 97, count: 5).ticks == [0, 20, 40, 60, 80, 100])
    #expect(NiceTicks.linear(low: -1.3, high: 2.2, count: 5).ticks == [-2, -1, 0, 1, 2, 3])
    #expect(NiceTicks.logarithmic(low: 0.3, high: 12) == [0.5, 1, 2, 5, 10])
    #expect(NiceTicks.logarithmic(low: 0.8, high: 4.9) == [1, 2, 3, 4])
    #expect(NiceTicks.logarithmic(low: 1.2, high: 1.9) == [1.2, 1.4, 1.6, 1.8])
    // A degenerate range is widened rather than giving a single tick.
    #expect(NiceTicks.linear(low: 5, high: 5).ticks.count >= 2)
}

@Test("Numbers print the same way every time, with the reader's decimal mark")
func numberFormatting() {
    #expect(SVGNumber.format(12.0) == "12")
    #expect(SVGNumber.format(12.345) == "12.35")
    #expect(SVGNumber.format(-0.001) == "0")
    #expect(SVGNumber.format(-3.1) == "-3.1")
    #expect(SVGNumber.format(0.05) == "0.05")
    #expect(DecimalMark.comma.format(1.256, decimals: 2) == "1,26")
    #expect(DecimalMark.point.tick(0.30000000000000004) == "0.3")
    #expect(DecimalMark.comma.tick(2.5) == "2,5")
    #expect(DecimalMark.point.format(-0.0001, decimals: 2) == "0.00")
}

@Test("Forest plot: well-formed SVG with title, desc, one estimate and one interval per row")
func forestPlotStructure() throws {
    let svg = forest().svg
    let doc = try ParsedSVG(svg)
    #expect(doc.root.attr("role") == "img")
    #expect(doc.title == "Odds of problematic absence")
    #expect(doc.desc == "Odds ratios with 95% intervals for four pupil characteristics.")
    #expect(doc.root.attr("aria-labelledby") == "chart-odds-of-problematic-absence-title chart-odds-of-problematic-absence-desc")
    #expect(doc.root.attr("width") == "500pt")
    #expect(doc.elements(class: "estimate").count == 4)
    #expect(doc.elements(class: "interval").count == 4)
    #expect(doc.texts(class: "row-label") == forestRows.map(\.label))
    #expect(doc.texts(class: "row-value") == ["3.20 (2.10–4.90)", "1.60 (1.02–2.50)", "1.00 (0.80–1.25)", "1.30 (1.05–1.61)"])
    // Tick labels come from the nice-number rule on the log scale.
    #expect(doc.texts(class: "tick") == ["1", "2", "3", "4"])   // ratio range < 8: nice linear steps inside it
}

@Test("Forest plot: the row with odds ratio 1 sits on the reference line; a larger ratio sits to its right")
func forestPlotCoordinates() throws {
    let doc = try ParsedSVG(forest().svg)
    let ref = try #require(doc.elements(class: "reference").first)
    let marks = doc.elements(class: "estimate")
    func centre(_ e: XMLElement) -> Double { (e.number("x") ?? .nan) + (e.number("width") ?? .nan) / 2 }
    let refX = try #require(ref.number("x1"))
    #expect(Swift.abs(centre(marks[2]) - refX) < 0.02)
    #expect(centre(marks[0]) > centre(marks[1]))
    #expect(centre(marks[1]) > refX)
    // On a log scale equal ratios are equal distances: OR 0.8 and 1.25 are as far from 1 on either side.
    let interval = doc.elements(class: "interval")[2]
    let left = try #require(interval.number("x1")), right = try #require(interval.number("x2"))
    #expect(Swift.abs((refX - left) - (right - refX)) < 0.03)
}

@Test("Output is deterministic and the Dutch style uses a decimal comma")
func deterministicAndDutch() throws {
    #expect(forest().svg == forest().svg)
    let doc = try ParsedSVG(forest(ChartStyle(decimalMark: .comma)).svg)
    #expect(doc.texts(class: "row-value").first == "3,20 (2,10–4,90)")
}

@Test("Text is escaped: labels with < and & stay well-formed")
func escaping() throws {
    let plot = ForestPlot(rows: [ForestRow(label: "Age < 16 & boy", estimate: 2, low: 1, high: 4)],
                          text: ChartText(title: "A & B", description: "x < y"))
    let doc = try ParsedSVG(plot.svg)
    #expect(doc.title == "A & B")
    #expect(doc.texts(class: "row-label") == ["Age < 16 & boy"])
}

@Test("Profile plot: one marker and interval per profile, probabilities shown per 100, legend per series")
func profilePlot() throws {
    let points = [
        IntervalPoint(category: "General", series: "High support", estimate: 0.02, low: 0.012, high: 0.031),
        IntervalPoint(category: "General", series: "Low support", estimate: 0.035, low: 0.024, high: 0.05),
        IntervalPoint(category: "Vocational", series: "High support", estimate: 0.09, low: 0.07, high: 0.115),
        IntervalPoint(category: "Vocational", series: "Low support", estimate: 0.14, low: 0.11, high: 0.175),
    ]
    let doc = try ParsedSVG(ProfilePlot(points: points, valueLabel: "Pupils per 100", categoryLabel: "Track",
                                        text: ChartText(title: "Predicted share", description: "d")).svg)
    #expect(doc.elements(class: "estimate").count == 4)
    #expect(doc.elements(class: "interval").count == 4)
    #expect(doc.elements(class: "legend-key").count == 2)
    #expect(doc.texts(class: "tick") == ["0", "5", "10", "15", "20"])
    #expect(doc.texts(class: "category") == ["General", "Vocational"])
    // Marker y of 0.14 lies above (smaller y than) that of 0.09.
    let circles = doc.elements(class: "estimate")
    #expect(circles.count == 4)
}

@Test("Caterpillar plot: schools unnamed by default, sorted from lowest to highest, coloured by the reference line")
func caterpillar() throws {
    let effects = (0..<12).map { i -> GroupEffect in
        let e = Foundation.exp(Double(i - 6) * 0.15)
        return GroupEffect(label: "School \(i)", estimate: e, low: e / 1.6, high: e * 1.6)
    }.reversed()
    let plot = CaterpillarPlot(effects: Array(effects), valueLabel: "Odds ratio",
                               text: ChartText(title: "School differences", description: "d"))
    let doc = try ParsedSVG(plot.svg)
    let marks = doc.elements(class: "estimate")
    #expect(marks.count == 12)
    #expect(doc.elements(class: "group-label").isEmpty)
    #expect(!plot.svg.contains("School 3"))
    let ys = marks.compactMap { $0.number("cy") }
    #expect(ys == ys.sorted(by: >))            // ascending estimates go up the page
    var named = plot
    named.showLabels = true
    #expect(try ParsedSVG(named.svg).elements(class: "group-label").count == 12)
}

@Test("Survival plot: a step curve and band per group, numbers at risk at each time tick, small counts masked")
func survivalPlot() throws {
    let a = StepCurve(label: "General", time: [1, 2, 3, 4], estimate: [0.98, 0.95, 0.93, 0.9], low: [0.96, 0.92, 0.9, 0.86],
                      high: [0.99, 0.97, 0.95, 0.93], nRisk: [400, 380, 300, 8], initial: 1)
    let b = StepCurve(label: "Vocational", time: [1, 2, 3, 4], estimate: [0.9, 0.82, 0.75, 0.7], low: [0.87, 0.78, 0.7, 0.64],
                      high: [0.93, 0.86, 0.8, 0.76], nRisk: [200, 170, 140, 100], initial: 1)
    let plot = SurvivalPlot(curves: [a, b], kind: .survival, valueLabel: "Per 100 still in school", timeLabel: "School year",
                            suppressAtRiskBelow: 10, text: ChartText(title: "Staying in school", description: "d"))
    #expect(plot.timeTicks == [0, 1, 2, 3, 4])
    #expect(a.atRisk(at: 0) == 400 && a.atRisk(at: 2.5) == 300 && a.atRisk(at: 5) == 0)
    #expect(a.value(at: 2.5) == 0.95 && a.value(at: 0.5) == 1)
    let doc = try ParsedSVG(plot.svg)
    #expect(doc.elements(class: "step").count == 2)
    #expect(doc.elements(class: "band").count == 2)
    #expect(doc.texts(class: "at-risk-count") == ["400", "400", "380", "300", "<10", "200", "200", "170", "140", "100"])
    // The first step starts at survival 1, the top of the axis.
    // The first step starts at survival 1, level with the top tick of the value axis.
    let d = try #require(doc.elements(class: "step").first?.attr("d"))
    let startY = Double(d.dropFirst().split(separator: " ")[0].split(separator: ",")[1])
    let topTick = doc.elements(class: "y-axis").first.flatMap { axis in
        (axis.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.name == "line" }.compactMap { $0.number("y1") }.min()
    }
    #expect(startY != nil && startY == topTick)
}

@Test("Hazard and item charts carry title, desc and the expected marks")
func hazardAndItems() throws {
    let hz = HazardPlot(points: (1...4).map { IntervalPoint(category: "Year \($0)", series: "All", estimate: 0.02 * Double($0), low: 0.01 * Double($0), high: 0.03 * Double($0)) },
                        valueLabel: "Per 100 at risk", periodLabel: "School year", text: ChartText(title: "Hazard", description: "By year"))
    let hdoc = try ParsedSVG(hz.svg)
    #expect(hdoc.elements(class: "estimate").count == 4)
    #expect(hdoc.elements(class: "connector").count == 1)
    #expect(hdoc.desc == "By year")
    let items = ItemStatisticsPlot(items: [ItemRow(item: "Q1", mean: 2.8, sd: 0.7, itemRest: 0.55, alphaIfDeleted: 0.80),
                                           ItemRow(item: "Q2", reversed: true, mean: 2.1, sd: 0.9, itemRest: 0.21, alphaIfDeleted: 0.86)],
                                   responseRange: 1...4, alpha: 0.84, text: ChartText(title: "Items", description: "Item statistics"))
    let idoc = try ParsedSVG(items.svg)
    #expect(idoc.elements(class: "bar").count == 2)
    #expect(idoc.texts(class: "row-label") == ["Q1", "Q2 (r)"])
    #expect(idoc.texts(class: "row-value") == ["0.80", "0.86"])
}

@Test("Cumulative incidence: an Aalen–Johansen exit becomes a rising step curve from 0; unknown states are refused")
func cumulativeIncidenceAdapter() throws {
    let stratum = CumulativeIncidenceStratum(stratum: "all", time: [1, 2, 3], nRisk: [100, 90, 70], states: ["(s0)", "dropout", "qualified"],
                                             probability: [[0.95, 0.85, 0.7], [0.03, 0.08, 0.12], [0.02, 0.07, 0.18]],
                                             nEvent: [[0, 0, 0], [3, 5, 4], [2, 5, 11]], nCensor: [0, 0, 0],
                                             stdErr: [[0.02, 0.03, 0.04], [0.01, 0.02, 0.03], [0.01, 0.02, 0.03]],
                                             confLow: [[0.9, 0.8, 0.6], [0.01, 0.05, 0.08], [0.005, 0.04, 0.12]],
                                             confHigh: [[0.99, 0.9, 0.78], [0.08, 0.13, 0.18], [0.07, 0.12, 0.25]])
    let curve = try #require(StepCurve(stratum, state: "dropout", label: "Dropout"))
    #expect(curve.initial == 0 && curve.estimate == [0.03, 0.08, 0.12] && curve.nRisk == [100, 90, 70])
    #expect(StepCurve(stratum, state: "moved") == nil && StepCurve(stratum, state: "(s0)") == nil)
    let plot = SurvivalPlot(curves: [curve], kind: .cumulativeIncidence, valueLabel: "Per 100", timeLabel: "Year",
                            text: ChartText(title: "Dropout", description: "Cumulative incidence"))
    let doc = try ParsedSVG(plot.svg)
    #expect(doc.elements(class: "step").count == 1)
    // Value axis from 0 up past the highest upper limit (0.18) with nice ticks, shown per 100.
    #expect(doc.texts(class: "tick").prefix(5) == ["0", "5", "10", "15", "20"])
}
