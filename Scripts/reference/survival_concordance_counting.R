# Reference values for the concordance of counting-process data with strata (the Fenwick-tree path; strata
# after the first were wrong before 2026-11-30), with tied scores and times, unweighted and weighted; and of
# the same rows as right-censored data (stop, status) with strata, which Truant counts by the block sweep
# (five distinct times).
#   Rscript Scripts/reference/survival_concordance_counting.R
# writes Tests/Fixtures/survival/concordance_counting.json: the data (start, stop, status, x, w, stratum) and,
# per case, R's pair counts (concordant, discordant, tied.x, tied.y, tied.xy) summed over strata.
# reverse = TRUE: a higher score means earlier failure, as for a Cox model's linear predictor.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
set.seed(42); n <- 30; stop <- sample(1:5, n, replace = TRUE)
start <- sapply(stop, function(s) sample(0:(s - 1), 1)); status <- rbinom(n, 1, 0.5)
s <- rep(1:2, length.out = n); x <- sample(c(-1, 0, 0.5, 2), n, replace = TRUE)
w <- sample(c(1, 2, 3), n, replace = TRUE)
counts <- function(k) { k <- if (is.matrix(k)) colSums(k) else k; unname(k[1:5]) }
calls <- c(strata = 'concordance(Surv(start, stop, status) ~ x + strata(s), reverse = TRUE)',
           strata_weighted = 'concordance(Surv(start, stop, status) ~ x + strata(s), weights = w, reverse = TRUE)',
           weighted = 'concordance(Surv(start, stop, status) ~ x, weights = w, reverse = TRUE)',
           right_strata = 'concordance(Surv(stop, status) ~ x + strata(s), reverse = TRUE)',
           right_strata_weighted = 'concordance(Surv(stop, status) ~ x + strata(s), weights = w, reverse = TRUE)')
cases <- lapply(names(calls), function(nm) list(name = nm, call = unname(calls[nm]),
                                                counts = counts(eval(parse(text = calls[nm]))$count)))
write_json(list(survival = as.character(packageVersion("survival")), start = start, stop = stop, status = status, x = x, w = w, stratum = s - 1, cases = cases),
           "Tests/Fixtures/survival/concordance_counting.json", digits = NA, auto_unbox = TRUE)
for (c in cases) cat(c$name, c$counts, "\n")
