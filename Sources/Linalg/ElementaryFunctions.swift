#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Natural logarithm from the C library (kept internal so `Linalg` needs no Foundation).
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
/// Exponential from the C library.
@inline(__always) func _exp(_ x: Double) -> Double { exp(x) }
