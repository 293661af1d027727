extension CoxRiskSets {
    /// `concordance()` for right-censored data grouped in (stratum, time) blocks, by one sweep over the rows
    /// in ascending risk score.
    ///
    /// Within a stratum, number the blocks `0, 1, ...` from the latest time back (the backward pass order)
    /// and give each row a level: its block if censored, its block + 1 if an event. A row is at risk for the
    /// events of block `b` exactly when its level is at most `b` (censored rows at the event time count, the
    /// other events at that time do not). The sweep keeps, per level, the weight of the rows already passed
    /// (lower scores); an event of block `b` then finds the weight at risk with a lower score as the sum
    /// over levels `<= b` before its tie group is added, with a lower or equal score after. Pairs of events
    /// in one block are `tiedY`, those also in one tie group `tiedXY`. The scores are sorted with each row's
    /// slot and weight carried along, so the sweep reads memory in order (`ConcordanceSweep`). O(n) for up to
    /// 15 distinct stop times in the data (all strata, censored times included: a vector of prefix sums per
    /// stratum), O(n log(times)) beyond (a Fenwick tree).
    ///
    /// The pairs do not depend on the order of the rows, so when the linear predictor is only in the slot-sorted
    /// workspace (`rowOrderReady` false) the sweep takes it from there, each score tagged with its slot.
    func concordanceByBlocks(_ blocks: CoxTimeBlocks) -> Concordance {
        let c: ConcordanceSweep.Counts
        if !rowOrderReady, let data = slotData, let work = blockWork, work.sumsBeta == linearPredictorBeta {
            c = ConcordanceSweep.counts(blocks, eta: work.eta, slots: data.slotTags(), weights: data.weight)
        } else {
            precondition(rowOrderReady, "concordance needs a linear predictor: setLinearPredictor(beta) first")
            // Unit weights are not made just to be found all 1.
            let w: [Double]? = weightsGiven ? weights : nil
            c = ConcordanceSweep.counts(blocks, eta: eta, slots: blocks.slot, weights: w.flatMap { $0.allSatisfy { $0 == 1 } ? nil : $0 })
        }
        return Concordance(concordant: c.concordant, discordant: c.discordant, tiedX: c.tiedX, tiedY: c.tiedY - c.tiedXY,
                           tiedXY: c.tiedXY)
    }
}
