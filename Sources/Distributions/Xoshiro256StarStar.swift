/// A seeded pseudo-random number generator: xoshiro256** seeded through SplitMix64.
///
/// **Algorithm.** xoshiro256** ("xor/shift/rotate" with a `**` scrambler) by David Blackman and
/// Sebastiano Vigna, "Scrambled linear pseudorandom number generators", ACM Transactions on Mathematical
/// Software 47(4), 2021 (reference C code at https://prng.di.unimi.it/, public domain). Its 256-bit state
/// `s0...s3` advances by
///
///     result = rotl(s1 * 5, 7) * 9
///     t = s1 << 17
///     s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)
///
/// (all arithmetic modulo 2⁶⁴); period 2²⁵⁶ − 1. The state is filled from a single `UInt64` seed by four
/// outputs of SplitMix64 (Guy L. Steele, Doug Lea and Christine H. Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014; constants as in Vigna's `splitmix64.c`), as the xoshiro authors recommend;
/// four consecutive SplitMix64 outputs are distinct, so the state is never all zero.
///
/// **Portability.** The generator uses only 64-bit integer arithmetic, so the same seed gives the same
/// `UInt64` stream on every machine and compiler. Rmath's own generators (`unif_rand`, `norm_rand`, ...)
/// are *not* used anywhere in Truant: in standalone Rmath they share one fixed global seed.
///
/// Conforms to `RandomNumberGenerator`, so it works with Swift's `Int.random(in:using:)`, `shuffled(using:)`
/// and with the draws in this module (`nextOpenUnit()`, `UnivariateDistribution.sample(using:)`, ...).
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable, Hashable {
    /// The four 64-bit words of state.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the generator from `seed` through SplitMix64 (the same seed always gives the same stream).
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// Advances the state by 2¹²⁸ steps (the authors' jump polynomial), as if `next()` had been called 2¹²⁸ times.
    ///
    /// Use it to split one seed into non-overlapping streams for parallel work: start from
    /// `Xoshiro256StarStar(seed:)`, hand a copy to worker 0, `jump()`, hand a copy to worker 1, and so on;
    /// each stream has 2¹²⁸ values before it reaches the next one.
    public mutating func jump() {
        let polynomial: [UInt64] = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C,
                                    0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3
                }
                _ = next()
            }
        }
        s0 = t0; s1 = t1; s2 = t2; s3 = t3
    }

    /// Two generators are equal when their states are equal (they will produce the same stream).
    public static func == (a: Self, b: Self) -> Bool {
        a.s0 == b.s0 && a.s1 == b.s1 && a.s2 == b.s2 && a.s3 == b.s3
    }

    /// Hashes the state.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(s0); hasher.combine(s1); hasher.combine(s2); hasher.combine(s3)
    }
}

/// Rotates `x` left by `k` bits.
@usableFromInline @inline(__always)
func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit counter with a strong output mix, used to seed
/// `Xoshiro256StarStar`. Also usable on its own as a small `RandomNumberGenerator`.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable, Hashable {
    /// The counter (advanced by the golden-ratio increment 0x9E3779B97F4A7C15 on every draw).
    public private(set) var state: UInt64

    /// Starts the counter at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
