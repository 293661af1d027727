import Foundation

extension CohortState {
    /// Schools: lognormal sizes scaled to the pupil total (at least `min_pupils` each), urban flag,
    /// mean SES, a Dirichlet track mix around the national shares, and latent climate means.
    mutating func drawSchools() {
        let p = parameters, s = p.school, J = p.schools
        var g = streams[.schools]
        var weights: [Double] = []
        let concentration = s.trackConcentration
        let shareTotal = s.trackShares.reduce(0, +)
        for _ in 0..<J {
            weights.append(exp(s.sizeLogSD * g.nextStandardNormal()))
            let isUrban = g.nextBernoulli(s.urbanShare)
            urban.append(isUrban)
            schoolSES.append(s.sesSD * g.nextStandardNormal() + (isUrban ? s.urbanSES : 0))
            var mix = s.trackShares.map { gammaDraw(shape: concentration * $0 / shareTotal, using: &g) }
            let total = mix.reduce(0, +)
            mix = total > 0 ? mix.map { $0 / total } : s.trackShares.map { $0 / shareTotal }
            trackMix += mix
            let z1 = g.nextStandardNormal(), z2 = g.nextStandardNormal()
            let c = p.climate
            latentSupport.append(c.supportBetweenSD * z1)
            latentBonding.append(c.bondingBetweenSD * (c.betweenCorrelation * z1 + (1 - c.betweenCorrelation * c.betweenCorrelation).squareRoot() * z2))
        }
        streams[.schools] = g
        schoolSize = allocate(total: p.pupils, minimum: s.minPupils, weights: weights)
    }

    /// Largest-remainder allocation of `total` over `weights` after giving each `minimum`.
    private func allocate(total: Int, minimum: Int, weights: [Double]) -> [Int] {
        let rest = total - minimum * weights.count
        let sum = weights.reduce(0, +)
        let exact = weights.map { Double(rest) * $0 / sum }
        var sizes = exact.map { minimum + Int($0.rounded(.down)) }
        var left = total - sizes.reduce(0, +)
        let order = exact.indices.sorted { a, b in
            let ra = exact[a] - exact[a].rounded(.down), rb = exact[b] - exact[b].rounded(.down)
            return ra != rb ? ra > rb : a < b
        }
        var k = 0
        while left > 0 && !order.isEmpty {
            sizes[order[k % order.count]] += 1
            left -= 1; k += 1
        }
        return sizes
    }
}
