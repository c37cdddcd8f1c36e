import LogviewCore

/// A message's template for the lint's `variable-messages` rule, by `VariableText.fold`:
/// each placeholder in the folded message that was not written in the message itself is
/// one value folded out.
enum FoldedTemplates {
  /// Appends the template of `message` to `out`; returns the values folded out.
  static func template(of message: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Int {
    let start = out.count
    VariableText.fold(message, into: &out)
    return out.withUnsafeBytes { all in
      let template = UnsafeRawBufferPointer(rebasing: all[start...])
      if template.elementsEqual(message) { return 0 }
      return Self.placeholders(in: template) - Self.placeholders(in: message)
    }
  }

  /// How many placeholders `text` holds, told as patterns tell them.
  static func placeholders(in text: UnsafeRawBufferPointer) -> Int {
    var count = 0
    var i = 0
    while i < text.count {
      if let length = MessagePattern.placeholderLength(text, at: i) {
        count += 1
        i += length
      } else {
        i += 1
      }
    }
    return count
  }
}
