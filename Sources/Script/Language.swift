/// The analysis language of Truant: a small, R-like language for scripts (`truant run`), the REPL
/// (`truant repl`) and notebooks (`truant render`). This is its reference.
///
/// ## Values
/// `NULL`; vectors of logicals (`TRUE`, `FALSE`, `NA`), integers (`1L`, `1:3`), doubles (`2.5`, `1e-3`,
/// `Inf`, `NaN`, `NA_real_`), strings (`"a"`, `'b'`, with `\n \t \\ \" \u00e9` escapes) and factors;
/// named lists (`list(a = 1)`); tables (R's data.frame); formulas (`y ~ x + (1 | school)`); functions;
/// and library objects (fitted models, families, scale reports) that print as R prints them and give
/// fields with `$` (`fit$aic`, `support$alpha`).
///
/// ## Syntax (R's grammar and precedence)
/// Assignment `<-`, `=`, `<<-`, `->`; arithmetic `+ - * / ^ %% %/%` with R's recycling (a warning when
/// lengths do not divide) and integer overflow to NA; comparison `== != < > <= >=` (not chained);
/// `! & | && ||` with three-valued logic; `%in%`; ranges `:`; the pipe `x |> f(y)` (= `f(x, y)`);
/// calls with positional, named and partially named arguments and `...`; indexing `x[i]`, `x[-i]`,
/// `x[mask]`, `x["name"]`, `x[[i]]`, `d[rows, cols]`, `d$col`, and assignment into all of them and
/// into `names(x)`; `if`/`else` (at the top level `else` goes on the line of the closing `}`),
/// `for`, `while`, `repeat`, `break`, `next`, `function(x, y = 2) ...`, `\(x) ...`, `return()`;
/// comments `#`. Line ends end statements except inside `( )` and `[ ]` or after an operator.
///
/// A formula is everything from its left side up to the end of the expression (a `,` or closing
/// bracket outside brackets, `|>`, a comment or a line end not after an operator). Its text is kept
/// verbatim and parsed by `Formula`, so formula errors point into the script.
///
/// ## Built-ins
/// `help()` lists them by topic and `help(name)` documents each. Names follow R where R has the
/// function (`c`, `seq`, `rep`, `mean`, `sd`, `quantile`, `table`, `summary`, `head`, `subset`,
/// `transform`, `merge`, `factor`, `relevel`, `paste`, `glm`, `coef`, `confint`, `vcov`, `fitted`,
/// `residuals`, `predict`, `AIC`, `BIC`, `logLik`, `coxph`, `survfit`, `alpha`), with R's argument
/// names. Where R's name would mislead, Truant's own names (snake_case) are used and documented:
///
/// - `read_csv(file)`, `read_data(file)` (CSV/SPSS/Stata/SAS/`sqlite:PATH?table=T`), `read_sqlite`,
///   `write_csv(x, file, overwrite = FALSE)`, `write_data` — files are never overwritten silently;
/// - `data_frame(a = ..., b = ...)` (R's `data.frame(..., stringsAsFactors = FALSE)`);
/// - `subset(d, condition, select)` and `transform(d, new = expression)` evaluate the expressions with
///   the table's columns as variables (each `transform` expression sees the columns made before it);
/// - `group_summary(d, by = "school", n = length(id), mean_x = mean(x))`: one row per group, sorted by
///   the keys, each expression computed on the group's rows (R's `aggregate`, dplyr's `summarise`);
/// - `merge(x, y, by, all.x = FALSE)` and `left_join(x, y, by)` say how many rows found no match;
/// - `describe(d)`: per column type, n, missing, mean, sd, min, max, levels;
/// - `agreement(d, vars, group, options)` and `icc(x, group)` for school-level agreement;
/// - `set_seed(n)` (the seed goes into the provenance record), `runif`, `rnorm`, `rbinom`, `sample`,
///   `simulate_cohort(seed, schools, pupils)`.
///
/// `confint()` gives Wald intervals (R's `confint.default`); R's `confint` on a glm profiles the
/// likelihood. Mixed models (`lmer`, `glmer`) arrive with the mixed-model engine.
///
/// ## Output and errors
/// Visible top-level values print as R prints them: `[1]`-prefixed vectors wrapped at the line
/// width, named vectors, factors with `Levels:`, lists, tables (wrapped to the width; more than 20
/// rows show the first 10), model printouts and summaries. Warnings follow the statement that caused
/// them. Every error names the script, line and column, shows the line with a caret under the place
/// and gives a hint ("did you mean ..." for unknown names, functions, arguments and columns).
/// The same script with the same inputs prints the same bytes.
public enum ScriptLanguage {
    /// The file extension of scripts.
    public static let fileExtension = "truant"
}
