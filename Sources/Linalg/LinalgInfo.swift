#if canImport(Glibc)
import Glibc
#endif
internal import CLapack

/// What the numerical back end is: the OpenBLAS build and the kernels it chose at load time,
/// and a hint when those kernels are much slower than the CPU allows.
public enum LinalgInfo {
    /// The OpenBLAS kernel family selected at load time (e.g. "Haswell", "SkylakeX", "Prescott").
    public static var coreName: String { BLAS.coreName }

    /// OpenBLAS's build description (version, options, core), from `openblas_get_config()`.
    public static var configuration: String {
        guard let p = openblas_get_config() else { return "" }
        return String(cString: p)
    }

    /// Number of OpenBLAS threads in use.
    public static var threads: Int { BLAS.threads }

    /// The CPU feature flags of the first processor in `/proc/cpuinfo` (empty where unavailable).
    public static var cpuFlags: Set<String> {
        guard let text = readSmallFile("/proc/cpuinfo") else { return [] }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingSpaces
            if key == "flags" {
                return Set(parts[1].split(separator: " ").map(String.init))
            }
        }
        return []
    }

    /// A one-line hint for standard error when OpenBLAS chose its generic "Prescott" (SSE3) kernels
    /// on a CPU that has AVX2 (Debian's OpenBLAS 0.3.21 does so on some newer Xeons: about 5x slower
    /// matrix products), or `nil` when there is nothing to say.
    public static var kernelHint: String? { kernelHint(coreName: coreName, cpuFlags: cpuFlags) }

    /// The hint for a given core name and CPU flag set (the testable rule behind `kernelHint`).
    public static func kernelHint(coreName: String, cpuFlags: Set<String>) -> String? {
        guard coreName.lowercased() == "prescott", cpuFlags.contains("avx2") else { return nil }
        let suggestion = cpuFlags.contains("avx512f") ? "SkylakeX" : "Haswell"
        return "note: OpenBLAS selected its generic Prescott kernels on a CPU with AVX2; matrix products may be ~5x slower. "
            + "Start truant with OPENBLAS_CORETYPE=\(suggestion) in the environment to use the faster kernels."
    }

    /// Reads a small text file with the C library (no Foundation); `nil` if it cannot be opened.
    static func readSmallFile(_ path: String) -> String? {
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count < 4 << 20 {
            let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if got <= 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}
