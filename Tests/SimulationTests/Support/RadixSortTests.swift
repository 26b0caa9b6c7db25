import Testing

@testable import Simulation

/// The radix sort must give `sort()`'s result bit for bit: the workload's
/// arrival order and the completion-time percentiles depend on it.
@Suite struct RadixSortTests {
  /// Bit patterns, so −0 and +0 (equal under `==`) are told apart.
  static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

  @Test(arguments: [0, 1, 65, 1000, 50_000])
  func randomValuesSortAsSortDoes(count: Int) {
    var rng = Xoshiro256StarStar(seed: UInt64(count) + 7)
    // Wide magnitudes, both signs, many ties (a coarse grid), and values
    // that share high digits (all in [0, 720)).
    let values: [Double] = (0..<count).map { i in
      let u = rng.nextUnit()
      switch i % 4 {
      case 0: return u * 720
      case 1: return ((u * 20).rounded() - 10) / 4
      case 2: return (u - 0.5) * 1e300
      default: return (u - 0.5) * 1e-300
      }
    }
    var radix = values
    radix.radixSort()
    #expect(Self.bits(radix) == Self.bits(values.sorted()))
  }

  @Test func signedZerosKeepTheirOrderAndInfinitiesTheirPlace() {
    let values = (0..<100).flatMap { i -> [Double] in
      i % 2 == 0 ? [-0.0, 0.0, .infinity, -.infinity, 1] : [0.0, -0.0, -1, Double.leastNonzeroMagnitude]
    }
    var radix = values
    radix.radixSort()
    #expect(Self.bits(radix) == Self.bits(values.sorted()))
  }

  @Test func aNaNFallsBackToSort() {
    var values = (0..<100).map { Double(100 - $0) }
    values[50] = .nan
    var radix = values
    radix.radixSort()
    #expect(Self.bits(radix) == Self.bits(values.sorted()))
  }

  @Test func valuesSharingTheirHighDigitsSortInOrder() {
    var values = (0..<200).map { 300 + Double($0 % 7) }
    let expected = values.sorted()
    values.radixSort()
    #expect(values == expected)
  }
}
