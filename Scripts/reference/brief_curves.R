# Reference values for the brief's survival sentences (Tests/ReportsTests/BriefCurveReferenceTests.swift):
# the cumulative incidence of dropout by the end of year 6, by track, with competing exits (transfer,
# qualified), read from R's Aalen–Johansen estimate on the bundled cohort's careers.csv.
#   Rscript Scripts/reference/brief_curves.R
library(survival)
library(jsonlite)
d <- read.csv("Datasets/flemish-cohort/careers.csv")
d$exit <- factor(d$exit, levels = c("censored", "dropout", "qualified", "transfer"))
fit <- survfit(Surv(time, exit) ~ track, data = d)          # conf.type = "log", 95%
s <- summary(fit, times = c(3, 6))
k <- which(s$states == "dropout")
out <- list()
for (i in seq_along(s$strata)) {
  level <- sub("^track=", "", as.character(s$strata[i]))
  t <- as.character(s$time[i])
  out[[level]][[t]] <- list(estimate = s$pstate[i, k], low = s$lower[i, k], high = s$upper[i, k],
                            n = fit$n[match(as.character(s$strata[i]), names(fit$strata))])
}
dir.create("Tests/Fixtures/brief", showWarnings = FALSE, recursive = TRUE)
write_json(list(call = "summary(survfit(Surv(time, exit) ~ track, careers), times = c(3, 6)), state 'dropout'", dropout = out),
           "Tests/Fixtures/brief/careers_dropout_cuminc.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
