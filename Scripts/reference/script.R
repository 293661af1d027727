# Reference output for the analysis language (Tests/ScriptTests): R's printed output for the same
# computations the tests run in truant, and numbers for the model built-ins.
# Run from the repository root: Rscript Scripts/reference/script.R
library(jsonlite)
out <- "Tests/Fixtures/script"
d <- read.csv("Tests/Fixtures/glm/contraception_logit.csv", stringsAsFactors = TRUE)
# glm(use ~ age + I(age^2) + urban + livch, family = binomial, data = d)
fit <- glm(use ~ age + I(age^2) + urban + livch, family = binomial, data = d)
ci <- confint.default(fit)
# probit link, as glm(..., family = binomial(link = "probit"))
fitp <- glm(use ~ age + urban, family = binomial(link = "probit"), data = d)
write_json(list(
  coef = unname(coef(fit)), names = names(coef(fit)),
  conf_low = unname(ci[, 1]), conf_high = unname(ci[, 2]),
  aic = AIC(fit), bic = BIC(fit), loglik = as.numeric(logLik(fit)), deviance = deviance(fit), nobs = nobs(fit),
  fitted_head = unname(head(fitted(fit))), pearson_head = unname(head(residuals(fit, "pearson"))),
  probit_coef = unname(coef(fitp))
), file.path(out, "contraception_glm.json"), digits = NA, auto_unbox = TRUE)
# Printed output of print.glm for the probit fit (compare text).
writeLines(capture.output(print(fitp)), file.path(out, "probit_print.txt"))
# Group summaries: aggregate(age ~ urban, d, mean) and table(d$urban, d$use)
agg <- aggregate(age ~ urban, data = d, FUN = mean)
write_json(list(urban = agg$urban, mean_age = agg$age,
                table = as.vector(table(d$urban, d$use))),
           file.path(out, "contraception_groups.json"), digits = NA, auto_unbox = TRUE)
writeLines(capture.output(print(table(urban = d$urban, use = d$use))), file.path(out, "table_print.txt"))
writeLines(capture.output(print(summary(d$age))), file.path(out, "summary_age.txt"))
writeLines(capture.output(print(head(d[, c("woman", "use", "age", "urban")]))), file.path(out, "head_print.txt"))
# summary.data.frame layout: numbers, text, factor, logical and integer columns with missing values
s <- data.frame(x = c(1.5, NA, 3, 10), s = c("a", NA, "ccc", "a"), f = factor(c("u", "v", NA, "u")),
                b = c(TRUE, FALSE, NA, TRUE), i = c(1L, 2L, 3L, 4L))
writeLines(capture.output(print(summary(s))), file.path(out, "summary_data_frame.txt"))
# predict(fit, newdata, type = "response") for new rows (one with a missing age)
nd <- data.frame(age = c(-5, 10, NA), urban = c("Y", "N", "Y"), livch = c("0", "3+", "1"))
write_json(list(predict_response = unname(predict(fit, nd, type = "response")[1:2]),
                predict_link = unname(predict(fit, nd)[1:2])),
           file.path(out, "contraception_predict.json"), digits = NA, auto_unbox = TRUE)
