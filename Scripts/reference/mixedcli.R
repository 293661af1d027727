# Raw data for the `truant fit` mixed-model CLI tests (Tests/TruantCLITests/Mixed*.swift).
# The reference values those tests compare against are the lme4 fits in Tests/Fixtures/mixed/*.json
# (Scripts/reference/mixed.R); this script only writes the same data sets as CSV files.
#   Rscript Scripts/reference/mixedcli.R
suppressMessages(library(lme4))
out <- "Tests/Fixtures/mixedcli"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
write.csv(sleepstudy, file.path(out, "sleepstudy.csv"), row.names = FALSE)
write.csv(transform(cbpp, noninc = size - incidence), file.path(out, "cbpp.csv"), row.names = FALSE)
write.csv(grouseticks, file.path(out, "grouseticks.csv"), row.names = FALSE)
# Bad input: a grouping factor with one level; a constant random slope.
bad <- data.frame(y = c(1.2, 2.3, 3.1, 4.8, 5.0, 6.2), x = c(1, 2, 3, 4, 5, 6), k = 1, g = "a")
bad$g2 <- rep(c("a", "b", "c"), 2)
write.csv(bad, file.path(out, "bad.csv"), row.names = FALSE)
# Prior weights (as in Tests/Fixtures/mixed/sleepstudy_weights.json) and an offset column (cbpp_poisson.json).
write.csv(transform(sleepstudy, w = rep(c(1, 2, 0.5), length.out = 180)), file.path(out, "sleepstudy.csv"), row.names = FALSE)
write.csv(transform(cbpp, noninc = size - incidence, logsize = log(size)), file.path(out, "cbpp.csv"), row.names = FALSE)
# A singular fit (lme4 estimates the Batch variance as 0).
write.csv(Dyestuff2, file.path(out, "dyestuff2.csv"), row.names = FALSE)
