# Times R's mixed-model fits on one data file; only the fit call is timed (data already in memory, R started
# once). For every model and tool, REPS fits; prints one JSON object per line on stdout:
#   {"model": "ri", "tool": "glmer", "walls": [...], "cpus": [...], "loglik": ..., "deviance": ...,
#    "coefficients": {"(Intercept)": ...}, "variances": {...}, "warnings": [...], "error": null}
# deviance is -2 log-likelihood (lme4's summary "deviance" column, glmmTMB's -2 logLik); cpus are user +
# system seconds of the R process during the call.
#   Rscript Benchmarks/glmm/time_r.R DATA.csv REPS MODELS TOOLS
#   MODELS: comma list of ri (random intercept) and rs (random intercept + slope of ses)
#   TOOLS:  comma list of
#     glmer         glmer(f, family = binomial)                       Laplace, lme4's default control
#     glmer_bobyqa  glmer(..., control = glmerControl(optimizer = "bobyqa"))
#     glmer_tight   bobyqa with tolPwrss = 1e-12, rhoend = 1e-9, maxfun = 1e5 (reaches the optimum; a reference)
#     glmmTMB       glmmTMB(f, family = binomial)                     Laplace, exact gradients, nlminb
suppressPackageStartupMessages({ library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]
reps <- as.integer(args[2])
models <- strsplit(if (length(args) > 2) args[3] else "ri,rs", ",")[[1]]
tools <- strsplit(if (length(args) > 3) args[4] else "glmer,glmer_bobyqa,glmmTMB", ",")[[1]]

d <- read.csv(file, colClasses = c(school = "character", track = "character"))
d$school <- factor(d$school)
d$track <- factor(d$track)

fixed <- "truancy ~ female + age + ses + migrant + homelang + retained + gpa + prior_abs + single_parent + track + urban + school_ses"
formulas <- list(ri = as.formula(paste(fixed, "+ (1 | school)")),
                 rs = as.formula(paste(fixed, "+ (1 + ses | school)")))

fit_once <- function(tool, f) {
  switch(tool,
    glmer = lme4::glmer(f, data = d, family = binomial),
    glmer_bobyqa = lme4::glmer(f, data = d, family = binomial, control = lme4::glmerControl(optimizer = "bobyqa")),
    glmer_tight = lme4::glmer(f, data = d, family = binomial,
      control = lme4::glmerControl(optimizer = "bobyqa", tolPwrss = 1e-12, optCtrl = list(rhoend = 1e-9, maxfun = 1e5))),
    glmmTMB = glmmTMB::glmmTMB(f, data = d, family = binomial),
    stop("unknown tool ", tool))
}

summarise_fit <- function(tool, fit) {
  ll <- as.numeric(logLik(fit))
  if (startsWith(tool, "glmer")) {
    beta <- lme4::fixef(fit)
    vc <- as.data.frame(lme4::VarCorr(fit))
    conv <- fit@optinfo$conv$lme4$messages
  } else {
    beta <- glmmTMB::fixef(fit)$cond
    vc <- NULL
    v <- glmmTMB::VarCorr(fit)$cond$school
    vars <- diag(as.matrix(v))
    vc <- data.frame(var1 = names(vars), vcov = unname(vars))
    conv <- if (fit$fit$convergence != 0) fit$fit$message else NULL
    if (!isTRUE(fit$sdr$pdHess)) conv <- c(conv, "non-positive-definite Hessian")
  }
  variances <- list()
  for (k in seq_len(nrow(vc))) {
    if (is.null(vc$var2) || is.na(vc$var2[k])) variances[[vc$var1[k]]] <- vc$vcov[k]
  }
  list(loglik = ll, deviance = -2 * ll, coefficients = as.list(beta), variances = variances,
       warnings = as.list(as.character(conv)))
}

for (m in models) {
  f <- formulas[[m]]
  for (tool in tools) {
    walls <- numeric(0); cpus <- numeric(0); err <- NULL; warns <- character()
    for (k in seq_len(reps)) {
      t <- tryCatch(withCallingHandlers(
        system.time(fit <- fit_once(tool, f)),
        warning = function(w) { warns <<- union(warns, conditionMessage(w)); invokeRestart("muffleWarning") },
        message = function(w) { warns <<- union(warns, trimws(conditionMessage(w))); invokeRestart("muffleMessage") }),
        error = function(e) { err <<- conditionMessage(e); NULL })
      if (is.null(t)) break
      walls <- c(walls, t[["elapsed"]]); cpus <- c(cpus, t[["user.self"]] + t[["sys.self"]])
    }
    out <- list(model = m, tool = tool, n = nrow(d), schools = nlevels(d$school), walls = I(walls), cpus = I(cpus), error = err)
    if (is.null(err)) {
      s <- summarise_fit(tool, fit)
      s$warnings <- as.list(union(unlist(s$warnings), warns))
      out <- c(out, s)
    }
    cat(toJSON(out, digits = NA, auto_unbox = TRUE, null = "null"), "\n", sep = "")
  }
}
