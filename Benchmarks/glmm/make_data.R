# Deterministic pupils-in-schools data for the mixed-model benchmark: N pupils (default 1e5) in J schools
# (default 600; every school has at least one pupil, sizes vary log-normally), binary truancy.
#   Rscript Benchmarks/glmm/make_data.R OUT.csv [N = 100000] [J = 600]
# Columns (12 predictors, 15 model-matrix columns with the intercept and the 4-level track factor):
#   school        school code "S001".."S600" (the grouping factor)
#   truancy       0/1 response, about 20% ones
#   female        0/1
#   age           age in years minus 15 (about -3..+4)
#   ses           pupil socio-economic status (z-score; school-level part included)
#   migrant       0/1 migration background
#   homelang      0/1 home language differs from the language of instruction
#   retained      0/1 has repeated a year
#   gpa           grade point average (z-score)
#   prior_abs     log(1 + absences last year)
#   single_parent 0/1
#   track         ASO, BSO, KSO, TSO (Flemish secondary tracks; ASO is the reference level)
#   urban         0/1 school in a city (school level)
#   school_ses    mean SES of the school's intake (school level)
# Truth: logit P(truancy) = fixed part + u0[school] + u1[school] * ses with sd(u0) = 0.6, sd(u1) = 0.25,
# cor(u0, u1) = -0.3, so both the random-intercept and the random-slope model are sensible fits.
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
n <- if (length(args) > 1) as.integer(args[2]) else 100000L
J <- if (length(args) > 2) as.integer(args[3]) else 600L
stopifnot(n >= J)
set.seed(20261130)

# Schools: size weights, location, intake, random effects.
size_w <- rlnorm(J, 0, 0.6)
urban <- rbinom(J, 1, 0.4)
school_ses <- round(rnorm(J, 0.2 * urban, 0.5), 3)
sd0 <- 0.6; sd1 <- 0.25; rho <- -0.3
z0 <- rnorm(J); z1 <- rnorm(J)
u0 <- sd0 * z0
u1 <- sd1 * (rho * z0 + sqrt(1 - rho^2) * z1)

# Pupils: one per school first, the rest by size weight.
s <- c(seq_len(J), sample.int(J, n - J, replace = TRUE, prob = size_w))
s <- s[sample.int(n)]
female <- rbinom(n, 1, 0.5)
age <- round(runif(n, -3, 4), 2)
ses <- round(school_ses[s] + rnorm(n, 0, 0.85), 3)
migrant <- rbinom(n, 1, plogis(-1.6 - 0.4 * ses + 0.5 * urban[s]))
homelang <- ifelse(migrant == 1, rbinom(n, 1, 0.6), rbinom(n, 1, 0.05))
retained <- rbinom(n, 1, plogis(-1.9 - 0.5 * ses + 0.3 * migrant))
gpa <- round(rnorm(n, 0.3 * ses - 0.4 * retained, 0.9), 3)
prior_abs <- round(log1p(rpois(n, exp(0.8 - 0.2 * ses + 0.3 * retained))), 4)
single_parent <- rbinom(n, 1, plogis(-1.4 - 0.3 * ses))
# Track: academic (ASO) more likely with higher SES and grades; vocational (BSO) less.
tr_eta <- cbind(ASO = 0, BSO = -1.0 - 0.8 * ses - 0.9 * gpa, KSO = -2.0 + 0.1 * ses, TSO = -0.3 - 0.4 * ses - 0.4 * gpa)
tr_p <- exp(tr_eta); tr_p <- tr_p / rowSums(tr_p)
cum <- tr_p %*% upper.tri(diag(4), diag = TRUE)
track <- colnames(tr_eta)[1L + rowSums(runif(n) > cum[, 1:3, drop = FALSE])]

eta <- -3.1 + 0.10 * female + 0.30 * age - 0.25 * ses + 0.20 * migrant + 0.15 * homelang + 0.45 * retained -
  0.40 * gpa + 0.55 * prior_abs + 0.30 * single_parent +
  c(ASO = 0, BSO = 0.80, KSO = 0.30, TSO = 0.40)[track] + 0.20 * urban[s] - 0.15 * school_ses[s] +
  u0[s] + u1[s] * ses
truancy <- rbinom(n, 1, plogis(eta))

d <- data.frame(school = sprintf("S%03d", s), truancy, female, age, ses, migrant, homelang, retained, gpa,
                prior_abs, single_parent, track, urban = urban[s], school_ses = school_ses[s])
write.csv(d, out, row.names = FALSE)
cat(sprintf("# %d pupils in %d schools, truancy rate %.3f\n", n, length(unique(s)), mean(truancy)), file = stderr())
