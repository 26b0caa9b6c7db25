#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// The core avoids Foundation; these wrap the C math library so the rest of
// the module reads as plain Swift.

@inlinable func _log(_ x: Double) -> Double { log(x) }
@inlinable func _log1p(_ x: Double) -> Double { log1p(x) }
@inlinable func _exp(_ x: Double) -> Double { exp(x) }
@inlinable func _expm1(_ x: Double) -> Double { expm1(x) }
@inlinable func _cos(_ x: Double) -> Double { cos(x) }
@inlinable func _sin(_ x: Double) -> Double { sin(x) }
@inlinable func _floor(_ x: Double) -> Double { floor(x) }
@inlinable func _ceil(_ x: Double) -> Double { ceil(x) }
@inlinable func _erfc(_ x: Double) -> Double { erfc(x) }
