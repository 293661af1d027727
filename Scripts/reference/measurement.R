# Reference values for Truant's Measurement module (scales, factor analysis, aggregation).
#
# Run from the repository root:   Rscript Scripts/reference/measurement.R
# Writes CSV data fixtures and JSON reference results into Tests/Fixtures/measurement/.
#
# Every reference value is computed from the data as READ BACK from the CSV fixtures, so the
# Swift tests (which read the same CSV files) see bit-identical inputs.
#
# R 4.2.2, psych 2.2.9, multilevel 2.7 (Debian packages).
suppressPackageStartupMessages({
  library(psych)
  library(multilevel)
  library(jsonlite)
})

out <- "Tests/Fixtures/measurement"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
wj <- function(x, name) write_json(x, file.path(out, name), digits = NA, auto_unbox = TRUE, pretty = TRUE)
wc <- function(d, name) {
  write.csv(d, file.path(out, name), row.names = FALSE, na = "NA")
  read.csv(file.path(out, name))
}

versions <- list(R = R.version.string, psych = as.character(packageVersion("psych")),
                 multilevel = as.character(packageVersion("multilevel")))

# ---------------------------------------------------------------------------------------------
# 1. Scales: psych::bfi agreeableness (A1 reversed) and conscientiousness (C4, C5 reversed)
# ---------------------------------------------------------------------------------------------
data(bfi, package = "psych")
bfi_ac <- wc(bfi[, c(paste0("A", 1:5), paste0("C", 1:5))], "bfi_ac.csv")

# Scale scores with a minimum-valid-items rule: the mean (or sum) of the available (keyed)
# items when at least k items are present, else NA.  Reversal: min + max - x with range 1..6.
score <- function(x, rev, k, sum = FALSE, lo = 1, hi = 6) {
  for (v in rev) x[[v]] <- lo + hi - x[[v]]
  nv <- rowSums(!is.na(x))
  s <- if (sum) rowSums(x, na.rm = TRUE) else rowMeans(x, na.rm = TRUE)
  s[nv < k] <- NA
  s
}

alpha_ref <- function(items, rev) {
  x <- bfi_ac[, items]
  # R: psych::alpha(x, keys = rev)                              (pairwise covariances, Feldt CI)
  a <- psych::alpha(x, keys = rev, warnings = FALSE)
  # R: psych::alpha(x, keys = rev, cumulative = TRUE)           (sum scores)
  ac <- psych::alpha(x, keys = rev, cumulative = TRUE, warnings = FALSE)
  # Keyed data (reversal with the declared range 1..6, as psych does with the observed 1..6)
  xk <- x; for (v in rev) xk[[v]] <- 7 - xk[[v]]
  # R: psych::fa(xk, nfactors = 1, fm = "minres") and fm = "ml"  (pairwise correlations)
  f1 <- psych::fa(xk, nfactors = 1, fm = "minres", rotate = "none", warnings = FALSE)
  f1ml <- psych::fa(xk, nfactors = 1, fm = "ml", rotate = "none", warnings = FALSE)
  R <- cor(xk, use = "pairwise")
  lam <- as.vector(f1$loadings)
  u2 <- as.vector(f1$uniquenesses)
  # psych::omega(xk, nfactors = 1) stops here: its schmid() step requires GPArotation, which is
  # not packaged for Debian (and not installed).  For one factor psych 2.2.9's schmid() reduces to
  # fa(R, 1, fm = "minres") (varimax of one column is the identity; it sets gload <- 1, so
  # sl[, 1] are the fa loadings and u2 = 1 - h2), so omega.tot and omega_h are computed here
  # exactly as psych:::omegah does from that solution:
  #   omega.tot = (sum(R) - sum(u2)) / sum(R),  omega_h = sum(lambda)^2 / sum(R).
  # The model-based omega is sum(lambda)^2 / (sum(lambda)^2 + sum(u2)).
  list(
    items = items, reversed = rev, n_rows = nrow(x),
    call = sprintf("psych::alpha(bfi[, c(%s)], keys = c(%s))",
                   paste0("'", items, "'", collapse = ", "), paste0("'", rev, "'", collapse = ", ")),
    alpha = list(
      raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha, g6 = a$total$`G6(smc)`,
      average_r = a$total$average_r, s_n = a$total$`S/N`, ase = a$total$ase,
      mean = a$total$mean, sd = a$total$sd, median_r = a$total$median_r,
      sum_mean = ac$total$mean, sum_sd = ac$total$sd,
      feldt_lower = as.numeric(a$feldt$lower.ci), feldt_upper = as.numeric(a$feldt$upper.ci)
    ),
    alpha_drop = list(
      raw_alpha = a$alpha.drop$raw_alpha, std_alpha = a$alpha.drop$std.alpha,
      g6 = a$alpha.drop$`G6(smc)`, average_r = a$alpha.drop$average_r
    ),
    item_stats = list(
      n = a$item.stats$n, raw_r = a$item.stats$raw.r, std_r = a$item.stats$std.r,
      r_cor = a$item.stats$r.cor, r_drop = a$item.stats$r.drop,
      mean = a$item.stats$mean, sd = a$item.stats$sd
    ),
    scores = list(
      # R: score(x, rev, k) as defined above
      mean_k1 = score(x, rev, 1), mean_k3 = score(x, rev, 3), sum_k4 = score(x, rev, 4, sum = TRUE)
    ),
    fa1_minres = list(loadings = lam, h2 = as.vector(f1$communality), u2 = u2,
                      ss_loadings = sum(lam^2), prop_var = sum(lam^2) / length(lam),
                      objective = f1$objective),
    fa1_ml = list(loadings = as.vector(f1ml$loadings), h2 = as.vector(f1ml$communality),
                  u2 = as.vector(f1ml$uniquenesses), objective = f1ml$objective),
    omega = list(omega_total = (sum(R) - sum(u2)) / sum(R), omega_h = sum(lam)^2 / sum(R),
                 omega_model = sum(lam)^2 / (sum(lam)^2 + sum(u2)))
  )
}

agree <- alpha_ref(paste0("A", 1:5), "A1")
consc <- alpha_ref(paste0("C", 1:5), c("C4", "C5"))

# Two-factor EFA on all ten keyed items, unrotated and varimax.
xk10 <- bfi_ac
for (v in c("A1", "C4", "C5")) xk10[[v]] <- 7 - xk10[[v]]
# R: psych::fa(xk10, nfactors = 2, fm = "minres", rotate = "none")
f2 <- psych::fa(xk10, nfactors = 2, fm = "minres", rotate = "none", warnings = FALSE)
# R: psych::fa(xk10, nfactors = 2, fm = "ml", rotate = "none")
f2ml <- psych::fa(xk10, nfactors = 2, fm = "ml", rotate = "none", warnings = FALSE)
# R: psych::fa(xk10, nfactors = 2, fm = "minres", rotate = "varimax")
f2v <- psych::fa(xk10, nfactors = 2, fm = "minres", rotate = "varimax", warnings = FALSE)
fa2 <- list(
  items = names(xk10), reversed = c("A1", "C4", "C5"),
  minres_none = list(loadings = unclass(f2$loadings)[, 1:2], h2 = as.vector(f2$communality),
                     objective = f2$objective),
  ml_none = list(loadings = unclass(f2ml$loadings)[, 1:2], h2 = as.vector(f2ml$communality),
                 objective = f2ml$objective),
  minres_varimax = list(loadings = unclass(f2v$loadings)[, 1:2], h2 = as.vector(f2v$communality)),
  # R: stats::varimax(unclass(f2$loadings), eps = 1e-14)   (fully converged; psych stops at eps = 1e-5)
  minres_varimax_converged = list(loadings = unclass(varimax(unclass(f2$loadings)[, 1:2], eps = 1e-14)$loadings))
)
# matrices as column lists so the JSON is unambiguous
for (k in c("minres_none", "ml_none", "minres_varimax", "minres_varimax_converged")) {
  L <- fa2[[k]]$loadings
  fa2[[k]]$loadings <- list(f1 = as.vector(L[, 1]), f2 = as.vector(L[, 2]))
}

wj(list(versions = versions, agreeableness = agree, conscientiousness = consc, efa2 = fa2),
   "bfi_scales.json")

# ---------------------------------------------------------------------------------------------
# 2. Aggregation: multilevel::bh1996 (ICC1, ICC2, rwg) and multilevel::lq2002 (rwg.j)
# ---------------------------------------------------------------------------------------------
data(bh1996, package = "multilevel")
bh <- wc(bh1996[, c("GRP", "HRS", "LEAD", "COHES", "WBEING", "G.HRS", "W.HRS")], "bh1996.csv")

iccs <- lapply(c("HRS", "LEAD", "COHES", "WBEING"), function(v) {
  # R: m <- aov(bh[[v]] ~ as.factor(bh$GRP)); multilevel::ICC1(m); multilevel::ICC2(m)
  m <- aov(bh[[v]] ~ as.factor(bh$GRP))
  s <- summary(m)[[1]]
  list(var = v, icc1 = ICC1(m), icc2 = ICC2(m), msb = s[1, 3], msw = s[2, 3],
       df_between = s[1, 1], df_within = s[2, 1])
})
rwgs <- lapply(c("LEAD", "COHES"), function(v) {
  # R: multilevel::rwg(bh[[v]], bh$GRP, ranvar = 2)        (5 options: (5^2 - 1)/12 = 2)
  r <- rwg(bh[[v]], bh$GRP, ranvar = 2)
  list(var = v, group = as.character(r$grpid), rwg = r$rwg, gsize = r$gsize)
})
# R: multilevel::rwg.j(bh[, c("LEAD", "COHES")], bh$GRP, ranvar = 2)
rj_bh <- rwg.j(bh[, c("LEAD", "COHES")], bh$GRP, ranvar = 2)

# Within/between decomposition and the contextual effect (Enders & Tofighi 2007):
# R: m1 <- lm(WBEING ~ cwc + gm, data)   contextual = b[gm] - b[cwc], SE from vcov(m1)
# R: m2 <- lm(WBEING ~ cgm + gm, data)   contextual = b[gm] directly (same value and SE)
# R: ave(x, g), ave(x, g, FUN = sd), ave(x, g, FUN = length); per group via tapply
gm <- ave(bh$HRS, bh$GRP)
cwc <- bh$HRS - gm
cgm <- bh$HRS - mean(bh$HRS)
m1 <- lm(bh$WBEING ~ cwc + gm)
m2 <- lm(bh$WBEING ~ cgm + gm)
V1 <- vcov(m1)
ctx_se <- sqrt(V1["gm", "gm"] + V1["cwc", "cwc"] - 2 * V1["gm", "cwc"])
centering <- list(
  var = "HRS", group = "GRP",
  groups = names(tapply(bh$HRS, bh$GRP, mean)),
  group_mean = unname(tapply(bh$HRS, bh$GRP, mean)), group_sd = unname(tapply(bh$HRS, bh$GRP, sd)),
  group_n = unname(tapply(bh$HRS, bh$GRP, length)), grand_mean = mean(bh$HRS),
  cwc_head = head(cwc, 50), cgm_head = head(cgm, 50),
  model_cwc = list(terms = names(coef(m1)), coef = unname(coef(m1)), vcov = unname(V1)),
  contextual = list(estimate = unname(coef(m1)["gm"] - coef(m1)["cwc"]), std_error = ctx_se),
  model_cgm = list(terms = names(coef(m2)), coef = unname(coef(m2)),
                   gm_estimate = unname(coef(m2)["gm"]),
                   gm_std_error = unname(sqrt(diag(vcov(m2)))["gm"]))
)

wj(list(versions = versions,
        icc = iccs, rwg = rwgs,
        rwg_j = list(vars = c("LEAD", "COHES"), group = as.character(rj_bh$grpid),
                     rwg_j = rj_bh$rwg.j, gsize = rj_bh$gsize),
        centering = centering),
   "bh1996_agreement.json")

data(lq2002, package = "multilevel")
lq <- wc(lq2002[, c("COMPID", paste0("LEAD", sprintf("%02d", 1:11)), paste0("TSIG0", 1:3),
                    paste0("HOSTIL0", 1:5))], "lq2002.csv")
# R: multilevel::rwg.j(lq[, c("TSIG01", "TSIG02", "TSIG03")], lq$COMPID, ranvar = 2)
rj_tsig <- rwg.j(lq[, paste0("TSIG0", 1:3)], lq$COMPID, ranvar = 2)
# R: multilevel::rwg.j(lq[, paste0("LEAD", sprintf("%02d", 1:11))], lq$COMPID, ranvar = 2)
rj_lead <- rwg.j(lq[, paste0("LEAD", sprintf("%02d", 1:11))], lq$COMPID, ranvar = 2)
# R: multilevel::rwg.j(lq[, paste0("HOSTIL0", 1:5)], lq$COMPID, ranvar = 2)
rj_host <- rwg.j(lq[, paste0("HOSTIL0", 1:5)], lq$COMPID, ranvar = 2)
mk <- function(r, vars) list(vars = vars, group = as.character(r$grpid), rwg_j = r$rwg.j,
                             gsize = r$gsize, mean = mean(r$rwg.j, na.rm = TRUE),
                             median = median(r$rwg.j, na.rm = TRUE))
iccs_lq <- lapply(c("TSIG01", "LEAD01", "HOSTIL01"), function(v) {
  m <- aov(lq[[v]] ~ as.factor(lq$COMPID))
  list(var = v, icc1 = ICC1(m), icc2 = ICC2(m))
})
wj(list(versions = versions,
        tsig = mk(rj_tsig, paste0("TSIG0", 1:3)),
        lead = mk(rj_lead, paste0("LEAD", sprintf("%02d", 1:11))),
        hostil = mk(rj_host, paste0("HOSTIL0", 1:5)),
        icc = iccs_lq),
   "lq2002_agreement.json")

cat("wrote fixtures to", out, "\n")
