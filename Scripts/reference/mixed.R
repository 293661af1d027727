# Reference values for Truant's mixed models (Sources/Models/Mixed), from lme4 with TIGHT control.
# Run from the repository root:  Rscript Scripts/reference/mixed.R
# Writes one JSON per model into Tests/Fixtures/mixed/: the model frame (y, X, random-effects terms
# with 0-based grouping codes) and lme4's estimates. Tests rebuild a ModelFrame from the JSON.
suppressPackageStartupMessages({ library(lme4); library(mlmRev); library(jsonlite) })
out <- "Tests/Fixtures/mixed"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

lctl <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-10, maxfun = 1e5))
gctl <- glmerControl(optimizer = "bobyqa", tolPwrss = 1e-12, optCtrl = list(rhoend = 1e-9, maxfun = 1e5))

# A random-effects term as Truant's RandomTermDesign sees it.
term <- function(g, z, correlated = TRUE) {
  g <- droplevels(as.factor(g))
  z <- as.matrix(z)
  list(group = NA, codes = as.integer(g) - 1L, levels = levels(g),
       z = as.vector(z), znames = colnames(z), correlated = correlated)
}
ones <- function(n) matrix(1, n, 1, dimnames = list(NULL, "(Intercept)"))

frame <- function(y, X, terms, weights = NULL, offset = NULL, successes = NULL, failures = NULL) {
  list(n = nrow(X), p = ncol(X), y = y, X = as.vector(X), xnames = colnames(X), terms = terms,
       weights = weights, offset = offset, successes = successes, failures = failures)
}

vc <- function(fit) {
  d <- as.data.frame(VarCorr(fit))
  d$var1[is.na(d$var1)] <- ""; d$var2[is.na(d$var2)] <- ""
  lapply(seq_len(nrow(d)), function(i) list(grp = d$grp[i], var1 = d$var1[i], var2 = d$var2[i],
                                             vcov = d$vcov[i], sdcor = d$sdcor[i]))
}
re <- function(fit, nshow = 5) {
  r <- ranef(fit, condVar = TRUE)
  lapply(names(r), function(g) {
    m <- r[[g]]; pv <- attr(m, "postVar")
    k <- min(nshow, nrow(m))
    list(group = g, names = colnames(m), levels = rownames(m)[1:k],
         modes = lapply(1:k, function(i) as.numeric(m[i, ])),
         condsd = lapply(1:k, function(i) {
           if (is.list(pv)) unlist(lapply(pv, function(a) sqrt(diag(as.matrix(a[, , i])))))
           else sqrt(diag(as.matrix(pv[, , i]))) }))
  })
}
summ <- function(fit, call) {
  isg <- isGLMM(fit)
  res <- list(call = call, theta = unname(getME(fit, "theta")), thetanames = names(getME(fit, "theta")),
       logLik = as.numeric(logLik(fit)), deviance = if (!isg && isREML(fit)) NA else deviance(fit),
       REMLcrit = if (!isg && isREML(fit)) REMLcrit(fit) else NA,
       AIC = AIC(fit), BIC = BIC(fit), fixef = unname(fixef(fit)), fixnames = names(fixef(fit)),
       se = unname(sqrt(diag(as.matrix(vcov(fit))))), varcorr = vc(fit), ranef = re(fit),
       sigma = sigma(fit), fitted = unname(fitted(fit))[1:10], nobs = nobs(fit))
  if (isg) {
    res$se_rx <- unname(sqrt(diag(as.matrix(vcov(fit, use.hessian = FALSE)))))
    res$nAGQ <- fit@devcomp$dims[["nAGQ"]]
  }
  res
}
save <- function(name, fr, fits) {
  write_json(list(frame = fr, fits = fits), file.path(out, paste0(name, ".json")), digits = NA,
             auto_unbox = TRUE, null = "null", na = "null")
  cat("wrote", name, "\n")
}

## ---- sleepstudy -----------------------------------------------------------------------
ss <- sleepstudy; n <- nrow(ss)
X <- model.matrix(~ Days, ss)
fr1 <- frame(ss$Reaction, X, list(term(ss$Subject, ones(n))))
fr1$terms[[1]]$group <- "Subject"
save("sleepstudy_intercept", fr1, list(
  reml = summ(lmer(Reaction ~ Days + (1 | Subject), ss, control = lctl), "lmer(Reaction ~ Days + (1 | Subject), sleepstudy)"),
  ml = summ(lmer(Reaction ~ Days + (1 | Subject), ss, REML = FALSE, control = lctl), "lmer(Reaction ~ Days + (1 | Subject), sleepstudy, REML = FALSE)")))

Zs <- cbind(`(Intercept)` = 1, Days = ss$Days)
fr2 <- frame(ss$Reaction, X, list(term(ss$Subject, Zs)))
fr2$terms[[1]]$group <- "Subject"
save("sleepstudy_slope", fr2, list(
  reml = summ(lmer(Reaction ~ Days + (Days | Subject), ss, control = lctl), "lmer(Reaction ~ Days + (Days | Subject), sleepstudy)"),
  ml = summ(lmer(Reaction ~ Days + (Days | Subject), ss, REML = FALSE, control = lctl), "lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = FALSE)")))
fr3 <- frame(ss$Reaction, X, list(term(ss$Subject, Zs, correlated = FALSE)))
fr3$terms[[1]]$group <- "Subject"
save("sleepstudy_uncorrelated", fr3, list(
  reml = summ(lmer(Reaction ~ Days + (Days || Subject), ss, control = lctl), "lmer(Reaction ~ Days + (Days || Subject), sleepstudy)")))

## ---- Dyestuff ---------------------------------------------------------------------------
fr <- frame(Dyestuff$Yield, ones(30), list(term(Dyestuff$Batch, ones(30))))
fr$terms[[1]]$group <- "Batch"
save("dyestuff", fr, list(
  reml = summ(lmer(Yield ~ 1 + (1 | Batch), Dyestuff, control = lctl), "lmer(Yield ~ 1 + (1 | Batch), Dyestuff)"),
  ml = summ(lmer(Yield ~ 1 + (1 | Batch), Dyestuff, REML = FALSE, control = lctl), "lmer(Yield ~ 1 + (1 | Batch), Dyestuff, REML = FALSE)")))
# Dyestuff2: a singular fit (variance estimate 0).
fr <- frame(Dyestuff2$Yield, ones(30), list(term(Dyestuff2$Batch, ones(30))))
fr$terms[[1]]$group <- "Batch"
save("dyestuff2", fr, list(
  reml = summ(lmer(Yield ~ 1 + (1 | Batch), Dyestuff2, control = lctl), "lmer(Yield ~ 1 + (1 | Batch), Dyestuff2)")))

## ---- Penicillin: crossed -----------------------------------------------------------------
P <- Penicillin; n <- nrow(P)
fr <- frame(P$diameter, ones(n), list(term(P$plate, ones(n)), term(P$sample, ones(n))))
fr$terms[[1]]$group <- "plate"; fr$terms[[2]]$group <- "sample"
save("penicillin", fr, list(
  reml = summ(lmer(diameter ~ 1 + (1 | plate) + (1 | sample), P, control = lctl), "lmer(diameter ~ 1 + (1 | plate) + (1 | sample), Penicillin)"),
  ml = summ(lmer(diameter ~ 1 + (1 | plate) + (1 | sample), P, REML = FALSE, control = lctl), "lmer(diameter ~ 1 + (1 | plate) + (1 | sample), Penicillin, REML = FALSE)")))

## ---- Pastes: nested (1 | batch/cask) ---------------------------------------------------
Pa <- Pastes; n <- nrow(Pa)
fr <- frame(Pa$strength, ones(n), list(term(interaction(Pa$cask, Pa$batch, sep = ":", lex.order = FALSE), ones(n)),
                                      term(Pa$batch, ones(n))))
fr$terms[[1]]$group <- "cask:batch"; fr$terms[[2]]$group <- "batch"
save("pastes", fr, list(
  reml = summ(lmer(strength ~ 1 + (1 | batch/cask), Pa, control = lctl), "lmer(strength ~ 1 + (1 | batch/cask), Pastes)")))

## ---- cbpp: binomial with trials ----------------------------------------------------------
cb <- cbpp; n <- nrow(cb)
X <- model.matrix(~ period, cb)
fr <- frame(cb$incidence / cb$size, X, list(term(cb$herd, ones(n))), weights = NULL,
            successes = cb$incidence, failures = cb$size - cb$incidence)
fr$terms[[1]]$group <- "herd"
f <- cbind(incidence, size - incidence) ~ period + (1 | herd)
save("cbpp", fr, list(
  laplace = summ(glmer(f, cbpp, binomial, control = gctl), "glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), cbpp, binomial, control = tight)"),
  agq7 = summ(glmer(f, cbpp, binomial, nAGQ = 7, control = gctl), "same, nAGQ = 7"),
  agq25 = summ(glmer(f, cbpp, binomial, nAGQ = 25, control = gctl), "same, nAGQ = 25"),
  nagq0 = summ(glmer(f, cbpp, binomial, nAGQ = 0, control = gctl), "same, nAGQ = 0"),
  probit = summ(glmer(f, cbpp, binomial(link = "probit"), control = gctl), "same, binomial(link = 'probit')"),
  cloglog = summ(glmer(f, cbpp, binomial(link = "cloglog"), control = gctl), "same, binomial(link = 'cloglog')")))
# Poisson with offset on the same data.
fr$successes <- NULL; fr$failures <- NULL; fr$y <- cb$incidence; fr$offset <- log(cb$size)
save("cbpp_poisson", fr, list(
  laplace = summ(glmer(incidence ~ period + offset(log(size)) + (1 | herd), cbpp, poisson, control = gctl),
                 "glmer(incidence ~ period + offset(log(size)) + (1 | herd), cbpp, poisson, control = tight)")))

## ---- Contraception -----------------------------------------------------------------------
Co <- Contraception; n <- nrow(Co)
X <- model.matrix(~ age + I(age^2) + urban + livch, Co)
y <- as.numeric(Co$use == "Y")
fr <- frame(y, X, list(term(Co$district, ones(n))))
fr$terms[[1]]$group <- "district"
f <- use ~ age + I(age^2) + urban + livch + (1 | district)
save("contraception", fr, list(
  laplace = summ(glmer(f, Co, binomial, control = gctl), "glmer(use ~ age + I(age^2) + urban + livch + (1 | district), Contraception, binomial, control = tight)"),
  agq9 = summ(glmer(f, Co, binomial, nAGQ = 9, control = gctl), "same, nAGQ = 9")))
Zu <- cbind(`(Intercept)` = 1, urbanY = as.numeric(Co$urban == "Y"))
fr <- frame(y, X, list(term(Co$district, Zu)))
fr$terms[[1]]$group <- "district"
save("contraception_slope", fr, list(
  laplace = summ(glmer(use ~ age + I(age^2) + urban + livch + (urban | district), Co, binomial, control = gctl),
                 "glmer(use ~ age + I(age^2) + urban + livch + (urban | district), Contraception, binomial, control = tight)")))

## ---- grouseticks: Poisson, two terms (BROOD within LOCATION) ------------------------------
g <- grouseticks; n <- nrow(g)
X <- model.matrix(~ YEAR + cHEIGHT, g)
fr <- frame(g$TICKS, X, list(term(g$BROOD, ones(n)), term(g$LOCATION, ones(n))))
fr$terms[[1]]$group <- "BROOD"; fr$terms[[2]]$group <- "LOCATION"
save("grouseticks", fr, list(
  laplace = summ(glmer(TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | LOCATION), g, poisson, control = gctl),
                 "glmer(TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | LOCATION), grouseticks, poisson, control = tight)")))

## ---- Two nested levels in GLMMs, and prior weights ------------------------------------------
# Mmmec: melanoma deaths in counties within regions within nations; Poisson with offset, nested.
M <- Mmmec; n <- nrow(M)
X <- model.matrix(~ uvb, M)
fr <- frame(M$deaths, X, list(term(M$region, ones(n)), term(M$nation, ones(n))), offset = log(M$expected))
fr$terms[[1]]$group <- "region"; fr$terms[[2]]$group <- "nation"
save("mmmec", fr, list(
  laplace = summ(glmer(deaths ~ uvb + (1 | region) + (1 | nation), M, poisson, offset = log(expected), control = gctl),
                 "glmer(deaths ~ uvb + (1 | region) + (1 | nation), Mmmec, poisson, offset = log(expected), control = tight)")))
# guImmun: children within mothers within communities; binary, two nested levels.
G <- guImmun; n <- nrow(G)
X <- model.matrix(~ kid2p + mom25p + ord + ethn + momEd + husEd + momWork + rural + pcInd81, G)
fr <- frame(as.numeric(G$immun == "Y"), X, list(term(G$mom, ones(n)), term(G$comm, ones(n))))
fr$terms[[1]]$group <- "mom"; fr$terms[[2]]$group <- "comm"
save("guimmun", fr, list(
  laplace = summ(glmer(immun ~ kid2p + mom25p + ord + ethn + momEd + husEd + momWork + rural + pcInd81 + (1 | mom) + (1 | comm),
                       G, binomial, control = gctl),
                 "glmer(immun ~ kid2p + mom25p + ord + ethn + momEd + husEd + momWork + rural + pcInd81 + (1 | mom) + (1 | comm), guImmun, binomial, control = tight)")))
# Prior weights: LMM (weights scale the residual variance) and binary GLMM (weights count trials).
ss <- sleepstudy; n <- nrow(ss)
w <- rep(c(1, 2, 0.5), length.out = n)
fr <- frame(ss$Reaction, model.matrix(~ Days, ss), list(term(ss$Subject, ones(n))), weights = w)
fr$terms[[1]]$group <- "Subject"
save("sleepstudy_weights", fr, list(
  reml = summ(lmer(Reaction ~ Days + (1 | Subject), ss, weights = w, control = lctl),
              "lmer(Reaction ~ Days + (1 | Subject), sleepstudy, weights = rep(c(1, 2, 0.5), length.out = 180))")))
Co <- Contraception; n <- nrow(Co)
wc <- rep(c(1, 2, 3), length.out = n)
fr <- frame(as.numeric(Co$use == "Y"), model.matrix(~ age + urban, Co), list(term(Co$district, ones(n))), weights = wc)
fr$terms[[1]]$group <- "district"
save("contraception_weights", fr, list(
  laplace = summ(glmer(use ~ age + urban + (1 | district), Co, binomial, weights = wc, control = gctl),
                 "glmer(use ~ age + urban + (1 | district), Contraception, binomial, weights = rep(c(1, 2, 3), length.out = 1934), control = tight)")))

## ---- Post-estimation: predictions, LRT, ICC and MOR ---------------------------------------
m1 <- lmer(Reaction ~ Days + (Days | Subject), sleepstudy, control = lctl)
nd <- data.frame(Days = c(0, 5, 9), Subject = c("308", "309", "new"))
m0ml <- lmer(Reaction ~ Days + (1 | Subject), sleepstudy, REML = FALSE, control = lctl)
m1ml <- lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = FALSE, control = lctl)
a <- anova(m0ml, m1ml)
gc <- glmer(use ~ age + I(age^2) + urban + livch + (1 | district), Contraception, binomial, control = gctl)
vd <- as.data.frame(VarCorr(gc))$vcov[1]
mi <- lmer(Reaction ~ Days + (1 | Subject), sleepstudy, control = lctl)
vs <- as.data.frame(VarCorr(mi))$vcov
write_json(list(
  predict_call = "predict(lmer(Reaction ~ Days + (Days | Subject), sleepstudy), data.frame(Days = c(0, 5, 9), Subject = c('308', '309', 'new')), allow.new.levels = TRUE)",
  predict_conditional = unname(predict(m1, nd, allow.new.levels = TRUE)),
  predict_population = unname(predict(m1, nd, re.form = NA)),
  lrt_call = "anova(lmer(Reaction ~ Days + (1 | Subject), sleepstudy, REML = FALSE), lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = FALSE))",
  lrt_chisq = a$Chisq[2], lrt_df = a$Df[2], lrt_p = a[["Pr(>Chisq)"]][2],
  contraception_icc = vd / (vd + pi^2 / 3),
  contraception_mor = exp(sqrt(2 * vd) * qnorm(0.75)),
  contraception_predict_link = unname(predict(gc, Contraception[1:3, ], re.form = NA)),
  contraception_predict_response = unname(predict(gc, Contraception[1:3, ], type = "response")),
  sleepstudy_icc = vs[1] / (vs[1] + vs[2])),
  file.path(out, "postestimation.json"), digits = NA, auto_unbox = TRUE)
cat("wrote postestimation\n")

## ---- Raw data for the formula end-to-end tests (MixedFormulaEndToEndTests) -----------------
write.csv(Pastes[, c("strength", "batch", "cask")], file.path(out, "pastes.csv"), row.names = FALSE)
write.csv(sleepstudy, file.path(out, "sleepstudy.csv"), row.names = FALSE)
write.csv(Contraception[, c("district", "use", "livch", "age", "urban")], file.path(out, "contraception.csv"), row.names = FALSE)
