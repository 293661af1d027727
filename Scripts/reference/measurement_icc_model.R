# Model-based ICC(1): lme4::lmer(y ~ 1 + (1 | GRP)) on multilevel::bh1996 (REML and ML), for
# Tests/ModelsTests/MeasurementModelICCTests.swift. Run: Rscript Scripts/reference/measurement_icc_model.R
suppressPackageStartupMessages({ library(lme4); library(multilevel); library(jsonlite) })
out <- "Tests/Fixtures/measurement"
# The committed CSV (as measurement.R wrote it), so R and Truant fit the same numbers.
bh1996 <- read.csv(file.path(out, "bh1996.csv"))
res <- lapply(c("HRS", "LEAD", "COHES", "WBEING"), function(v) {
  one <- function(reml) {
    d <- data.frame(y = bh1996[[v]], g = factor(bh1996$GRP))
    # R: m <- lmer(y ~ 1 + (1 | g), data = d, REML = reml); as.data.frame(VarCorr(m))
    m <- lmer(y ~ 1 + (1 | g), data = d, REML = reml)
    vc <- as.data.frame(VarCorr(m))
    tau2 <- vc$vcov[1]; s2 <- vc$vcov[2]
    list(tau2 = tau2, sigma2 = s2, icc1 = tau2 / (tau2 + s2), intercept = unname(fixef(m)[1]),
         criterion = if (reml) unname(getME(m, "devcomp")$cmp["REML"]) else unname(deviance(m)))
  }
  list(var = v, reml = one(TRUE), ml = one(FALSE))
})
write_json(list(models = res), file.path(out, "bh1996_icc_model.json"), digits = NA, auto_unbox = TRUE, pretty = TRUE)
