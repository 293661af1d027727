# Deterministic data for the GLM benchmark: a logistic model on n rows with 20 model-matrix columns
# (intercept, 16 numeric covariates, a 4-level factor -> 3 dummies).
#   Rscript Benchmarks/glm/make_data.R OUT.csv [n = 1e6]
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
n <- if (length(args) > 1) as.integer(args[2]) else 1000000L
set.seed(20261130)
p <- 16
x <- matrix(round(rnorm(n * p), 4), n, p, dimnames = list(NULL, paste0("x", 1:p)))
track <- factor(sample(c("ASO", "BSO", "KSO", "TSO"), n, replace = TRUE))
beta <- seq(-0.8, 0.8, length.out = p)
eta <- -0.5 + drop(x %*% beta) / 4 + c(ASO = 0, BSO = 0.6, KSO = 0.3, TSO = 0.4)[as.character(track)]
y <- rbinom(n, 1, plogis(eta))
d <- data.frame(y = y, x, track = track)
write.csv(d, out, row.names = FALSE, quote = FALSE)
