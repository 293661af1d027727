# Reference model matrices for the Formula module (Truant).
# Run from the repository root:  Rscript Scripts/reference/formula.R
# Writes Tests/Fixtures/formula/: one CSV per data set (+ <data>.levels.json giving each factor
# column's levels in R's order) and cases.json with, per case, the R call, colnames, assign, the
# matrix (column-major), rows dropped, and the response/offset where relevant.
suppressMessages({ library(jsonlite); library(survival); library(lme4) })
out <- "Tests/Fixtures/formula"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

save_data <- function(d, name) {
  write.csv(d, file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "NA")
  lv <- list()
  for (n in names(d)) if (is.factor(d[[n]])) lv[[n]] <- levels(d[[n]])
  ord <- names(d)[vapply(d, is.ordered, NA)]
  if (length(ord)) lv[[".ordered"]] <- ord
  write_json(lv, file.path(out, paste0(name, ".levels.json")), auto_unbox = FALSE)
}

# Data shipped with R. esoph's factors are ordered (polynomial contrasts); use them unordered.
warp <- warpbreaks
tooth <- ToothGrowth; tooth$supp <- as.character(tooth$supp)       # text column -> sorted levels
cars <- mtcars
eso <- esoph; for (n in c("agegp", "alcgp", "tobgp")) eso[[n]] <- factor(eso[[n]], ordered = FALSE)
# survival::lung, plus: wt.loss set to NA on the only row with ph.ecog == 3, so that level is
# absent after dropping rows with missing values; ecog is ph.ecog as text.
lung2 <- survival::lung
lung2$wt.loss[which(lung2$ph.ecog == 3)] <- NA
lung2$ecog <- ifelse(is.na(lung2$ph.ecog), NA, paste0("e", lung2$ph.ecog))
save_data(warp, "warpbreaks"); save_data(tooth, "toothgrowth"); save_data(cars, "mtcars")
cars2 <- data.frame(mpg = mtcars$mpg, `gross hp` = mtcars$hp, am = mtcars$am, check.names = FALSE)
save_data(cars2, "mtcars_backquoted")
save_data(eso, "esoph"); save_data(esoph, "esoph_ordered"); save_data(lung2, "lung")
sleep <- lme4::sleepstudy
save_data(sleep, "sleepstudy")

datasets <- list(warpbreaks = warp, toothgrowth = tooth, mtcars = cars, esoph = eso, lung = lung2,
                 esoph_ordered = esoph, mtcars_backquoted = cars2)
cases <- list()
add <- function(id, formula, data, contrasts = NULL, relevel = NULL) {
  d <- datasets[[data]]
  call <- sprintf("mf <- model.frame(%s, %s, na.action = na.omit, drop.unused.levels = TRUE); model.matrix(%s, mf%s)",
                  formula, data, formula, if (is.null(contrasts)) "" else sprintf(", contrasts.arg = list(%s = \"%s\")", names(contrasts), contrasts[[1]]))
  if (!is.null(relevel)) {
    d[[names(relevel)]] <- relevel(d[[names(relevel)]], ref = relevel[[1]])
    call <- paste0(sprintf("%s$%s <- relevel(%s$%s, ref = \"%s\"); ", data, names(relevel), data, names(relevel), relevel[[1]]), call)
  }
  f <- as.formula(formula)
  mf <- model.frame(f, d, na.action = na.omit, drop.unused.levels = TRUE)
  ca <- if (is.null(contrasts)) NULL else setNames(list(contrasts[[1]]), names(contrasts))
  mm <- model.matrix(f, mf, contrasts.arg = ca)
  tt <- terms(mf)
  case <- list(id = id, formula = formula, data = data, call = call,
               colnames = colnames(mm), assign = attr(mm, "assign"),
               term_labels = attr(tt, "term.labels"), intercept = attr(tt, "intercept"),
               nrow = nrow(mm), ncol = ncol(mm), x = as.vector(mm),
               n_dropped = nrow(d) - nrow(mf), rows_used = match(rownames(mf), rownames(d)) - 1L)
  if (!is.null(contrasts)) case$contrasts <- contrasts
  if (!is.null(relevel)) case$reference <- relevel
  y <- model.response(mf)
  if (is.null(dim(y)) && is.numeric(y)) case$response <- as.vector(y)
  if (inherits(y, "Surv")) { case$surv_time <- as.vector(y[, 1]); case$surv_status <- as.vector(y[, 2]) }
  if (is.matrix(y) && !inherits(y, "Surv")) { case$successes <- y[, 1]; case$failures <- y[, 2] }
  o <- model.offset(mf)
  if (!is.null(o)) case$offset <- as.vector(o)
  cases[[length(cases) + 1]] <<- case
}
add("factor_by_factor", "breaks ~ wool * tension", "warpbreaks")
add("factor_colon_numeric", "len ~ supp:dose", "toothgrowth")
add("factor_star_numeric", "len ~ supp * dose", "toothgrowth")
add("interaction_no_main", "breaks ~ wool:tension", "warpbreaks")
add("interaction_one_margin", "breaks ~ wool + wool:tension", "warpbreaks")
add("interaction_other_margin", "breaks ~ tension + wool:tension", "warpbreaks")
add("nested_slash", "breaks ~ wool/tension", "warpbreaks")
add("in_operator", "breaks ~ tension %in% wool", "warpbreaks")
add("no_intercept_factor", "breaks ~ 0 + tension", "warpbreaks")
add("minus_one_factors", "breaks ~ wool + tension - 1", "warpbreaks")
add("no_intercept_numeric_first", "len ~ 0 + dose + supp:dose", "toothgrowth")
add("power_three_way", "mpg ~ (wt + hp + factor(cyl))^2", "mtcars")
add("power_minus_term", "mpg ~ (wt + hp + qsec)^3 - wt:hp:qsec", "mtcars")
add("I_comparison", "mpg ~ I(hp > 150) + wt", "mtcars")
add("I_polynomial_log", "mpg ~ wt + I(wt^2) + log(hp) + sqrt(disp)", "mtcars")
add("I_arithmetic", "mpg ~ I(-wt + 2 * (hp/100)^2) + exp(drat/10) + abs(qsec - 18)", "mtcars")
add("factor_numeric", "mpg ~ factor(gear) + factor(am):wt", "mtcars")
add("dot", "mpg ~ .", "mtcars")
add("dot_minus", "mpg ~ . - disp - hp", "mtcars")
add("offset", "mpg ~ wt + offset(log(hp))", "mtcars")
add("sum_contrasts", "breaks ~ wool + tension", "warpbreaks", contrasts = list(tension = "contr.sum"))
add("sum_contrasts_interaction", "breaks ~ wool * tension", "warpbreaks", contrasts = list(tension = "contr.sum"))
add("reference_level", "breaks ~ wool + tension", "warpbreaks", relevel = list(tension = "M"))
add("dotted_names_missing", "time ~ ph.ecog + ph.karno + age", "lung")
add("level_dropped_text", "time ~ ecog + wt.loss", "lung")
add("level_dropped_factor", "time ~ factor(ph.ecog) * sex + wt.loss", "lung")
add("minus_term_still_drops_na", "time ~ . - inst - ecog - pat.karno - meal.cal - wt.loss", "lung")
add("surv_response", "Surv(time, status) ~ age + sex + meal.cal", "lung")
add("binomial_response", "cbind(ncases, ncontrols) ~ agegp + tobgp", "esoph")
add("ordered_polynomial", "ncases ~ agegp + alcgp:tobgp", "esoph_ordered")
add("numeric_first_interaction", "len ~ dose:supp", "toothgrowth")
add("backquoted_name", "mpg ~ `gross hp` + log(`gross hp`):factor(am)", "mtcars_backquoted")
add("logical_interactions", "mpg ~ I(hp > 150) * wt + I(cyl == 4):factor(gear)", "mtcars")
add("three_way_one_margin", "ncontrols ~ alcgp + alcgp:tobgp:agegp", "esoph")
add("interaction_before_main", "breaks ~ tension:wool + wool - 1", "warpbreaks")
add("I_text_comparison", "len ~ I(supp == \"VC\") + dose", "toothgrowth")
add("string_factor_sorted", "len ~ supp + factor(dose)", "toothgrowth")
write_json(cases, file.path(out, "cases.json"), digits = NA, auto_unbox = TRUE)

# lme4 random-effects structure.
rf <- list()
addr <- function(id, formula, data, d) {
  lf <- lFormula(as.formula(formula), d)
  rt <- lf$reTrms
  terms <- list()
  for (k in seq_along(rt$cnms)) {
    # flist index of term k
    g <- names(rt$cnms)[k]
    fl <- rt$flist[[attr(rt$flist, "assign")[k]]]
    terms[[k]] <- list(group = g, columns = rt$cnms[[k]], levels = levels(fl), codes = as.integer(fl) - 1L)
  }
  rf[[length(rf) + 1]] <<- list(id = id, formula = formula, data = data,
    call = sprintf("lFormula(%s, %s)$reTrms", formula, data), terms = terms,
    x_colnames = colnames(lf$X), n = nrow(lf$X))
}
addr("slope", "Reaction ~ Days + (Days | Subject)", "sleepstudy", sleep)
addr("uncorrelated", "Reaction ~ Days + (Days || Subject)", "sleepstudy", sleep)
addr("nested", "breaks ~ wool + (1 | tension/wool)", "warpbreaks", warp)
write_json(rf, file.path(out, "random.json"), digits = NA, auto_unbox = TRUE)
cat("wrote", length(cases), "model-matrix cases and", length(rf), "random-effects cases to", out, "\n")
