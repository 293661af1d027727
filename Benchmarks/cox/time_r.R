# Times R's coxph on one data file; only the fit call is timed (data already in memory, R started once).
# For every model, REPS fits; prints one JSON object per line on stdout:
#   {"model": "efron", "tool": "coxph", "walls": [...], "cpus": [...], "loglik": ..., "coefficients": {...},
#    "std_errors": {...}, "frailty_variance": ..., "warnings": [...], "error": null}
# loglik is the log partial likelihood at the estimate (fit$loglik[2]); std_errors are the robust ones for
# cluster(school); frailty_variance is the gamma frailty variance of R's final fit, the theta its coefficients
# and loglik belong to (last row of fit$history[[1]]$history), as Truant's JSON `frailty.variance`;
# frailty_printed_variance is what R prints as "Variance of random effect" (fit$history[[1]]$theta), the
# value its outer search proposed next, and frailty_search_done whether that search converged within
# outer.max = 10 iterations (R says nothing when it did not; at 100k records it does not).
#   Rscript Benchmarks/cox/time_r.R DATA.csv REPS MODELS
#   MODELS: comma list of
#     efron    coxph(Surv(time, event) ~ x1 + ... + x10)                    Efron ties (the default)
#     cluster  coxph(Surv(time, event) ~ x1 + ... + x10 + cluster(school))  robust (sandwich) variance by school
#     frailty  coxph(Surv(time, event) ~ x1 + ... + x10 + frailty(school))  gamma frailty by school
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]
reps <- as.integer(args[2])
models <- strsplit(if (length(args) > 2) args[3] else "efron", ",")[[1]]

d <- read.csv(file, colClasses = c(school = "character"))
d$school <- factor(d$school)
rhs <- paste(paste0("x", 1:10), collapse = " + ")
formulas <- list(efron = as.formula(paste("Surv(time, event) ~", rhs)),
                 cluster = as.formula(paste("Surv(time, event) ~", rhs, "+ cluster(school)")),
                 frailty = as.formula(paste("Surv(time, event) ~", rhs, "+ frailty(school)")))

for (m in models) {
  f <- formulas[[m]]
  walls <- numeric(0); cpus <- numeric(0); err <- NULL; warns <- character()
  for (k in seq_len(reps)) {
    t <- tryCatch(withCallingHandlers(
      system.time(fit <- coxph(f, data = d)),
      warning = function(w) { warns <<- union(warns, conditionMessage(w)); invokeRestart("muffleWarning") }),
      error = function(e) { err <<- conditionMessage(e); NULL })
    if (is.null(t)) break
    walls <- c(walls, t[["elapsed"]]); cpus <- c(cpus, t[["user.self"]] + t[["sys.self"]])
  }
  out <- list(model = m, tool = "coxph", n = nrow(d), walls = I(walls), cpus = I(cpus), error = err)
  if (is.null(err)) {
    beta <- coef(fit)
    keep <- !grepl("^frailty", names(beta))
    se <- sqrt(diag(fit$var))[seq_along(beta)]
    out$loglik <- fit$loglik[2]
    out$coefficients <- as.list(beta[keep])
    out$std_errors <- as.list(setNames(se, names(beta))[keep])
    if (m == "frailty") {
      h <- fit$history[[1]]
      out$frailty_variance <- h$history[nrow(h$history), 1]
      out$frailty_printed_variance <- h$theta
      out$frailty_search_done <- unname(h$done)
    }
    out$warnings <- as.list(warns)
  }
  cat(toJSON(out, digits = NA, auto_unbox = TRUE, null = "null"), "\n", sep = "")
}
