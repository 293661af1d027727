# Reference values for Truant's GLM (Tests/ModelsTests/GLM*.swift, Tests/TruantCLITests).
#
#   Rscript Scripts/reference/glm.R      (R 4.2.2; survival, mlmRev, jsonlite)
#
# For every case it writes
#   Tests/Fixtures/glm/<case>.csv   the data as fitted (R's names; factors as their labels; NA as empty cell)
#   Tests/Fixtures/glm/<case>.json  the exact R call, the model matrix R built (column names + columns), the
#                                   response / weights / offset on the rows used, and R's results: coefficients,
#                                   standard errors, statistics, p-values, Wald intervals (qnorm and qt),
#                                   deviance, null deviance, logLik, AIC, BIC, df, iterations, fitted values,
#                                   and the four residual types.
# The tests rebuild the fit from the exported model matrix (and, through `truant fit`, from the CSV).
suppressPackageStartupMessages({
  library(jsonlite)
  library(survival)
  library(mlmRev)
})

out <- "Tests/Fixtures/glm"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

unorder <- function(d) {
  for (v in names(d)) if (is.ordered(d[[v]])) d[[v]] <- factor(as.character(d[[v]]), levels = levels(d[[v]]))
  d
}

na_to_null <- function(x) { x <- as.numeric(x); lapply(x, function(v) if (is.na(v)) NULL else v) }

export <- function(name, fit, data, call_text, formula_text, cli = NULL) {
  write.csv(data, file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "")
  X <- model.matrix(fit)
  y <- fit$y                               # proportions for binomial cbind
  mf <- model.frame(fit)
  resp <- model.response(mf)
  s <- summary(fit)
  cf <- coef(fit)                          # NA for aliased columns
  tab <- matrix(NA_real_, length(cf), 4, dimnames = list(names(cf), NULL))
  tab[rownames(s$coefficients), ] <- s$coefficients
  z_q <- qnorm(0.975)
  t_q <- qt(0.975, fit$df.residual)
  ll <- logLik(fit)
  res <- list(
    name = name,
    call = call_text,
    formula = formula_text,
    cli = cli,
    # Factor levels of the data's factor columns, in R's order (a CSV reader sorts text levels by code point).
    factor_levels = Filter(Negate(is.null), lapply(data, function(v) if (is.factor(v)) levels(v) else NULL)),
    family = fit$family$family,
    link = fit$family$link,
    n_obs = nrow(X),
    n_dropped = if (is.null(fit$na.action)) 0L else length(fit$na.action),
    x_names = colnames(X),
    x = unname(lapply(seq_len(ncol(X)), function(j) unname(X[, j]))),
    response_is_cbind = is.matrix(resp),
    y = unname(if (is.matrix(resp)) resp[, 1] else as.numeric(y)),
    failures = if (is.matrix(resp)) unname(resp[, 2]) else NULL,
    weights = if (is.null(model.weights(mf))) NULL else unname(model.weights(mf)),
    offset = if (is.null(model.offset(mf))) NULL else unname(model.offset(mf)),
    terms = names(cf),
    estimate = na_to_null(cf),
    std_error = na_to_null(tab[, 2]),
    statistic = na_to_null(tab[, 3]),
    p_value = na_to_null(tab[, 4]),
    conf_low_z = na_to_null(cf - z_q * tab[, 2]),
    conf_high_z = na_to_null(cf + z_q * tab[, 2]),
    conf_low_t = na_to_null(cf - t_q * tab[, 2]),
    conf_high_t = na_to_null(cf + t_q * tab[, 2]),
    dispersion = s$dispersion,
    deviance = fit$deviance,
    null_deviance = fit$null.deviance,
    loglik = as.numeric(ll),
    loglik_df = attr(ll, "df"),
    aic = AIC(fit),
    bic = BIC(fit),
    df_residual = fit$df.residual,
    df_null = fit$df.null,
    rank = fit$rank,
    iter = fit$iter,
    converged = fit$converged,
    fitted = unname(fitted(fit)),
    linear_predictor = unname(fit$linear.predictors),
    resid_deviance = unname(residuals(fit, "deviance")),
    resid_pearson = unname(residuals(fit, "pearson")),
    resid_working = unname(residuals(fit, "working")),
    resid_response = unname(residuals(fit, "response")),
    vcov = unname(lapply(seq_len(nrow(vcov(fit))), function(i) unname(vcov(fit)[i, ])))
  )
  # summary.glm as R prints it (the tests compare the block from "Coefficients:" to the iteration count).
  writeLines(capture.output(print(s)), file.path(out, paste0(name, ".summary.txt")))
  write_json(res, file.path(out, paste0(name, ".json")), digits = NA, auto_unbox = TRUE, null = "null", na = "null")
  cat(sprintf("%-24s dev %.10g  loglik %.10g  iter %d\n", name, fit$deviance, as.numeric(ll), fit$iter))
}

# 1. Binomial cbind(successes, failures), logit: oesophageal cancer case-control counts (ordered factors as plain ones).
esoph_u <- unorder(esoph)
f <- glm(cbind(ncases, ncontrols) ~ agegp + alcgp + tobgp, family = binomial, data = esoph_u)
export("esoph_cbind_logit", f, esoph_u,
       "glm(cbind(ncases, ncontrols) ~ agegp + alcgp + tobgp, family = binomial, data = esoph)  # factors unordered",
       "cbind(ncases, ncontrols) ~ agegp + alcgp + tobgp",
       "--family binomial")

# 2. Binomial proportions with prior weights (same model through the proportion form).
esoph_p <- esoph_u
esoph_p$total <- esoph_p$ncases + esoph_p$ncontrols
esoph_p$prop <- esoph_p$ncases / esoph_p$total
f <- glm(prop ~ agegp + alcgp, family = binomial, weights = total, data = esoph_p)
export("esoph_prop_weights", f, esoph_p,
       "glm(ncases/(ncases+ncontrols) ~ agegp + alcgp, family = binomial, weights = ncases + ncontrols, data = esoph)",
       "prop ~ agegp + alcgp", "--family binomial --weights total")

# 3. Binomial 0/1, probit: infertility after abortion (infert).
f <- glm(case ~ spontaneous + induced + age + parity, family = binomial(link = "probit"), data = infert)
export("infert_probit", f, infert[, c("case", "spontaneous", "induced", "age", "parity", "education")],
       "glm(case ~ spontaneous + induced + age + parity, family = binomial(link = \"probit\"), data = infert)",
       "case ~ spontaneous + induced + age + parity", "--family binomial --link probit")

# 4-6. Contraception use in Bangladesh (mlmRev): logit, probit, cloglog with a quadratic in age.
contra <- Contraception[, c("woman", "district", "use", "livch", "age", "urban")]
for (lk in c("logit", "probit", "cloglog")) {
  f <- glm(use ~ age + I(age^2) + urban + livch, family = binomial(link = lk), data = contra)
  export(paste0("contraception_", lk), f, contra,
         sprintf("glm(use ~ age + I(age^2) + urban + livch, family = binomial(link = \"%s\"), data = mlmRev::Contraception)", lk),
         "use ~ age + I(age^2) + urban + livch", paste("--family binomial --link", lk))
}

# 7. Poisson, two factors with interaction (warpbreaks).
f <- glm(breaks ~ wool * tension, family = poisson, data = warpbreaks)
export("warpbreaks_poisson", f, warpbreaks, "glm(breaks ~ wool * tension, family = poisson, data = warpbreaks)",
       "breaks ~ wool * tension", "--family poisson")

# 8. Poisson, one factor (InsectSprays).
f <- glm(count ~ spray, family = poisson, data = InsectSprays)
export("insectsprays_poisson", f, InsectSprays, "glm(count ~ spray, family = poisson, data = InsectSprays)",
       "count ~ spray", "--family poisson")

# 9. Poisson with an offset: UK driver deaths per distance driven (Seatbelts), null deviance refitted with the offset.
sb <- as.data.frame(Seatbelts)
sb$logkms <- log(sb$kms)
f <- glm(DriversKilled ~ law + PetrolPrice, family = poisson, offset = logkms, data = sb)
export("seatbelts_poisson_offset", f, sb,
       "glm(DriversKilled ~ law + PetrolPrice, family = poisson, offset = log(kms), data = as.data.frame(Seatbelts))",
       "DriversKilled ~ law + PetrolPrice", "--family poisson --offset logkms")

# 10. Gaussian with a factor-by-numeric interaction (ToothGrowth).
f <- glm(len ~ supp * dose, family = gaussian, data = ToothGrowth)
export("toothgrowth_gaussian", f, ToothGrowth, "glm(len ~ supp * dose, family = gaussian, data = ToothGrowth)",
       "len ~ supp * dose", "--family gaussian")

# 11. Gaussian with prior weights (mtcars, weights = cyl).
f <- glm(mpg ~ wt + hp, family = gaussian, weights = cyl, data = mtcars)
export("mtcars_gaussian_weights", f, mtcars, "glm(mpg ~ wt + hp, family = gaussian, weights = cyl, data = mtcars)",
       "mpg ~ wt + hp", "--family gaussian --weights cyl")

# 12. Rank-deficient design: an aliased column gets an NA coefficient.
mt <- mtcars
mt$wt2 <- 2 * mt$wt
f <- glm(am ~ wt + wt2 + hp, family = binomial, data = mt)
export("mtcars_aliased_logit", f, mt, "glm(am ~ wt + wt2 + hp, family = binomial, data = mtcars)  # wt2 = 2 * wt",
       "am ~ wt + wt2 + hp", "--family binomial")

# 13. Missing values dropped (survival::lung: death within follow-up as a binary outcome).
lung2 <- survival::lung
lung2$dead <- as.integer(lung2$status == 2)
f <- glm(dead ~ age + sex + ph.ecog + wt.loss, family = binomial, data = lung2)
export("lung_logit_missing", f, lung2,
       "glm(I(status == 2) ~ age + sex + ph.ecog + wt.loss, family = binomial, data = survival::lung)",
       "dead ~ age + sex + ph.ecog + wt.loss", "--family binomial")
