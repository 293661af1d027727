# Times R's glm call alone (data already in memory), REPS times; prints "elapsed cpu" seconds per line
# (cpu = user + system of the R process during the call) and "# deviance <value>" for the deviance check.
#   Rscript Benchmarks/glm/time_r.R DATA.csv REPS
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
d$track <- factor(d$track)
reps <- as.integer(args[2])
f <- y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14 + x15 + x16 + track
for (k in seq_len(reps)) {
  t <- system.time(fit <- glm(f, family = binomial, data = d))
  cat(sprintf("%.3f %.3f\n", t[["elapsed"]], t[["user.self"]] + t[["sys.self"]]))
}
cat(sprintf("# deviance %.12g\n", fit$deviance))
