import LogviewCore

/// What turns a message into its template for the lint's `variable-messages` rule: the
/// template's bytes, and how many values were folded out of the message.
public protocol MessageTemplating: Sendable {
  func template(of message: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Int
}

/// Templates by `VariableText.fold`: each placeholder in the folded message that was not
/// written in the message itself is one value.
public struct FoldedTemplates: MessageTemplating {
  public init() {}

  public func template(of message: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Int {
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
