import Foundation
import Models
import Testing

/// Opt-in timing of the pupils-in-schools case (600 schools, 12 fixed effects, random-intercept logistic).
/// Does nothing unless `TRUANT_MIXED_BENCH_N` is set, e.g.
///
///     swift build -c release --build-tests -Xswiftc -enable-testing
///     TRUANT_MIXED_BENCH_N=1000000 OPENBLAS_NUM_THREADS=1 \
///       .build/release/TruantPackageTests.xctest --testing-library swift-testing --filter mixedBenchmark
///
/// Optional: `TRUANT_MIXED_BENCH_NAGQ` (default 1), `TRUANT_MIXED_BENCH_HESSIAN=1` for Hessian SEs,
/// `TRUANT_MIXED_BENCH_CLASSES=K` for K classes per school and `(1 | school/class)`.
@Test func mixedBenchmark() throws {
    let env = ProcessInfo.processInfo.environment
    guard let s = env["TRUANT_MIXED_BENCH_N"], let n = Int(s) else { return }
    var sim = MixedSimulation(seed: 42)
    let beta = [-1.0] + (1..<12).map { 0.1 * Double($0 % 5) - 0.2 }
    let classes = Int(env["TRUANT_MIXED_BENCH_CLASSES"] ?? "0") ?? 0
    let frame = classes > 0
        ? sim.logisticNested(schools: 600, classesPerSchool: classes, perClass: max(1, n / (600 * classes)), beta: beta,
                             schoolSD: 0.6, classSD: 0.4)
        : sim.logisticRandomIntercept(schools: 600, perSchool: max(1, n / 600), beta: beta, sd: 0.7)
    let hessian: Bool? = env["TRUANT_MIXED_BENCH_HESSIAN"].map { $0 == "1" }
    let nAGQ = Int(env["TRUANT_MIXED_BENCH_NAGQ"] ?? "1") ?? 1
    let start = Date()
    let fit = try GeneralizedLinearMixedModel(family: .binomial, nAGQ: nAGQ, hessianStandardErrors: hessian).fit(frame)
    let seconds = Date().timeIntervalSince(start)
    print("mixedBenchmark n=\(frame.nObs) nAGQ=\(nAGQ) seconds=\(seconds) evaluations=\(fit.optimizer.evaluations) "
          + "loglik=\(fit.logLikelihood) sds=\(fit.randomEffects.map(\.sd)) se=\(fit.standardErrorMethod)")
}
