# Reference values for the Distributions module (Truant).
#
# Run from the repository root:   Rscript Scripts/reference/distributions.R
# Writes Tests/Fixtures/distributions/rmath.json and Tests/Fixtures/distributions/ghrule.json.
#
# Numbers are written as "%.17g" strings (not JSON numbers): jsonlite's digits = NA keeps only 15
# significant digits, which turns inputs such as 1 - 1e-16 into 1 and would make the Swift tests
# evaluate at a different point than R did. Non-finite values are the strings "Inf", "-Inf", "NaN", "NA".
#
# R 4.2.2; R's d/p/q functions call the same Rmath code as the r-mathlib 4.2.2 library Truant links.
suppressPackageStartupMessages({ library(jsonlite); library(lme4) })

out_dir <- file.path("Tests", "Fixtures", "distributions")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
num <- function(v) sprintf("%.17g", v)

# Probabilities at which quantiles are checked, including the extreme tails asked for in the task.
probs <- c(0, 1e-300, 1e-100, 1e-16, 1e-10, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999,
           1 - 1e-10, 1 - 1e-16, 1)
# Log-probabilities (log.p = TRUE), including log p = -1000.
logprobs <- c(-Inf, -1e5, -1000, -50, -2, -log(2), -1e-5, -1e-20, 0)

# One case: a family, its parameters in Truant's naming, the points x, and R's d/p/q functions
# bound to those parameters. Every value is R's own, e.g. for the normal case:
#   dnorm(x, mean, sd, log = FALSE/TRUE); pnorm(x, mean, sd, lower.tail = T/F, log.p = F/T);
#   qnorm(probs, mean, sd, lower.tail = T/F); qnorm(logprobs, mean, sd, lower.tail = T/F, log.p = TRUE)
make_case <- function(family, params, x, d, p, q) {
  sw <- suppressWarnings
  list(
    family = family,
    params = lapply(params, num),
    x = num(x),
    density = num(sw(d(x, log = FALSE))),
    log_density = num(sw(d(x, log = TRUE))),
    cdf = num(sw(p(x, lower.tail = TRUE, log.p = FALSE))),
    survival = num(sw(p(x, lower.tail = FALSE, log.p = FALSE))),
    log_cdf = num(sw(p(x, lower.tail = TRUE, log.p = TRUE))),
    log_survival = num(sw(p(x, lower.tail = FALSE, log.p = TRUE))),
    p = num(probs),
    quantile_lower = num(sw(q(probs, lower.tail = TRUE, log.p = FALSE))),
    quantile_upper = num(sw(q(probs, lower.tail = FALSE, log.p = FALSE))),
    log_p = num(logprobs),
    quantile_log_lower = num(sw(q(logprobs, lower.tail = TRUE, log.p = TRUE))),
    quantile_log_upper = num(sw(q(logprobs, lower.tail = FALSE, log.p = TRUE)))
  )
}

cases <- list()
add <- function(case) cases[[length(cases) + 1L]] <<- case

# Normal(mean, sd)
zx <- c(-Inf, -1e5, -40, -38.5, -10, -3, -1.96, -1, 0, 0.5, 1, 1.96, 5, 8.3, 38, 40, 1e5, Inf)
for (pr in list(c(0, 1), c(3, 2.5), c(-1000, 1e-3), c(1e6, 1e4))) {
  m <- pr[1]; s <- pr[2]
  add(make_case("normal", list(mean = m, sd = s), m + s * zx,
    function(x, log) dnorm(x, m, s, log = log),
    function(x, lower.tail, log.p) pnorm(x, m, s, lower.tail, log.p),
    function(p, lower.tail, log.p = FALSE) qnorm(p, m, s, lower.tail, log.p)))
}

# Student t(df), including non-integer df
tx <- c(-Inf, -1e300, -1e10, -1e3, -50, -3, -1, -0.1, 0, 0.5, 2.5, 10, 1e5, 1e150, Inf)
for (df in c(0.3, 1, 2.5, 7, 30, 1e6)) {
  add(make_case("t", list(df = df), tx,
    function(x, log) dt(x, df, log = log),
    function(x, lower.tail, log.p) pt(x, df, lower.tail = lower.tail, log.p = log.p),
    function(p, lower.tail, log.p = FALSE) qt(p, df, lower.tail = lower.tail, log.p = log.p)))
}

# Chi-square(df)
cx <- c(-1, 0, 1e-300, 1e-10, 0.01, 0.5, 1, 3, 10, 100, 1e4, 1e6, Inf)
for (df in c(0.5, 1, 3, 10, 250)) {
  add(make_case("chisq", list(df = df), cx,
    function(x, log) dchisq(x, df, log = log),
    function(x, lower.tail, log.p) pchisq(x, df, lower.tail = lower.tail, log.p = log.p),
    function(p, lower.tail, log.p = FALSE) qchisq(p, df, lower.tail = lower.tail, log.p = log.p)))
}

# F(df1, df2)
fx <- c(-1, 0, 1e-200, 1e-5, 0.1, 0.5, 1, 3, 100, 1e10, Inf)
for (pr in list(c(1, 1), c(3, 12), c(2.5, 7.5), c(10, 1000))) {
  d1 <- pr[1]; d2 <- pr[2]
  add(make_case("f", list(df1 = d1, df2 = d2), fx,
    function(x, log) df(x, d1, d2, log = log),
    function(x, lower.tail, log.p) pf(x, d1, d2, lower.tail = lower.tail, log.p = log.p),
    function(p, lower.tail, log.p = FALSE) qf(p, d1, d2, lower.tail = lower.tail, log.p = log.p)))
}

# Binomial(size, prob) at integer points
for (pr in list(c(10, 0.3), c(1, 0.5), c(100, 0.01), c(1000, 0.999), c(50, 0), c(20, 1))) {
  n <- pr[1]; pp <- pr[2]
  bx <- sort(unique(c(-1, 0, 1, 2, 3, floor(n / 2), n - 1, n, n + 1)))
  add(make_case("binomial", list(size = n, prob = pp), bx,
    function(x, log) dbinom(x, n, pp, log = log),
    function(x, lower.tail, log.p) pbinom(x, n, pp, lower.tail = lower.tail, log.p = log.p),
    function(p, lower.tail, log.p = FALSE) qbinom(p, n, pp, lower.tail = lower.tail, log.p = log.p)))
}

# Poisson(lambda) at integer points
for (lambda in c(0.5, 3, 100, 1e4)) {
  px <- c(-1, 0, 1, 2, 5, 10, 50, 99, 100, 200, 1000, 9000, 10000, 11000, 1e6)
  add(make_case("poisson", list(lambda = lambda), px,
    function(x, log) dpois(x, lambda, log = log),
    function(x, lower.tail, log.p) ppois(x, lambda, lower.tail = lower.tail, log.p = log.p),
    function(p, lower.tail, log.p = FALSE) qpois(p, lambda, lower.tail = lower.tail, log.p = log.p)))
}

# Gamma(shape, scale)
gx <- c(-1, 0, 1e-300, 1e-10, 0.1, 1, 5, 50, 1e3, 1e6, Inf)
for (pr in list(c(0.5, 1), c(2, 3), c(100, 0.01), c(1e-3, 1), c(7.5, 1e4))) {
  a <- pr[1]; s <- pr[2]
  add(make_case("gamma", list(shape = a, scale = s), gx,
    function(x, log) dgamma(x, shape = a, scale = s, log = log),
    function(x, lower.tail, log.p) pgamma(x, shape = a, scale = s, lower.tail = lower.tail, log.p = log.p),
    function(p, lower.tail, log.p = FALSE) qgamma(p, shape = a, scale = s, lower.tail = lower.tail, log.p = log.p)))
}

# Beta(shape1, shape2)
bex <- c(-0.5, 0, 1e-300, 1e-10, 0.01, 0.3, 0.5, 0.99, 1 - 1e-12, 1, 2)
for (pr in list(c(0.5, 0.5), c(2, 5), c(1, 1), c(30, 0.2), c(1e3, 2e3))) {
  a <- pr[1]; b <- pr[2]
  add(make_case("beta", list(shape1 = a, shape2 = b), bex,
    function(x, log) dbeta(x, a, b, log = log),
    function(x, lower.tail, log.p) pbeta(x, a, b, lower.tail = lower.tail, log.p = log.p),
    function(p, lower.tail, log.p = FALSE) qbeta(p, a, b, lower.tail = lower.tail, log.p = log.p)))
}

# Exponential(rate)
ex <- c(-1, 0, 1e-300, 1e-10, 0.1, 1, 5, 50, 800, 1e6, Inf)
for (rate in c(1, 0.25, 40)) {
  add(make_case("exponential", list(rate = rate), ex,
    function(x, log) dexp(x, rate, log = log),
    function(x, lower.tail, log.p) pexp(x, rate, lower.tail = lower.tail, log.p = log.p),
    function(p, lower.tail, log.p = FALSE) qexp(p, rate, lower.tail = lower.tail, log.p = log.p)))
}

# Weibull(shape, scale)
for (pr in list(c(1.5, 2), c(0.5, 1), c(8, 100))) {
  k <- pr[1]; s <- pr[2]
  add(make_case("weibull", list(shape = k, scale = s), ex,
    function(x, log) dweibull(x, k, s, log = log),
    function(x, lower.tail, log.p) pweibull(x, k, s, lower.tail = lower.tail, log.p = log.p),
    function(p, lower.tail, log.p = FALSE) qweibull(p, k, s, lower.tail = lower.tail, log.p = log.p)))
}

# Logistic(location, scale)
for (pr in list(c(0, 1), c(-2, 0.5))) {
  m <- pr[1]; s <- pr[2]
  add(make_case("logistic", list(location = m, scale = s), m + s * zx,
    function(x, log) dlogis(x, m, s, log = log),
    function(x, lower.tail, log.p) plogis(x, m, s, lower.tail = lower.tail, log.p = log.p),
    function(p, lower.tail, log.p = FALSE) qlogis(p, m, s, lower.tail = lower.tail, log.p = log.p)))
}

# Negative binomial(size, mu) at integer points
for (pr in list(c(1.5, 4), c(0.2, 10), c(50, 0.3), c(3, 1e3))) {
  th <- pr[1]; mu <- pr[2]
  nx <- c(-1, 0, 1, 2, 5, 10, 50, 200, 1000, 5000, 1e5)
  add(make_case("negbin", list(size = th, mu = mu), nx,
    function(x, log) dnbinom(x, size = th, mu = mu, log = log),
    function(x, lower.tail, log.p) pnbinom(x, size = th, mu = mu, lower.tail = lower.tail, log.p = log.p),
    function(p, lower.tail, log.p = FALSE) qnbinom(p, size = th, mu = mu, lower.tail = lower.tail, log.p = log.p)))
}

write_json(list(r_version = R.version.string, cases = cases),
           file.path(out_dir, "rmath.json"), auto_unbox = TRUE, pretty = FALSE)

# Gauss-Hermite rules for the standard normal weight: lme4::GHrule(k) (columns z, w, ldnorm).
gh <- lapply(c(1, 2, 3, 7, 10, 25, 50, 100), function(k) {
  r <- lme4::GHrule(k)
  list(k = k, z = num(r[, "z"]), w = num(r[, "w"]))
})
write_json(list(lme4_version = as.character(packageVersion("lme4")), rules = gh),
           file.path(out_dir, "ghrule.json"), auto_unbox = TRUE, pretty = FALSE)
cat("wrote", length(cases), "distribution cases and", length(gh), "Gauss-Hermite rules\n")
