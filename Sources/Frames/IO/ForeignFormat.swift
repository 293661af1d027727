#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A binary data-file format Truant reads through ReadStat or SQLite, recognised by extension and by
/// the file's first bytes ("magic").
public enum ForeignFormat: String, Sendable, Equatable, CaseIterable {
    /// SPSS system file (`.sav`; `.zsav` is the compressed variant). Starts with `$FL2` or `$FL3`.
    case spss
    /// SPSS portable file (`.por`): text with `SPSSPORT` after a 200-character header.
    case spssPortable
    /// Stata `.dta`, versions 102–119: a version byte (old formats) or `<stata_dta>` (117 and later).
    case stata
    /// SAS data set (`.sas7bdat`), recognised by its 32-byte magic number.
    case sas7bdat
    /// SAS transport file (`.xpt`, XPORT version 5 or 8): starts with `HEADER RECORD*******LIB`.
    case sasTransport
    /// SQLite 3 database: starts with `SQLite format 3` and a NUL byte.
    case sqlite

    /// The name people know the format by, for messages ("an SPSS file").
    public var displayName: String {
        switch self {
        case .spss: return "SPSS"
        case .spssPortable: return "SPSS portable"
        case .stata: return "Stata"
        case .sas7bdat: return "SAS"
        case .sasTransport: return "SAS transport"
        case .sqlite: return "SQLite"
        }
    }

    /// The format a file name's extension promises (case-insensitive), or `nil` for other extensions.
    /// `.db`, `.sqlite` and `.sqlite3` mean SQLite.
    public static func byExtension(_ path: String) -> ForeignFormat? {
        switch pathExtensionLowercased(path) {
        case "sav", "zsav": return .spss
        case "por": return .spssPortable
        case "dta": return .stata
        case "sas7bdat": return .sas7bdat
        case "xpt", "xport": return .sasTransport
        case "db", "sqlite", "sqlite3": return .sqlite
        default: return nil
        }
    }

    /// The format the bytes at the start of a file show, or `nil` when they match none of these formats.
    public static func sniff(_ head: [UInt8]) -> ForeignFormat? {
        func starts(_ s: String) -> Bool {
            let b = Array(s.utf8)
            return head.count >= b.count && Array(head[0..<b.count]) == b
        }
        if starts("$FL2") || starts("$FL3") { return .spss }
        if starts("SQLite format 3\u{0}") { return .sqlite }
        if starts("<stata_dta>") { return .stata }
        if starts("HEADER RECORD*******LIB") { return .sasTransport }
        if head.count >= 32 && Array(head[12..<32]) == sas7bdatMagicTail && head[0..<12].allSatisfy({ $0 == 0 }) {
            return .sas7bdat
        }
        // Old Stata (versions 102–116): version byte, byte order (1 = big, 2 = little endian), file type 1.
        if head.count >= 4, (102...116).contains(head[0]), head[1] == 1 || head[1] == 2, head[2] == 1 {
            return .stata
        }
        if head.count >= 464, containsSPSSPORT(head) { return .spssPortable }
        return nil
    }

    /// The format of the file at `path`, checked against its extension.
    ///
    /// Returns the format when extension and content agree (or when an unknown extension hides a file
    /// whose first bytes identify it), and `nil` for a file that is none of these formats and does not
    /// claim to be one (e.g. a CSV text file). Throws `FrameError.unreadable` when the file cannot be
    /// opened, and `FrameError.invalid` with a sentence such as
    /// `x.sav: not an SPSS file (it starts like a CSV text file)` when the content contradicts the
    /// extension. An empty `.db`/`.sqlite` file counts as an (empty) SQLite database, as SQLite treats it.
    public static func detect(path: String) throws -> ForeignFormat? {
        let head = try readHead(path: path, count: 512)
        let claimed = byExtension(path)
        let found = sniff(head)
        if claimed == .sqlite && head.isEmpty { return .sqlite }
        guard let claimed else { return found }
        if found == claimed { return claimed }
        let article = claimed == .spss || claimed == .spssPortable || claimed == .sas7bdat || claimed == .sasTransport
            || claimed == .sqlite ? "an" : "a"
        let what = claimed == .sqlite ? "\(claimed.displayName) database" : "\(claimed.displayName) file"
        throw FrameError.invalid("\(path): not \(article) \(what) (\(describe(head, found: found))); check the file, or give it the extension of what it holds")
    }

    /// Words for what a file's first bytes look like, for the "not an SPSS file (...)" message.
    static func describe(_ head: [UInt8], found: ForeignFormat?) -> String {
        if head.isEmpty { return "the file is empty" }
        if let found {
            return found == .sqlite ? "it is an SQLite database" : "it is \(found == .stata ? "a" : "an") \(found.displayName) file"
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "it is a ZIP archive, e.g. an Excel .xlsx workbook" }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return "it is an old Microsoft Office file, e.g. an Excel .xls workbook" }
        if head.starts(with: [0x1F, 0x8B]) { return "it is gzip-compressed" }
        if head.starts(with: Array("%PDF".utf8)) { return "it is a PDF document" }
        var text = head
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
        let printable = text.allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || $0 >= 32 }
        if printable {
            let lower = String(decoding: text.prefix(64), as: UTF8.self).lowercased()
            if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") { return "it starts like an HTML page" }
            if lower.hasPrefix("<?xml") { return "it starts like an XML file" }
            if lower.hasPrefix("{") || lower.hasPrefix("[") { return "it starts like a JSON text file" }
            let firstLine = text.prefix { $0 != 10 && $0 != 13 }
            if firstLine.contains(9) { return "it starts like a tab-separated text file" }
            if firstLine.contains(UInt8(ascii: ",")) || firstLine.contains(UInt8(ascii: ";")) { return "it starts like a CSV text file" }
            return "it starts like a text file"
        }
        return "its first bytes match no known data format"
    }

    /// The first `count` bytes of the file (fewer when the file is shorter).
    static func readHead(path: String, count: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw FrameError.unreadable(file: path, reason: posixErrorReason(errno)) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw FrameError.unreadable(file: path, reason: "it is a directory, not a file")
        }
        var buf = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = buf.withUnsafeMutableBytes { p in read(fd, p.baseAddress! + got, count - got) }
            if n < 0 { throw FrameError.unreadable(file: path, reason: posixErrorReason(errno)) }
            if n == 0 { break }
            got += n
        }
        return Array(buf[0..<got])
    }

    private static let sas7bdatMagicTail: [UInt8] = [
        0xC2, 0xEA, 0x81, 0x60, 0xB3, 0x14, 0x11, 0xCF, 0xBD, 0x92, 0x08, 0x00, 0x09, 0xC7, 0x31, 0x8C, 0x18, 0x1F, 0x10, 0x11,
    ]

    private static func containsSPSSPORT(_ head: [UInt8]) -> Bool {
        let key = Array("SPSSPORT".utf8)
        guard head.count >= key.count else { return false }
        for i in 0...(head.count - key.count) where head[i] == key[0] && Array(head[i..<(i + key.count)]) == key { return true }
        return false
    }
}

/// The lower-cased extension of the last path component ("" when there is none).
func pathExtensionLowercased(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: ".") else { return "" }
    return String(name[name.index(after: dot)...]).lowercased()
}

/// A short reason for a failed system call, in the words people search for.
func posixErrorReason(_ code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file"
    case EACCES, EPERM: return "permission denied"
    case EISDIR: return "it is a directory, not a file"
    case ENOTDIR: return "a part of the path is not a directory"
    case ENOSPC: return "no space left on the device"
    case EROFS: return "the file system is read-only"
    default: return String(cString: strerror(code))
    }
}
