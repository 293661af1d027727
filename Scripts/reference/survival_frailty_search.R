# Reference values for a gamma frailty fit whose outer search for the variance runs out of iterations, as R's
# coxph does on the Cox benchmark's pupils-in-schools data (Benchmarks/cox): with outer.max = 10 the search
# stops before its tolerance is met (fit$history[[1]]$done is FALSE, and R says nothing). R then reports as
# "Variance of random effect" the theta the search proposed next (fit$history[[1]]$theta), while its
# coefficients and log-likelihoods belong to the last fitted theta (the last row of the history).
#   Rscript Scripts/reference/survival_frailty_search.R
# writes Tests/Fixtures/survival/frailty_pupils_3000.csv (Benchmarks/cox/make_data.R with 3000 records in 80
# schools; columns school, time, event, x1..x10) and frailty_pupils_search.json.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "Tests/Fixtures/survival"
csv <- file.path(out, "frailty_pupils_3000.csv")
system2("Rscript", c("Benchmarks/cox/make_data.R", csv, "3000", "80"))
d <- read.csv(csv)
call <- 'coxph(Surv(time, event) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + frailty(school), data = d)'
fit <- eval(parse(text = call))
h <- fit$history[[1]]
stopifnot(!h$done, nrow(h$history) == 10)
write_json(list(call = call, coef = unname(coef(fit)), se = unname(sqrt(diag(fit$var)))[seq_along(coef(fit))],
                se2 = unname(sqrt(diag(fit$var2)))[seq_along(coef(fit))],
                theta = h$theta, done = unname(h$done), loglik = fit$loglik, df = sum(fit$df), dfs = unname(fit$df),
                history_theta = unname(h$history[, 1]), history_loglik = unname(h$history[, 2]),
                history_cloglik = unname(h$history[, 3]), frail = fit$frail, penalty = fit$penalty,
                integrated_loglik = h$c.loglik, iter = fit$iter),
           file.path(out, "frailty_pupils_search.json"), digits = NA, auto_unbox = TRUE)
cat("theta (printed)", h$theta, "last fitted", h$history[10, 1], "\n")
