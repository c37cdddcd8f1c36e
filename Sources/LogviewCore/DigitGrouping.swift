/// Counts as people read them: "48,213".
public enum DigitGrouping {
  public static func text(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0, d != "-", digits[i - 1] != "-", (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(d)
    }
    return out
  }
}
