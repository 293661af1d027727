# Times read.csv on FILE (the call only), REPS times; prints one elapsed second count per line.
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]; reps <- as.integer(args[2])
for (r in seq_len(reps)) {
  t <- system.time(d <- read.csv(file))[["elapsed"]]
  cat(sprintf("%.3f\n", t))
}
cat(sprintf("# dim %d x %d\n", nrow(d), ncol(d)), file = stderr())
