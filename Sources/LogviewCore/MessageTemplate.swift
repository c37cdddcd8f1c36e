/// Renders Serilog message templates ("{User} logged in after {Elapsed:0.00} ms") with the
/// record's own properties, as CLEF `@mt` requires.
enum MessageTemplate {
  static func render(_ template: [UInt8], properties: JSONValue) -> [UInt8] {
    // CLEF's @r holds the renderings of tokens with a format (":0.00"), in template order.
    var renderings: [JSONValue] = []
    properties.member("@r")?.forEachElement { element in
      renderings.append(element)
      return true
    }
    var nextRendering = 0
    var out: [UInt8] = []
    out.reserveCapacity(template.count + 32)
    var i = 0
    let open = UInt8(ascii: "{")
    let close = UInt8(ascii: "}")
    while i < template.count {
      let byte = template[i]
      if byte == open, i + 1 < template.count, template[i + 1] == open {
        out.append(open)
        i += 2
        continue
      }
      if byte == close, i + 1 < template.count, template[i + 1] == close {
        out.append(close)
        i += 2
        continue
      }
      guard byte == open, let end = template[(i + 1)...].firstIndex(of: close) else {
        out.append(byte)
        i += 1
        continue
      }
      var nameStart = i + 1
      if nameStart < end,
        template[nameStart] == UInt8(ascii: "@") || template[nameStart] == UInt8(ascii: "$")
      {
        nameStart += 1
      }
      let nameEnd =
        template[nameStart..<end].firstIndex { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ",") }
        ?? end
      let name = Array(template[nameStart..<nameEnd])
      let hasFormat = nameEnd < end && template[nameEnd] == UInt8(ascii: ":")
      if hasFormat, nextRendering < renderings.count {
        renderings[nextRendering].appendDecoded(to: &out)
        nextRendering += 1
      } else if let value = name.withUnsafeBytes({ properties.member($0) }) {
        value.appendDecoded(to: &out)
      } else {
        out.append(contentsOf: template[i...end])
      }
      i = end + 1
    }
    return out
  }
}
