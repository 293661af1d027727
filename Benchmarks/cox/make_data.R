# Deterministic pupils-in-schools dropout data for the Cox benchmark: N pupil records (default 1e6) in J schools
# (default 600; every school has at least one pupil, sizes vary log-normally). Time is the school year of
# dropout or censoring, an integer 1..6, so ties are heavy (six distinct times).
#   Rscript Benchmarks/cox/make_data.R OUT.csv [N = 1000000] [J = 600]
# Columns:
#   school  school code "S001".."S600" (the cluster / frailty group)
#   time    school year 1..6 of dropout (event = 1) or of leaving observation (event = 0)
#   event   1 = dropped out, 0 = censored (moved away, or still enrolled after year 6); about 30% events
#   x1 female (0/1)             x2 age at entry minus 12 (years)   x3 SES (z-score)
#   x4 migration background     x5 repeated a year (0/1)           x6 grade point average (z-score)
#   x7 log(1 + absences)        x8 single-parent family (0/1)      x9 urban school (0/1, school level)
#   x10 school mean SES (school level)
# Truth: a proportional-hazards model in continuous time with a gamma school frailty (variance 0.25),
# grouped into school years.
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
n <- if (length(args) > 1) as.integer(args[2]) else 1000000L
J <- if (length(args) > 2) as.integer(args[3]) else 600L
stopifnot(n >= J)
set.seed(20261201)

size_w <- rlnorm(J, 0, 0.6)
urban <- rbinom(J, 1, 0.4)
school_ses <- round(rnorm(J, 0.2 * urban, 0.5), 3)
theta <- 0.25
frailty <- rgamma(J, shape = 1 / theta, scale = theta)

s <- c(seq_len(J), sample.int(J, n - J, replace = TRUE, prob = size_w))
s <- s[sample.int(n)]
x1 <- rbinom(n, 1, 0.5)
x2 <- round(runif(n, -0.5, 1.5), 2)
x3 <- round(school_ses[s] + rnorm(n, 0, 0.85), 3)
x4 <- rbinom(n, 1, plogis(-1.6 - 0.4 * x3 + 0.5 * urban[s]))
x5 <- rbinom(n, 1, plogis(-1.9 - 0.5 * x3 + 0.3 * x4))
x6 <- round(rnorm(n, 0.3 * x3 - 0.4 * x5, 0.9), 3)
x7 <- round(log1p(rpois(n, exp(0.8 - 0.2 * x3 + 0.3 * x5))), 4)
x8 <- rbinom(n, 1, plogis(-1.4 - 0.3 * x3))
x9 <- urban[s]
x10 <- school_ses[s]

lp <- -0.15 * x1 + 0.30 * x2 - 0.25 * x3 + 0.15 * x4 + 0.45 * x5 - 0.40 * x6 + 0.35 * x7 + 0.25 * x8 +
  0.10 * x9 - 0.20 * x10
t_event <- rexp(n, 0.045 * frailty[s] * exp(lp))
t_censor <- rexp(n, 0.04)
obs <- pmin(t_event, t_censor, 6)
time <- pmax(1L, as.integer(ceiling(obs)))
event <- as.integer(t_event <= pmin(t_censor, 6))

d <- data.frame(school = sprintf("S%03d", s), time, event, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10)
write.csv(d, out, row.names = FALSE)
cat(sprintf("# %d records in %d schools, %.3f events, times %s\n", n, length(unique(s)), mean(event),
            paste(sort(unique(time)), collapse = ",")), file = stderr())
