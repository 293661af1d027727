import ArgumentParser
import Foundation
import Frames
import Models

/// Output formats of the measurement commands (`scale`, `agreement`, `center`).
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    /// The printed summary.
    case text
    /// One JSON object.
    case json
}

/// Splits a comma-separated list of column names given to `option`; an empty name is an error.
func columnNames(_ list: String, option: String) throws -> [String] {
    let names = list.split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
    if let k = names.firstIndex(where: \.isEmpty) {
        throw MeasurementError.invalid("\(option) '\(list)': variable \(k + 1) is empty; write names separated by commas")
    }
    return names
}

/// Runs a measurement command's body; bad input (a data or measurement error) is printed with the
/// command's name and exits with status 2.
func runMeasurementCommand(_ command: String, _ body: () throws -> Void) rethrows {
    do {
        try body()
    } catch let error as FrameError {
        measurementFail("truant \(command): \(error.description)")
    } catch let error as MeasurementError {
        measurementFail("truant \(command): \(error.description)")
    }
}

/// Prints `message` on standard error and exits with status 2 (bad usage or bad input).
func measurementFail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    Foundation.exit(2)
}
