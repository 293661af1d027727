# Deterministic benchmark data for CSV reading: N rows (default 1e6) x 25 columns
# (10 integer, 12 double, 3 string) with a few missing values, written by write.csv.
# Usage: Rscript make_data.R OUT.csv [N]
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
n <- if (length(args) > 1) as.integer(args[2]) else 1000000L
set.seed(20261130)
d <- data.frame(id = seq_len(n))
for (k in 1:9) d[[paste0("i", k)]] <- sample.int(1000L * k, n, replace = TRUE)
for (k in 1:12) d[[paste0("x", k)]] <- round(rnorm(n, mean = k, sd = k), (k %% 6) + 2)
d$school <- sprintf("S%04d", sample.int(2000L, n, replace = TRUE))
d$track <- sample(c("ASO", "TSO", "BSO", "KSO"), n, replace = TRUE)
d$city <- sample(c("Gent", "Antwerpen", "Brussel", "Leuven", "Brugge, West"), n, replace = TRUE)
d$x3[sample.int(n, n %/% 100)] <- NA
d$i2[sample.int(n, n %/% 200)] <- NA
write.csv(d, out, row.names = FALSE)
