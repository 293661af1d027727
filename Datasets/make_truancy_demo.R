# Generates Datasets/truancy_demo.csv: a small SIMULATED cohort of secondary-school pupils for the
# demo (Scripts/demo.sh). Not real data; every value comes from the model below with a fixed seed.
#   Rscript Datasets/make_truancy_demo.R
set.seed(20261130)
n_school <- 40
n_per <- 50
school <- rep(sprintf("S%02d", seq_len(n_school)), each = n_per)
school_effect <- rep(rnorm(n_school, 0, 0.4), each = n_per)
n <- n_school * n_per
gender <- sample(c("F", "M"), n, replace = TRUE)
ses <- round(rnorm(n), 3)
track <- sample(c("ASO", "BSO", "KSO", "TSO"), n, replace = TRUE, prob = c(0.40, 0.25, 0.10, 0.25))
age <- sample(12:18, n, replace = TRUE)
retained <- rbinom(n, 1, plogis(-1.6 - 0.5 * ses + 0.8 * (track == "BSO")))
days <- sample(150:180, n, replace = TRUE)
track_eff <- c(ASO = 0, BSO = 0.9, KSO = 0.3, TSO = 0.5)[track]
eta_rate <- -4.2 + 0.15 * (gender == "M") - 0.35 * ses + track_eff + 0.45 * retained + 0.08 * (age - 15) + school_effect
absences <- rpois(n, days * exp(eta_rate))
truant <- as.integer(absences >= 10)   # ten or more unauthorised half-days: "problematic truancy"
d <- data.frame(pupil = sprintf("P%04d", seq_len(n)), school, gender, age, ses, track, retained,
                days_enrolled = days, logdays = round(log(days), 6), absences, truant)
# A few missing SES values, as in registry extracts.
d$ses[sample(n, 25)] <- NA
write.csv(d, "Datasets/truancy_demo.csv", row.names = FALSE, na = "")
cat(sprintf("wrote Datasets/truancy_demo.csv: %d pupils in %d schools, %.1f%% truant\n", n, n_school, 100 * mean(truant)))
