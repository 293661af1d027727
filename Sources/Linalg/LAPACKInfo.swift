/// Maps a LAPACK `info` code for an illegal argument to a thrown error.
///
/// LAPACKE also returns a negative `info` when an input matrix holds NaN (it checks before
/// calling LAPACK), so callers should screen user data for missing values first.
@inline(__always)
func checkArguments(_ info: Int32, _ routine: String) throws {
    if info < 0 { throw LinalgError.illegalArgument(routine: routine, argument: Int(-info)) }
}
