import ArgumentParser
import Foundation
import Reports

extension FitCommand {
    /// Writes the output to `--out` (atomically) or standard output.
    func emit(_ text: String) throws {
        if let problem = output.write(text) { throw fail(problem, code: 2) }
    }

    /// The common end of every fit (GLM, mixed, Cox): write the output, report the phase times when
    /// `--timings` asks, repeat the warnings on standard error when the output went to a file or is not
    /// text, and exit 1 when the fit did not converge (its output is still written).
    func finish(_ text: String, format: OutputFormat, warnings: [String], converged: Bool, clock: inout PhaseClock) throws {
        try emit(text)
        clock.lap("output")
        if timings { FileHandle.standardError.write(Data(clock.report.utf8)) }
        if format != .text || output.out != nil {
            for w in warnings { note("warning: \(w)") }
        }
        if !converged { throw ExitCode(1) }
    }
}
