# Reference values for Truant's survival module (Sources/Models/Survival).
# Run from the repository root:  Rscript Scripts/reference/survival.R
# Writes CSV data and JSON fixtures into Tests/Fixtures/survival/.
# R 4.2.2, survival 3.5-3. Every fixture records the exact R call that produced it.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "Tests/Fixtures/survival"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
wj <- function(x, name) write_json(x, file.path(out, name), digits = NA, auto_unbox = TRUE, pretty = FALSE)
wcsv <- function(d, name) write.csv(d, file.path(out, name), row.names = FALSE, na = "")

# ---------------------------------------------------------------- data
lungd <- lung[, c("inst", "time", "status", "age", "sex", "ph.ecog")]
lungd$w <- 1 + (seq_len(nrow(lungd)) %% 3) / 2          # deterministic non-integer case weights (Cox: robust by default)
lungd$wi <- 1 + seq_len(nrow(lungd)) %% 3               # integer case weights (KM keeps Greenwood SEs)
wcsv(lungd, "lung.csv")
vet <- veteran; vet$celltype <- as.integer(vet$celltype)  # 1 squamous, 2 smallcell, 3 adeno, 4 large
wcsv(vet, "veteran.csv")
wcsv(ovarian, "ovarian.csv")
cgdd <- data.frame(id = cgd$id, tstart = cgd$tstart, tstop = cgd$tstop, status = cgd$status,
                   treat = as.integer(cgd$treat == "rIFN-g"), inherit = as.integer(cgd$inherit == "autosomal"),
                   steroids = cgd$steroids)
wcsv(cgdd, "cgd.csv")
heartd <- data.frame(id = heart$id, start = heart$start, stop = heart$stop, event = heart$event, age = heart$age,
                     year = heart$year, surgery = heart$surgery, transplant = as.integer(heart$transplant == "1"))
wcsv(heartd, "heart.csv")
colond <- data.frame(id = colon$id, time = colon$time, status = colon$status, etype = colon$etype,
                     rxLev = as.integer(colon$rx == "Lev"), rxLev5FU = as.integer(colon$rx == "Lev+5FU"),
                     extent = colon$extent, node4 = colon$node4)
wcsv(colond, "colon.csv")
ratsd <- rats; ratsd$female <- as.integer(rats$sex == "f"); ratsd$sex <- NULL
wcsv(ratsd, "rats.csv")
etime <- with(mgus2, ifelse(pstat == 0, futime, ptime))
event <- with(mgus2, ifelse(pstat == 0, 2 * death, 1))
mg <- data.frame(id = mgus2$id, male = as.integer(mgus2$sex == "M"), age = mgus2$age, etime = etime, event = event)
wcsv(mg, "mgus2.csv")

# ---------------------------------------------------------------- Kaplan-Meier
km_fixture <- function(fit, call) {
  st <- if (is.null(fit$strata)) rep("all", length(fit$time)) else rep(names(fit$strata), fit$strata)
  tab <- summary(fit)$table
  if (is.null(dim(tab))) tab <- t(as.matrix(tab))
  list(call = call, conf_type = fit$conf.type, stratum = st, time = fit$time, n_risk = fit$n.risk,
       n_event = fit$n.event, n_censor = fit$n.censor, surv = fit$surv, std_err = fit$std.err,
       lower = fit$lower, upper = fit$upper,
       median = unname(tab[, "median"]), median_lcl = unname(tab[, "0.95LCL"]), median_ucl = unname(tab[, "0.95UCL"]),
       strata_names = if (is.null(fit$strata)) "all" else names(fit$strata))
}
for (ct in c("log", "log-log", "plain")) {
  call <- sprintf('survfit(Surv(time, status) ~ sex, data = lung, conf.type = "%s")', ct)
  wj(km_fixture(eval(parse(text = call)), call), sprintf("km_lung_sex_%s.json", gsub("-", "", ct)))
}
call <- 'survfit(Surv(time, status) ~ 1, data = lung)'
wj(km_fixture(eval(parse(text = call)), call), "km_lung_all.json")
call <- 'survfit(Surv(futime, fustat) ~ rx, data = ovarian, conf.type = "log-log")'
wj(km_fixture(eval(parse(text = call)), call), "km_ovarian_rx_loglog.json")
call <- 'survfit(Surv(start, stop, event) ~ surgery, data = heart)'
wj(km_fixture(eval(parse(text = call)), call), "km_heart_counting.json")
call <- 'survfit(Surv(time, status) ~ sex, data = lung, weights = 1 + seq_len(nrow(lung)) %% 3)'
wj(km_fixture(eval(parse(text = call)), call), "km_lung_weighted.json")

# ---------------------------------------------------------------- log-rank
sd_fixture <- function(s, call) list(call = call, chisq = s$chisq, df = length(s$n) - 1,
  p = pchisq(s$chisq, length(s$n) - 1, lower.tail = FALSE), obs = as.vector(s$obs), exp = as.vector(s$exp),
  var = as.vector(s$var), n = as.vector(s$n))
for (call in c('survdiff(Surv(time, status) ~ sex, data = lung)',
               'survdiff(Surv(time, status) ~ sex, data = lung, rho = 1)',
               'survdiff(Surv(time, status) ~ trt + strata(celltype), data = veteran)',
               'survdiff(Surv(time, status) ~ celltype, data = veteran)',
               'survdiff(Surv(futime, fustat) ~ rx, data = ovarian)')) {
  nm <- c('survdiff(Surv(time, status) ~ sex, data = lung)' = "logrank_lung_sex.json",
          'survdiff(Surv(time, status) ~ sex, data = lung, rho = 1)' = "logrank_lung_sex_peto.json",
          'survdiff(Surv(time, status) ~ trt + strata(celltype), data = veteran)' = "logrank_veteran_strat.json",
          'survdiff(Surv(time, status) ~ celltype, data = veteran)' = "logrank_veteran_celltype.json",
          'survdiff(Surv(futime, fustat) ~ rx, data = ovarian)' = "logrank_ovarian.json")[[call]]
  wj(sd_fixture(eval(parse(text = call)), call), nm)
}

# ---------------------------------------------------------------- Cox
cox_fixture <- function(fit, call, extra = list()) {
  v <- fit$var
  res <- list(call = call, coef = unname(coef(fit)), names = names(coef(fit)), se = unname(sqrt(diag(v))),
              var = as.vector(v), loglik = fit$loglik, score = fit$score, wald = fit$wald.test,
              n = fit$n, nevent = fit$nevent, iter = fit$iter, means = unname(fit$means), method = fit$method,
              concordance = unname(fit$concordance))
  if (!is.null(fit$naive.var)) {
    res$naive_se <- unname(sqrt(diag(fit$naive.var)))
    res$robust_score <- fit$rscore
  }
  s <- summary(fit)
  res$lrt <- unname(s$logtest["test"]); res$conf_low <- unname(s$conf.int[, "lower .95"])
  res$conf_high <- unname(s$conf.int[, "upper .95"]); res$p <- unname(s$coefficients[, ncol(s$coefficients)])
  res$wald_p <- unname(s$waldtest["pvalue"]); res$lrt_p <- unname(s$logtest["pvalue"])
  res$score_p <- unname(s$sctest["pvalue"])
  c(res, extra)
}
resid_list <- function(fit) list(
  martingale = unname(residuals(fit, "martingale")), deviance = unname(residuals(fit, "deviance")),
  score = as.vector(residuals(fit, "score")), schoenfeld = as.vector(residuals(fit, "schoenfeld")),
  schoenfeld_time = as.numeric(rownames(as.matrix(residuals(fit, "schoenfeld")))),
  dfbeta = as.vector(residuals(fit, "dfbeta")))

lungc <- lung[complete.cases(lung[, c("time", "status", "age", "sex", "ph.ecog")]), ]
call <- 'coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung)'
fit <- eval(parse(text = call))
z <- cox.zph(fit, transform = "km")
bh <- basehaz(fit, centered = FALSE)
prof <- data.frame(age = c(60, 70), sex = c(1, 2), ph.ecog = c(0, 2))
sf <- survfit(fit, newdata = prof)
wj(cox_fixture(fit, call, c(list(n_dropped = length(fit$na.action), residuals = resid_list(fit),
   zph = list(call = 'cox.zph(fit, transform = "km")', chisq = unname(z$table[, "chisq"]), df = unname(z$table[, "df"]),
              p = unname(z$table[, "p"]), rows = rownames(z$table)),
   basehaz = list(call = "basehaz(fit, centered = FALSE)", time = bh$time, hazard = bh$hazard),
   survfit = list(call = "survfit(fit, newdata = data.frame(age = c(60, 70), sex = c(1, 2), ph.ecog = c(0, 2)))",
                  time = sf$time, surv = as.vector(sf$surv), std_err = as.vector(sf$std.err),
                  lower = as.vector(sf$lower), upper = as.vector(sf$upper), n_risk = sf$n.risk)))),
   "cox_lung_efron.json")
call <- 'coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung, ties = "breslow")'
fit <- eval(parse(text = call))
wj(cox_fixture(fit, call, list(residuals = resid_list(fit))), "cox_lung_breslow.json")
call <- 'coxph(Surv(time, status) ~ age + sex, data = lung, weights = 1 + (seq_len(nrow(lung)) %% 3) / 2)'
lungw <- lung; lungw$w <- 1 + (seq_len(nrow(lung)) %% 3) / 2
fit <- coxph(Surv(time, status) ~ age + sex, data = lungw, weights = w)
wj(cox_fixture(fit, call), "cox_lung_weighted.json")
call <- 'coxph(Surv(time, status) ~ trt + karno + age + strata(celltype), data = veteran, ties = "breslow")'
fit <- eval(parse(text = call))
wj(cox_fixture(fit, call, list(residuals = resid_list(fit))), "cox_veteran_breslow_strata.json")
call <- 'coxph(Surv(time, status) ~ trt + karno + age + strata(celltype), data = veteran)'
fit <- eval(parse(text = call))
z <- cox.zph(fit)
wj(cox_fixture(fit, call, list(residuals = resid_list(fit),
   zph = list(call = 'cox.zph(fit)', chisq = unname(z$table[, "chisq"]), df = unname(z$table[, "df"]),
              p = unname(z$table[, "p"]), rows = rownames(z$table)))), "cox_veteran_efron_strata.json")
call <- 'coxph(Surv(tstart, tstop, status) ~ treat + inherit + steroids + cluster(id), data = cgd)'
fit <- eval(parse(text = call))
wj(cox_fixture(fit, call, list(residuals = resid_list(fit))), "cox_cgd_cluster.json")
call <- 'coxph(Surv(tstart, tstop, status) ~ treat + inherit + steroids, data = cgd, ties = "breslow")'
fit <- eval(parse(text = call))
wj(cox_fixture(fit, call, list(residuals = resid_list(fit))), "cox_cgd_breslow.json")
call <- 'coxph(Surv(start, stop, event) ~ age + year + surgery + transplant + cluster(id), data = heart)'
fit <- eval(parse(text = call))
wj(cox_fixture(fit, call, list(residuals = resid_list(fit))), "cox_heart_cluster.json")
call <- 'coxph(Surv(time, status) ~ rx + extent + node4 + cluster(id) + strata(etype), data = colon)'
fit <- eval(parse(text = call))
wj(cox_fixture(fit, call), "cox_colon_cluster_strata.json")
call <- 'coxph(Surv(time, status) ~ x, data = data.frame(time = c(1,1,6,6,8,9), status = c(1,0,1,1,0,1), x = c(1,1,1,0,0,0)))'
fit <- eval(parse(text = call))
wj(cox_fixture(fit, call, list(residuals = resid_list(fit))), "cox_validate_efron.json")
fit <- coxph(Surv(time, status) ~ x, ties = "breslow",
             data = data.frame(time = c(1,1,6,6,8,9), status = c(1,0,1,1,0,1), x = c(1,1,1,0,0,0)))
wj(cox_fixture(fit, sub("\\)\\)\\)$", ")), ties = \"breslow\")", call), list(residuals = resid_list(fit))), "cox_validate_breslow.json")

# ---------------------------------------------------------------- frailty
fr <- function(call, name) {
  fit <- eval(parse(text = call))
  h <- fit$history[[1]]$history
  wj(list(call = call, coef = unname(coef(fit)), se = unname(sqrt(diag(fit$var)))[seq_along(coef(fit))],
          se2 = unname(sqrt(diag(fit$var2)))[seq_along(coef(fit))],
          theta = fit$history[[1]]$theta, loglik = fit$loglik, df = sum(fit$df), dfs = unname(fit$df),
          history_theta = if (is.null(h)) NA else unname(h[, 1]), history_loglik = if (is.null(h)) NA else unname(h[, 2]),
          history_cloglik = if (is.null(h)) NA else unname(h[, 3]), frail = fit$frail,
          penalty = fit$penalty,
          integrated_loglik = if (!is.null(fit$history[[1]]$c.loglik)) fit$history[[1]]$c.loglik else NA,
          iter = fit$iter), name)
}
fr('coxph(Surv(time, status) ~ rx + frailty(litter), data = rats, subset = (sex == "f"))', "frailty_rats_gamma.json")
fr('coxph(Surv(time, status) ~ rx + frailty(litter), data = rats, subset = (sex == "f"), ties = "breslow")', "frailty_rats_gamma_breslow.json")
fr('coxph(Surv(time, status) ~ rx + frailty(litter, distribution = "gaussian"), data = rats, subset = (sex == "f"))', "frailty_rats_gauss.json")
fr('coxph(Surv(time, status) ~ rx + frailty(litter), data = rats)', "frailty_rats_all_gamma.json")
fr('coxph(Surv(tstart, tstop, status) ~ treat + steroids + frailty(id), data = cgd)', "frailty_cgd_gamma.json")

# ---------------------------------------------------------------- competing risks (Aalen-Johansen)
call <- 'survfit(Surv(etime, factor(event, 0:2, labels = c("censor", "pcm", "death"))) ~ male, data = mgus2d)'
mgus2d <- mg
fit <- eval(parse(text = call))
st <- rep(names(fit$strata), fit$strata)
wj(list(call = call, stratum = st, time = fit$time, n_risk = as.vector(fit$n.risk[, 1]),
        pstate = as.vector(fit$pstate), std_err = as.vector(fit$std.err), lower = as.vector(fit$lower),
        upper = as.vector(fit$upper), states = fit$states, n_event = as.vector(fit$n.event)), "aj_mgus2_male.json")
cat("fixtures written to", out, "\n")

# ---------------------------------------------------------------- cause-specific Cox and person-period expansion
call <- 'coxph(Surv(etime, event == 1) ~ age + male, data = mgus2d)'
fit <- eval(parse(text = call))
wj(cox_fixture(fit, call), "cox_mgus2_cause_pcm.json")
vet2 <- veteran; vet2$id <- seq_len(nrow(vet2))
call <- 'survSplit(Surv(time, status) ~ ., data = transform(veteran, id = seq_len(nrow(veteran))), cut = c(30, 60, 90, 180), episode = "period")'
sp <- survSplit(Surv(time, status) ~ ., data = vet2, cut = c(30, 60, 90, 180), episode = "period")
wj(list(call = call, id = sp$id, tstart = sp$tstart, time = sp$time, status = sp$status, period = sp$period),
   "personperiod_veteran.json")
cat("extra fixtures written\n")

# ---------------------------------------------------------------- Gray's test data (cmprsk's own tests/test.R)
# cmprsk is not installable here; its tests/test.Rout.save (R 1.2.1, 2001) prints, for
#   set.seed(2); ss <- rexp(100); gg <- factor(sample(1:3,100,replace=T),1:3,c('a','b','c'))
#   cc <- sample(0:2,100,replace=T); strt <- sample(1:2,100,replace=T)
#   cuminc(ss,cc,gg,strt)  ->  Tests: cause 1 stat 3.393977 pv 0.1832345 df 2; cause 2 stat 1.989511 pv 0.3698139
#   cuminc(ssd,ccd,gg2,strtd,subset=gg != 'b') -> cause 1 3.5151549 (df 1); cause 2 0.1400145
# R 1.2.1 used the Marsaglia-Multicarry generator and the old ("Rounding") sample(); regenerate the data with them.
old <- RNGkind()
suppressWarnings(RNGkind("Marsaglia-Multicarry", "Kinderman-Ramage", sample.kind = "Rounding"))
set.seed(2)
ss <- rexp(100)
gg <- sample(1:3, 100, replace = TRUE)
cc <- sample(0:2, 100, replace = TRUE)
strt <- sample(1:2, 100, replace = TRUE)
suppressWarnings(RNGkind(old[1], old[2], sample.kind = old[3]))
wcsv(data.frame(ss = ss, gg = gg, cc = cc, strt = strt), "gray_cmprsk_test.csv")
wj(list(source = "cran/cmprsk tests/test.Rout.save", stat_cause1 = 3.393977, p_cause1 = 0.1832345,
        stat_cause2 = 1.989511, p_cause2 = 0.3698139, df = 2,
        sub_stat_cause1 = 3.5151549, sub_p_cause1 = 0.06080997, sub_stat_cause2 = 0.1400145, sub_df = 1),
   "gray_cmprsk_test.json")

# ---------------------------------------------------------------- more diagnostics: stratified Breslow curves, counting-process zph
call <- 'coxph(Surv(time, status) ~ trt + karno + age + strata(celltype), data = veteran, ties = "breslow")'
fit <- eval(parse(text = call))
sf <- survfit(fit, newdata = data.frame(trt = 2, karno = 60, age = 60))
bh <- basehaz(fit, centered = FALSE)
wj(list(call = call, survfit_call = "survfit(fit, newdata = data.frame(trt = 2, karno = 60, age = 60))",
        strata = rep(names(sf$strata), sf$strata), time = sf$time, surv = as.vector(sf$surv),
        std_err = as.vector(sf$std.err), n_risk = sf$n.risk,
        basehaz_time = bh$time, basehaz_hazard = bh$hazard, basehaz_strata = as.character(bh$strata)),
   "coxsurv_veteran_breslow_strata.json")
call <- 'coxph(Surv(tstart, tstop, status) ~ treat + inherit + steroids, data = cgd)'
fit <- eval(parse(text = call))
z <- cox.zph(fit)
wj(list(call = call, zph_call = "cox.zph(fit)", chisq = unname(z$table[, "chisq"]), p = unname(z$table[, "p"]),
        rows = rownames(z$table)), "zph_cgd.json")
z <- cox.zph(fit, transform = "identity")
wj(list(call = call, zph_call = 'cox.zph(fit, transform = "identity")', chisq = unname(z$table[, "chisq"]),
        rows = rownames(z$table)), "zph_cgd_identity.json")

# ---------------------------------------------------------------- KM with non-integer case weights (R switches to the robust IJ variance)
call <- 'survfit(Surv(time, status) ~ sex, data = lung, weights = 1 + (seq_len(nrow(lung)) %% 3) / 2)'
wj(km_fixture(survfit(Surv(time, status) ~ sex, data = lungd, weights = w), call), "km_lung_nonint_weights.json")

# ---------------------------------------------------------------- predicted curves from a counting-process fit
call <- 'coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart)'
fit <- eval(parse(text = call))
sf <- survfit(fit, newdata = data.frame(age = 0, year = 3, surgery = 0, transplant = factor(1, levels = 0:1)))
wj(list(call = call, survfit_call = "survfit(fit, newdata = data.frame(age = 0, year = 3, surgery = 0, transplant = factor(1, levels = 0:1)))",
        time = sf$time, surv = as.vector(sf$surv), std_err = as.vector(sf$std.err), n_risk = sf$n.risk,
        lower = as.vector(sf$lower), upper = as.vector(sf$upper)), "coxsurv_heart.json")
