extension FactorSolution {
    /// An R-like text report (modelled on psych's `print(fa(...))`): loadings with communalities and
    /// uniquenesses, then sums of squared loadings and the (cumulative) proportion of variance per factor.
    public var summary: String {
        let prefix = method == .ml ? "ML" : "MR"
        let factorNames = (1...factorCount).map { "\(prefix)\($0)" }
        var out = "Factor analysis (\(method == .ml ? "maximum likelihood" : "minimum residual"), "
            + "\(factorCount) factor\(factorCount == 1 ? "" : "s"), rotation: \(rotation.rawValue))\n"
        out += table(header: factorNames + ["h2", "u2"],
                     rows: names.indices.map { i in
                         (names[i], (0..<factorCount).map { loadings[i, $0] } + [communalities[i], uniquenesses[i]]) },
                     digits: [Int](repeating: 2, count: factorCount + 2)) + "\n\n"
        out += table(header: factorNames,
                     rows: [("SS loadings", sumsOfSquares), ("Proportion Var", proportionVariance),
                            ("Cumulative Var", cumulativeVariance)],
                     digits: [Int](repeating: 2, count: factorCount)) + "\n"
        if heywood { out += "\nWarning: a uniqueness reached its lower bound (0.005): a Heywood case.\n" }
        return out
    }
}
