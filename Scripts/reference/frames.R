# Reference values for FramesTests, computed by R from the fixture files.
# Run from the repository root: Rscript Scripts/reference/frames.R
library(jsonlite)
dir <- "Tests/Fixtures/frames"

# 1. read.csv2 of a Flemish export (BOM, ';', decimal comma, CRLF).
fl <- read.csv2(file.path(dir, "flemish.csv"), fileEncoding = "UTF-8-BOM")
# 2. read.csv of pupils, group aggregate by school (na.rm = TRUE), join of schools.
p <- read.csv(file.path(dir, "pupils.csv"))
s <- read.csv(file.path(dir, "schools.csv"))
p$school[p$school == ""] <- NA
g <- sort(unique(p$school))
agg <- lapply(g, function(k) {
  x <- p$score[!is.na(p$school) & p$school == k]
  list(school = k, n = length(x), score_mean = mean(x, na.rm = TRUE),
       score_sd = sd(x, na.rm = TRUE), score_min = min(x, na.rm = TRUE), score_max = max(x, na.rm = TRUE))
})
m <- merge(p, s, by = "school", all.x = TRUE, sort = FALSE)
m <- m[order(m$pupil), ]
write_json(list(
  flemish = list(names = names(fl), classes = unname(sapply(fl, class)),
                 ph_ecog = fl[["ph.ecog"]], afwezig = fl$afwezig),
  aggregate = agg,
  join = list(pupil = m$pupil, size = m$size, urban = m$urban),
  score_mean = mean(p$score, na.rm = TRUE), score_sd = sd(p$score, na.rm = TRUE)
), file.path(dir, "reference.json"), digits = NA, auto_unbox = TRUE, na = "null")
