import Simulation
import Testing

/// A run's work by accelerator type is stored as text and read back exactly.
@Suite struct TypeWorkShareTests {
  @Test func sharesReadBackExactlyInTheirOrder() throws {
    // 0.1 + 0.2 is not 0.3: the text must keep every bit.
    let shares = [
      TypeWorkShare(type: "H100-80GB-GCP", share: 0.1 + 0.2),
      TypeWorkShare(type: "MI300X", share: 0),
      TypeWorkShare(type: "H100-80GB", share: 1 - (0.1 + 0.2)),
    ]
    let text = TypeWorkShare.encode(shares)
    #expect(text == "H100-80GB-GCP=0.30000000000000004;MI300X=0.0;H100-80GB=0.7")
    #expect(TypeWorkShare.decode(text) == shares)
  }

  @Test func textNotInTheStoredFormIsRefused() {
    for text in ["", "H100", "H100=", "=0.5", "H100=x", "H100=0.5;", "H100=0.5=1"] {
      #expect(TypeWorkShare.decode(text) == nil, "\(text)")
    }
  }
}
