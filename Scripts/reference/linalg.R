# Reference values for Tests/LinalgTests (Linalg module).
# Run from the repository root:  Rscript Scripts/reference/linalg.R
# Writes JSON fixtures into Tests/Fixtures/linalg/.
#
# Inputs that are not exactly representable in 15 significant digits are written as strings
# formatted with sprintf("%.17g"), which round-trip to the same double in Swift (Double(String)),
# so R and Swift factor bit-identical matrices. Expected values use jsonlite's digits = NA.
suppressPackageStartupMessages(library(jsonlite))
out <- "Tests/Fixtures/linalg"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
save <- function(x, name) write_json(x, file.path(out, name), digits = NA, auto_unbox = TRUE, pretty = TRUE)
exact <- function(m) sprintf("%.17g", as.vector(m))            # column-major, exact
cm <- function(m) list(rows = nrow(m), columns = ncol(m), data = as.vector(m))          # expected
cmx <- function(m) list(rows = nrow(m), columns = ncol(m), data = exact(m))             # input
info <- list(R = R.version.string, blas = extSoftVersion()[["BLAS"]], lapack = La_library())

# ---- products: %*% and crossprod --------------------------------------------------------
set.seed(20261130)
A <- matrix(round(rnorm(20), 6), 5, 4)
B <- matrix(round(rnorm(12), 6), 4, 3)
v <- round(rnorm(4), 6)
save(list(info = info, a = cmx(A), b = cmx(B), v = exact(v),
          ab = cm(A %*% B),              # A %*% B
          crossprod_a = cm(crossprod(A)),  # crossprod(A) = t(A) %*% A
          av = as.vector(A %*% v)),        # A %*% v
     "products.json")

# ---- Cholesky of near-singular matrices -----------------------------------------------
hilbert <- function(n) outer(seq_len(n), seq_len(n), function(i, j) 1 / (i + j - 1))
chol_case <- function(m) {
  r <- tryCatch(chol(m), error = function(e) conditionMessage(e))
  if (is.character(r)) {
    order <- as.integer(sub(".*leading minor of order ([0-9]+).*", "\\1", r))
    list(ok = FALSE, message = r, pivot = order)
  } else {
    list(ok = TRUE, logdet_chol = 2 * sum(log(diag(r))),           # 2 * sum(log(diag(chol(m))))
         logdet = as.numeric(determinant(m, logarithm = TRUE)$modulus),  # determinant(m, log = TRUE)
         upper = cm(r))
  }
}
hilb <- lapply(c(6, 8, 10, 12, 13, 14), function(n) c(list(n = n), chol_case(hilbert(n))))
# Exact log det of the Hilbert matrix: det H_n = c_n^4 / c_{2n}, c_n = prod_{i=1}^{n-1} i!
exact_logdet <- function(n) { lc <- function(k) sum(lfactorial(seq_len(k - 1))); 4 * lc(n) - lc(2 * n) }
for (i in seq_along(hilb)) hilb[[i]]$logdet_exact <- exact_logdet(hilb[[i]]$n)
# Covariances with a tiny positive and a tiny negative eigenvalue.
set.seed(7)
V <- qr.Q(qr(matrix(rnorm(36), 6)))
lam_small <- c(1, 0.5, 0.2, 0.1, 1e-3, 1e-13)
lam_neg <- c(1, 0.5, 0.2, 0.1, 1e-3, -1e-10)
mk <- function(lam) { s <- V %*% diag(lam) %*% t(V); (s + t(s)) / 2 }
S_small <- mk(lam_small); S_neg <- mk(lam_neg)
save(list(info = info, hilbert = hilb,
          cov_small = c(list(input = cmx(S_small), logdet_eigen = sum(log(lam_small))), chol_case(S_small)),
          cov_negative = c(list(input = cmx(S_neg)), chol_case(S_neg)),
          indefinite = c(list(input = cmx(matrix(c(4, 2, 2, 1, 2, 1, 2, 1, -3), 3))),
                         chol_case(matrix(c(4, 2, 2, 1, 2, 1, 2, 1, -3), 3)))),
     "cholesky.json")

# ---- QR with R's limited pivoting (dqrdc2) ------------------------------------------------
set.seed(42)
n <- 50
x1 <- round(rnorm(n), 6); x2 <- round(rnorm(n), 6); x3 <- round(runif(n), 6)
e1 <- round(rnorm(n), 6); e2 <- round(rnorm(n), 6)
X <- cbind("(Intercept)" = 1, x1 = x1, x2 = x2,
           x12 = x1 + x2,                     # exactly collinear with x1, x2
           x3 = x3,
           z = x1 - 2 * x3 + 1e-9 * e1,       # near-collinear: aliased at tol 1e-7, kept at 1e-11
           w = x2 + 1e-4 * e2)                # mildly collinear: kept at both
y <- round(1 + 2 * x1 - x2 + 0.5 * x3 + rnorm(n), 6)
qr_case <- function(tol) {
  q <- qr(X, tol = tol)                      # qr(X, tol = tol)  (LINPACK dqrdc2)
  k <- q$rank
  coef <- qr.coef(q, y)                      # qr.coef(q, y): NA for aliased columns
  list(tol = tol, rank = k, pivot = q$pivot - 1L,
       r = cm(qr.R(q)),                      # qr.R(q), pivoted column order
       qty = as.vector(qr.qty(q, y)),        # qr.qty(q, y)
       coef = ifelse(is.na(coef), "NA", sprintf("%.17g", coef)),
       fitted = as.vector(qr.fitted(q, y)), resid = as.vector(qr.resid(q, y)),
       unscaled_cov = cm(chol2inv(q$qr[seq_len(k), seq_len(k), drop = FALSE])))  # chol2inv(qr$qr[1:k,1:k])
}
fit <- lm.fit(X, y)                          # lm.fit(X, y)  (tol = 1e-7)
lmres <- list(coef = ifelse(is.na(fit$coefficients), "NA", sprintf("%.17g", fit$coefficients)),
              effects = unname(fit$effects), rank = fit$rank, pivot = fit$qr$pivot - 1L,
              residuals = unname(fit$residuals))
# Wide matrix (n < p) and a zero column.
W <- matrix(round(rnorm(15), 6), 3, 5)
qW <- qr(W)
Z <- cbind(1, 0, x1[1:6], x2[1:6])
qZ <- qr(Z)
# LAPACK full pivoting: qr(X, LAPACK = TRUE) calls dgeqp3 (it reports rank = ncol, no detection).
qL <- qr(X, LAPACK = TRUE)
save(list(info = info, x = cmx(X), y = exact(y), colnames = colnames(X),
          tol1e7 = qr_case(1e-7), tol1e11 = qr_case(1e-11), lm_fit = lmres,
          wide = list(x = cmx(W), rank = qW$rank, pivot = qW$pivot - 1L, r = cm(qr.R(qW))),
          zero_column = list(x = cmx(Z), rank = qZ$rank, pivot = qZ$pivot - 1L),
          lapack = list(pivot = qL$pivot - 1L, abs_diag_r = abs(diag(qr.R(qL))))),
     "qr.json")

# ---- eigen, SVD -----------------------------------------------------------------------------
set.seed(3)
M <- matrix(round(rnorm(36), 6), 6)
S <- crossprod(M) + diag(c(0, 1, 2, 3, 4, 5))
es <- eigen(S, symmetric = TRUE)            # eigen(S, symmetric = TRUE): values DEcreasing
G <- matrix(round(rnorm(40), 6), 8, 5)
sv <- svd(G)                                 # svd(G)
Sindef <- matrix(c(2, -1, 0, -1, 2, -1, 0, -1, -3), 3)
ei <- eigen(Sindef, symmetric = TRUE)
save(list(info = info, s = cmx(S), values = es$values, vectors = cm(es$vectors),
          indefinite = list(s = cmx(Sindef), values = ei$values),
          g = cmx(G), singular_values = sv$d, u = cm(sv$u), v = cm(sv$v)),
     "eigen_svd.json")

# ---- solve, inverse, determinant -----------------------------------------------------------
set.seed(11)
A <- matrix(round(rnorm(25), 6), 5)
b <- round(rnorm(5), 6)
Bm <- matrix(round(rnorm(10), 6), 5, 2)
dA <- determinant(A, logarithm = TRUE)       # determinant(A, logarithm = TRUE)
A2 <- A[, c(2, 1, 3, 4, 5)]                  # one column swap flips the sign
dA2 <- determinant(A2, logarithm = TRUE)
Sing <- matrix(c(1, 2, 3, 2, 4, 6, 1, 0, 1), 3)   # column 2 = 2 * column 1
msg <- tryCatch(solve(Sing), error = function(e) conditionMessage(e))
save(list(info = info, a = cmx(A), b = exact(b), bm = cmx(Bm),
          solve_b = as.vector(solve(A, b)),  # solve(A, b)
          solve_bm = cm(solve(A, Bm)),       # solve(A, Bm)
          inverse = cm(solve(A)),            # solve(A)
          det = det(A), logdet = list(modulus = as.numeric(dA$modulus), sign = dA$sign),
          a2_logdet = list(modulus = as.numeric(dA2$modulus), sign = dA2$sign),
          rcond = rcond(A),                  # rcond(A): 1-norm estimate via LU
          singular = list(a = cmx(Sing), message = msg, det = det(Sing),
                          index = as.integer(sub(".*U\\[([0-9]+),.*", "\\1", msg)))),
     "solve.json")

# ---- pivoted Cholesky (dpstrf) --------------------------------------------------------------
set.seed(5)
F <- matrix(round(rnorm(15), 6), 3, 5)
P <- crossprod(F)                            # 5x5, rank 3
pc <- suppressWarnings(chol(P, pivot = TRUE))   # chol(P, pivot = TRUE)
save(list(info = info, a = cmx(P), rank = attr(pc, "rank"), pivot = attr(pc, "pivot") - 1L,
          upper_leading = cm(pc[1:3, , drop = FALSE])),
     "pivoted_cholesky.json")
cat("wrote fixtures to", out, "\n")
