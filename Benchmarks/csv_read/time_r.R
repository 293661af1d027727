# Times read.csv on FILE (the call only), REPS times; prints "elapsed cpu" seconds per line
# (cpu = user + system of the R process during the call).
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]; reps <- as.integer(args[2])
for (r in seq_len(reps)) {
  t <- system.time(d <- read.csv(file))
  cat(sprintf("%.3f %.3f\n", t[["elapsed"]], t[["user.self"]] + t[["sys.self"]]))
}
cat(sprintf("# dim %d x %d\n", nrow(d), ncol(d)), file = stderr())
