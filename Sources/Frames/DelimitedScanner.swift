/// Receives the cells of a delimited file from `DelimitedScanner`.
protocol CellVisitor {
    /// Cell `column` of the current record spans bytes `[start, end)`; `quoted` when it was enclosed in
    /// quotes (the range then excludes them), `escaped` when it holds doubled quotes `""`; `line` is
    /// the 1-based line the cell starts on.
    mutating func cell(_ column: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool, line: Int) throws
}

/// One pass over RFC 4180 records in a byte buffer: fields separated by a delimiter, records by
/// `\n`, `\r\n` or `\r`, fields optionally enclosed in `"` with `""` for a quote inside.
struct DelimitedScanner {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    let delimiter: UInt8
    let file: String
    /// Byte offset of the next record.
    var position: Int
    /// 1-based line number at `position`.
    var line: Int

    /// Scans one record, passing cells with index `< limit` to `visitor`; returns the number of
    /// fields and the line the record starts on, or `nil` at the end of the buffer. With
    /// `skipBlank`, empty lines are passed over.
    @inline(__always)
    mutating func record<V: CellVisitor>(_ visitor: inout V, limit: Int, skipBlank: Bool) throws -> (fields: Int, line: Int)? {
        let p = bytes, n = count, delim = delimiter
        let delimiterPattern = UInt64(delim) &* 0x0101_0101_0101_0101
        if skipBlank {
            while position < n && (p[position] == 0x0A || p[position] == 0x0D) {
                if p[position] == 0x0D && position + 1 < n && p[position + 1] == 0x0A { position += 1 }
                position += 1
                line += 1
            }
        }
        if position >= n { return nil }
        let recordLine = line
        var column = 0
        var pos = position
        while true {
            let cellLine = line
            var start = pos
            let end: Int
            var quoted = false
            var escaped = false
            if pos < n && p[pos] == 0x22 {
                quoted = true
                var j = pos + 1
                start = j
                while true {
                    while j < n && p[j] != 0x22 {
                        if p[j] == 0x0A { line += 1 }
                        j += 1
                    }
                    if j >= n {
                        throw FrameError.parse(file: file, line: cellLine, column: "field \(column + 1)",
                                               message: "a quoted field opened on this line is never closed; add the closing \" (a quote inside a quoted field is written \"\")")
                    }
                    if j + 1 < n && p[j + 1] == 0x22 { escaped = true; j += 2; continue }
                    break
                }
                end = j
                pos = j + 1
                if pos < n {
                    let c = p[pos]
                    if c != delim && c != 0x0A && c != 0x0D {
                        throw FrameError.parse(file: file, line: line, column: "field \(column + 1)",
                                               message: "unexpected character '\(Character(Unicode.Scalar(c)))' after a closing quote; quote the whole field and write a quote inside it as \"\"")
                    }
                }
            } else {
                let j = Self.fieldEnd(p, pos, n, delimiterPattern: delimiterPattern, delimiter: delim)
                end = j
                pos = j
            }
            if column < limit {
                try visitor.cell(column, start, end, quoted: quoted, escaped: escaped, line: cellLine)
            }
            column += 1
            if pos < n && p[pos] == delim { pos += 1; continue }
            if pos < n {
                if p[pos] == 0x0D && pos + 1 < n && p[pos + 1] == 0x0A { pos += 1 }
                pos += 1
                line += 1
            }
            position = pos
            return (column, recordLine)
        }
    }
}

extension DelimitedScanner {
    /// The first offset at or after `j` (before `n`) holding the delimiter, `\n` or `\r`, else `n`.
    /// Eight bytes at a time: a byte equal to `c` is a zero byte of `w ^ c`, and the lowest flagged
    /// byte of the zero-byte test `(x - 0x01..) & ~x & 0x80..` is always a true zero byte.
    @inline(__always)
    static func fieldEnd(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, delimiterPattern: UInt64, delimiter: UInt8) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        var j = start
        while j + 8 <= n {
            let w = UInt64(littleEndian: UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self))
            let a = w ^ delimiterPattern, b = w ^ 0x0A0A_0A0A_0A0A_0A0A, c = w ^ 0x0D0D_0D0D_0D0D_0D0D
            let m = (((a &- ones) & ~a) | ((b &- ones) & ~b) | ((c &- ones) & ~c)) & high
            if m != 0 { return j + m.trailingZeroBitCount >> 3 }
            j += 8
        }
        while j < n {
            let c = p[j]
            if c == delimiter || c == 0x0A || c == 0x0D { break }
            j += 1
        }
        return j
    }
}

/// Text checks on a whole buffer: NUL bytes and invalid UTF-8.
enum TextCheck {
    /// The first offset that is not UTF-8 text, with a reason, or `nil` when the buffer is text.
    static func firstProblem(_ p: UnsafePointer<UInt8>, _ n: Int) -> (offset: Int, reason: String)? {
        var i = 0
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        while i < n {
            if i + 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if w & high == 0 && ((w &- ones) & ~w & high) == 0 { i += 8; continue }
            }
            let b = p[i]
            if b == 0 { return (i, "a NUL byte at byte offset \(i): this looks like a binary file") }
            if b < 0x80 { i += 1; continue }
            var length = 0
            var scalar: UInt32 = 0
            var minimum: UInt32 = 0
            if b & 0xE0 == 0xC0 { length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80 }
            else if b & 0xF0 == 0xE0 { length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800 }
            else if b & 0xF8 == 0xF0 { length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000 }
            let bad = (i, "invalid UTF-8 byte 0x\(String(b, radix: 16, uppercase: true)) at byte offset \(i); is the file Latin-1 or Windows-1252?")
            if length == 0 || i + length > n { return bad }
            for k in 1..<length {
                let c = p[i + k]
                if c & 0xC0 != 0x80 { return bad }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return bad }
            i += length
        }
        return nil
    }

    /// The 1-based line holding byte `offset`.
    static func line(of offset: Int, _ p: UnsafePointer<UInt8>) -> Int {
        var line = 1
        for i in 0..<offset where p[i] == 0x0A { line += 1 }
        return line
    }
}
