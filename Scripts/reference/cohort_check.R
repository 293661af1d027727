# Fits the bundled synthetic cohort with lme4 / glmmTMB to document that the generator's truth is
# recoverable (output pasted into Datasets/flemish-cohort/codebook.md; JSON in Tests/Fixtures/simulation/).
# Run from the repository root: Rscript Scripts/reference/cohort_check.R
suppressPackageStartupMessages({ library(lme4); library(glmmTMB); library(jsonlite) })
dir <- "Datasets/flemish-cohort"
truth <- fromJSON(file.path(dir, "truth.json"), simplifyVector = FALSE)
pupils <- read.csv(file.path(dir, "pupils.csv"))
pp <- read.csv(file.path(dir, "person_period.csv"))
pupils$track <- factor(pupils$track, levels = c("ASO", "TSO", "BSO", "KSO"))
pp$track <- factor(pp$track, levels = c("ASO", "TSO", "BSO", "KSO"))
ctrl <- glmerControl(optimizer = "bobyqa")

compare <- function(est, se, truth_list) {
  terms <- names(truth_list)
  data.frame(term = terms, truth = unlist(truth_list), estimate = unname(est[terms]),
             std_error = unname(se[terms]), row.names = NULL)
}

# 1. Empty model: ICC of self-reported truancy (latent scale).
m0 <- glmer(truant ~ 1 + (1 | school_id), data = pupils, family = binomial, control = ctrl)
v0 <- as.numeric(VarCorr(m0)$school_id)
empty <- list(intercept = unname(fixef(m0)[1]), school_variance = v0, latent_icc = v0 / (v0 + pi^2 / 3))

# 2. Truancy: the generating model.
m1 <- glmer(truant ~ male + foreign_language + mother_low + allowance + track + age_c + retained +
              bonding_cwc * climate_c + (1 + bonding_cwc | school_id),
            data = pupils, family = binomial, control = ctrl)
vc <- VarCorr(m1)$school_id
truancy <- compare(fixef(m1), sqrt(diag(vcov(m1))), truth$truancy$fixed)
truancy_random <- list(intercept_variance = vc[1, 1], slope_variance = vc[2, 2], correlation = attr(vc, "correlation")[1, 2])

# 3. Absence: negative binomial (NB2) with a school intercept.
m2 <- glmmTMB(absent_halfdays ~ male + foreign_language + mother_low + allowance + track + age_c + retained +
                truant + (1 | school_id), data = pupils, family = nbinom2)
absence <- compare(fixef(m2)$cond, sqrt(diag(vcov(m2)$cond)), truth$absence$fixed)
absence_random <- list(school_variance = as.numeric(VarCorr(m2)$cond$school_id), size = sigma(m2))

# 4. Dropout hazard on eligible person-periods (transfer treated as censoring).
elig <- subset(pp, eligible == 1)
m3 <- glmer(dropout ~ track + years_behind + log_absence_prev + male + allowance + mother_low + climate_c +
              (1 | school_id), data = elig, family = binomial, control = ctrl)
dropout <- compare(fixef(m3), sqrt(diag(vcov(m3))), truth$careers$dropout)
dropout_random <- list(school_variance = as.numeric(VarCorr(m3)$school_id))

out <- list(empty_model = empty, truancy = truancy, truancy_random = truancy_random,
            absence = absence, absence_random = absence_random, dropout = dropout, dropout_random = dropout_random,
            r_version = R.version.string, lme4 = as.character(packageVersion("lme4")),
            glmmTMB = as.character(packageVersion("glmmTMB")))
write_json(out, "Tests/Fixtures/simulation/cohort_check.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)

fmt <- function(d) {
  d$z <- (d$estimate - d$truth) / d$std_error
  cat("| term | truth | estimate | SE | (est - truth)/SE |\n|---|---|---|---|---|\n")
  for (i in seq_len(nrow(d))) cat(sprintf("| `%s` | %.3f | %.3f | %.3f | %.2f |\n", d$term[i], d$truth[i], d$estimate[i], d$std_error[i], d$z[i]))
}
cat("Empty model: intercept", round(empty$intercept, 3), " school variance", round(v0, 3), " latent ICC", round(empty$latent_icc, 3), "\n\n")
cat("Truancy (glmer, binomial):\n"); fmt(truancy)
cat(sprintf("\nRandom: intercept variance %.3f (truth %.2f), slope variance %.3f (truth %.2f), correlation %.2f (truth %.2f)\n\n",
            truancy_random$intercept_variance, truth$truancy$random$intercept_variance, truancy_random$slope_variance,
            truth$truancy$random$slope_variance, truancy_random$correlation, truth$truancy$random$correlation))
cat("Absence (glmmTMB, nbinom2):\n"); fmt(absence)
cat(sprintf("\nSchool variance %.3f (truth %.2f), size %.3f (truth %.2f)\n\n", absence_random$school_variance,
            truth$absence$school_variance, absence_random$size, truth$absence$size))
cat("Dropout (glmer, binomial, eligible person-periods):\n"); fmt(dropout)
cat(sprintf("\nSchool variance %.3f (truth %.2f)\n", dropout_random$school_variance, truth$careers$dropout_school_variance))
