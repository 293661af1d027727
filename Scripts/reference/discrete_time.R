# Discrete-time hazard models of dropout on the bundled cohort, fitted by R on person-period data that R
# expands itself; Truant's person-period transform and GLM/GLMM code must give the same numbers
# (Tests/ModelsTests/SurvivalDiscreteTimeTests.swift).
#   Rscript Scripts/reference/discrete_time.R      (from the repository root; about 10-20 s)
# Input: Datasets/flemish-cohort/careers.csv (one row per pupil: time = school years observed 1..6, dropout =
# 1 when the pupil left without qualification in year `time`), the pupils of schools 1..30 (a subsample that
# keeps whole schools, so that glmer stays fast).
# Expansion: one row per pupil and year 1..time, event = dropout on the last row, else 0. Dropout is impossible
# in year 1 (nobody is 17 yet: no events), so the models use the rows of years 2..6 (a year-1 parameter would
# be -Inf).
# Models (binomial, covariates track + male + allowance + mother_low + climate_c):
#   glm_logit     glm(event ~ factor(period) + ..., binomial)                        one parameter per year
#   glm_cloglog   glm(event ~ period + I(period^2) + ..., binomial(link = "cloglog"))  quadratic in time
#   glmer_logit   glmer(event ~ factor(period) + ... + (1 | school_id), binomial, control = tight)  Laplace
# Writes Tests/Fixtures/survival/discrete_time.json.
suppressPackageStartupMessages({ library(lme4); library(jsonlite) })
d <- read.csv("Datasets/flemish-cohort/careers.csv", stringsAsFactors = FALSE)
d <- d[d$school_id <= 30, ]
pp <- d[rep(seq_len(nrow(d)), d$time), ]
pp$period <- sequence(d$time)
pp$event <- ifelse(pp$period == pp$time, pp$dropout, 0L)
at_risk <- as.vector(table(factor(pp$period, levels = 1:6)))
events <- as.vector(tapply(pp$event, factor(pp$period, levels = 1:6), sum))
m <- pp[pp$period >= 2, ]
covs <- "track + male + allowance + mother_low + climate_c"
tight <- glmerControl(optimizer = "bobyqa", tolPwrss = 1e-12, optCtrl = list(rhoend = 1e-9, maxfun = 1e5))
summ <- function(fit, call) {
  s <- list(call = call, terms = names(fixef_or_coef(fit)), coef = unname(fixef_or_coef(fit)),
            se = unname(sqrt(diag(as.matrix(vcov(fit))))), loglik = as.numeric(logLik(fit)), n = nobs(fit))
  if (inherits(fit, "merMod")) {
    s$se_pirls <- unname(sqrt(diag(as.matrix(vcov(fit, use.hessian = FALSE)))))
    s$variance <- as.numeric(VarCorr(fit)$school_id)
    s$deviance <- deviance(fit)
  } else s$deviance <- deviance(fit)
  s
}
fixef_or_coef <- function(fit) if (inherits(fit, "merMod")) fixef(fit) else coef(fit)
f_logit <- as.formula(paste("event ~ factor(period) +", covs))
f_cll <- as.formula(paste("event ~ period + I(period^2) +", covs))
f_mix <- as.formula(paste("event ~ factor(period) +", covs, "+ (1 | school_id)"))
t0 <- proc.time()[["elapsed"]]
out <- list(
  subset = "school_id <= 30", periods_used = "period >= 2",
  n_pupils = nrow(d), n_rows = nrow(pp), at_risk = at_risk, events = events, n_rows_used = nrow(m),
  glm_logit = summ(glm(f_logit, binomial, m), paste("glm(", deparse(f_logit, width.cutoff = 500L), ", binomial, data = pp[pp$period >= 2, ])")),
  glm_cloglog = summ(glm(f_cll, binomial(link = "cloglog"), m),
                     paste("glm(", deparse(f_cll, width.cutoff = 500L), ", binomial(link = \"cloglog\"), data = pp[pp$period >= 2, ])")),
  glmer_logit = summ(glmer(f_mix, m, binomial, control = tight),
                     paste("glmer(", deparse(f_mix, width.cutoff = 500L), ", pp[pp$period >= 2, ], binomial, control = tight)")))
write_json(out, "Tests/Fixtures/survival/discrete_time.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat(sprintf("%d pupils, %d person-period rows (%d used), fits in %.1f s\n", nrow(d), nrow(pp), nrow(m),
            proc.time()[["elapsed"]] - t0))
