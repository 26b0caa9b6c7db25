/// The rule for spec strings that become file and folder names (an
/// experiment's name is the folder of its report): nothing that could
/// leave the output folder, hide a file or exceed a file system's limit.
public enum Identifier {
  /// The rule, in words, for error messages.
  public static let rule =
    "an identifier: ASCII letters, digits, '.', '_' or '-', not starting with '.', 1 to 100 characters"

  /// Whether `text` follows the rule.
  public static func isValid(_ text: String) -> Bool {
    guard (1...100).contains(text.utf8.count), !text.hasPrefix(".") else { return false }
    return text.utf8.allSatisfy { byte in
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
        || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E || byte == 0x5F || byte == 0x2D
    }
  }
}
