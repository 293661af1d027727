import Foundation
import Frames

/// Where the numbers in a brief come from: the data file, its fingerprint, the date and the software.
public struct Provenance: Sendable, Equatable, Codable {
    /// The data file's name as given.
    public var dataFile: String
    /// SHA-256 of the file's bytes.
    public var sha256: String
    /// Date the brief was produced (ISO 8601, supplied by the caller so output is reproducible).
    public var date: String
    /// Truant version.
    public var truantVersion: String

    /// Creates the record from its parts.
    public init(dataFile: String, sha256: String, date: String, truantVersion: String) {
        self.dataFile = dataFile
        self.sha256 = sha256
        self.date = date
        self.truantVersion = truantVersion
    }

    /// Reads the file at `path` and fingerprints it; throws `BriefError.invalid` naming the file when it cannot be read.
    public init(file path: String, date: String, truantVersion: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BriefError.invalid("cannot read the data file '\(path)' to fingerprint it; check the path")
        }
        self.init(dataFile: (path as NSString).lastPathComponent, sha256: SHA256.hex(data), date: date, truantVersion: truantVersion)
    }

    enum CodingKeys: String, CodingKey { case dataFile = "data_file", sha256, date, truantVersion = "truant_version" }
}
