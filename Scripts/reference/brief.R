# Reference values for the brief's predicted probabilities (Tests/ReportsTests/BriefReferenceTests.swift).
# Run: Rscript Scripts/reference/brief.R   (R 4.2.2, mlmRev, jsonlite)
library(jsonlite)
data(Contraception, package = "mlmRev")
fit <- glm(use ~ age + I(age^2) + urban + livch, family = binomial(link = "logit"), data = Contraception)
profiles <- data.frame(age = c(0, 0, -5.5599), urban = factor(c("Y", "N", "Y"), levels = c("N", "Y")),
                       livch = factor(c("3+", "0", "1"), levels = c("0", "1", "2", "3+")))
p <- predict(fit, newdata = profiles, type = "link", se.fit = TRUE)
z <- qnorm(0.975)
# Difference of probabilities between profiles 1 and 2 by the delta method, written out here from the
# model matrix so that it checks the Swift code independently: grad = dlogis(eta1) x1 - dlogis(eta2) x2.
X <- model.matrix(delete.response(terms(fit)), profiles)
g <- dlogis(p$fit[1]) * X[1, ] - dlogis(p$fit[2]) * X[2, ]
d <- plogis(p$fit[1]) - plogis(p$fit[2])
se_d <- sqrt(drop(t(g) %*% vcov(fit) %*% g))
out <- list(
  call = "predict(glm(use ~ age + I(age^2) + urban + livch, binomial, mlmRev::Contraception), newdata, type = 'link', se.fit = TRUE)",
  profiles = lapply(seq_len(nrow(profiles)), function(i) as.list(X[i, colnames(X) != "(Intercept)"])),
  eta = unname(p$fit), se = unname(p$se.fit),
  probability = unname(plogis(p$fit)), low = unname(plogis(p$fit - z * p$se.fit)), high = unname(plogis(p$fit + z * p$se.fit)),
  difference = d, difference_low = d - z * se_d, difference_high = d + z * se_d)
write_json(out, "Tests/Fixtures/brief/contraception_predict.json", digits = NA, auto_unbox = TRUE)
