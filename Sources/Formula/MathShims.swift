import Foundation

@inline(__always) func Foundation_log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func Foundation_log10(_ x: Double) -> Double { Foundation.log10(x) }
@inline(__always) func Foundation_log1p(_ x: Double) -> Double { Foundation.log1p(x) }
@inline(__always) func Foundation_exp(_ x: Double) -> Double { Foundation.exp(x) }
@inline(__always) func Foundation_pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
