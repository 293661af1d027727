import Foundation
import Formula
import Linalg
import Models

/// A seeded simulation of pupils in schools for tests: a 64-bit LCG (Knuth's MMIX constants) with
/// Box-Muller normals, so results are identical on every machine without a dependency on the
/// `Distributions` module's generator.
struct MixedSimulation {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }

    /// Uniform on (0, 1).
    mutating func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return (Double(state >> 11) + 0.5) / 9007199254740992.0
    }

    /// Standard normal (Box-Muller).
    mutating func normal() -> Double {
        let u1 = uniform(), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Binary outcomes for `schools` schools of `perSchool` pupils: logit P(y = 1) = X beta + b_school,
    /// b ~ N(0, sd^2); X has an intercept and `beta.count - 1` standard-normal covariates.
    mutating func logisticRandomIntercept(schools: Int, perSchool: Int, beta: [Double], sd: Double) -> ModelFrame {
        let n = schools * perSchool
        let p = beta.count
        var x = [Double](repeating: 1, count: n * p)
        var y = [Double](repeating: 0, count: n)
        var codes = [Int32](repeating: 0, count: n)
        let b = (0..<schools).map { _ in sd * normal() }
        for i in 0..<n {
            let s = i / perSchool
            codes[i] = Int32(s)
            var eta = b[s] + beta[0]
            for j in 1..<p {
                let v = normal()
                x[i + j * n] = v
                eta += v * beta[j]
            }
            y[i] = uniform() < 1 / (1 + exp(-eta)) ? 1 : 0
        }
        let names = ["(Intercept)"] + (1..<p).map { "x\($0)" }
        let design = DesignMatrix(matrix: Matrix(rows: n, columns: p, columnMajor: x), columnNames: names,
                                  assign: Array(0..<p), termLabels: Array(names.dropFirst()), hasIntercept: true)
        let g = GroupingFactor(name: "school", codes: codes, levels: (0..<schools).map { "s\($0)" })
        let term = RandomTermDesign(grouping: g, z: Matrix(rows: n, columns: 1, repeating: 1), columnNames: ["(Intercept)"],
                                    correlated: true)
        return ModelFrame(response: .vector(name: "truant", values: y), fixed: design, randomTerms: [term],
                          nObs: n, nDropped: 0, rowsUsed: Array(0..<n))
    }

    /// Binary outcomes for pupils in classes in schools: `schools` x `classesPerSchool` classes of `perClass` pupils,
    /// logit P(y = 1) = X beta + b_school + c_class with SDs `schoolSD`, `classSD`. Terms in lme4's order for
    /// `(1 | school/class)`: class:school first, then school.
    mutating func logisticNested(schools: Int, classesPerSchool: Int, perClass: Int, beta: [Double],
                                 schoolSD: Double, classSD: Double) -> ModelFrame {
        let classes = schools * classesPerSchool
        let n = classes * perClass
        let p = beta.count
        var x = [Double](repeating: 1, count: n * p)
        var y = [Double](repeating: 0, count: n)
        var cCodes = [Int32](repeating: 0, count: n), sCodes = cCodes
        let b = (0..<schools).map { _ in schoolSD * normal() }
        let c = (0..<classes).map { _ in classSD * normal() }
        for i in 0..<n {
            let k = i / perClass, s = k / classesPerSchool
            cCodes[i] = Int32(k); sCodes[i] = Int32(s)
            var eta = b[s] + c[k] + beta[0]
            for j in 1..<p {
                let v = normal()
                x[i + j * n] = v
                eta += v * beta[j]
            }
            y[i] = uniform() < 1 / (1 + exp(-eta)) ? 1 : 0
        }
        let names = ["(Intercept)"] + (1..<p).map { "x\($0)" }
        let design = DesignMatrix(matrix: Matrix(rows: n, columns: p, columnMajor: x), columnNames: names,
                                  assign: Array(0..<p), termLabels: Array(names.dropFirst()), hasIntercept: true)
        let ones = Matrix(rows: n, columns: 1, repeating: 1)
        let classTerm = RandomTermDesign(grouping: GroupingFactor(name: "class:school", codes: cCodes, levels: (0..<classes).map { "c\($0)" }),
                                         z: ones, columnNames: ["(Intercept)"], correlated: true)
        let schoolTerm = RandomTermDesign(grouping: GroupingFactor(name: "school", codes: sCodes, levels: (0..<schools).map { "s\($0)" }),
                                          z: ones, columnNames: ["(Intercept)"], correlated: true)
        return ModelFrame(response: .vector(name: "truant", values: y), fixed: design, randomTerms: [classTerm, schoolTerm],
                          nObs: n, nDropped: 0, rowsUsed: Array(0..<n))
    }
}
