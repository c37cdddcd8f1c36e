import LogviewCore
import LogviewSystem

/// AWS credentials, found as the AWS CLI looks first: AWS_ACCESS_KEY_ID and
/// AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN) in the environment, else a profile
/// (AWS_PROFILE, else "default") of the shared credentials file (AWS_SHARED_CREDENTIALS_FILE,
/// else ~/.aws/credentials). No SSO, role assumption, credential_process or instance
/// metadata: logview asks no service but the one it reads.
struct AWSCredentials: Sendable, Equatable {
  let accessKeyId: String
  let secretAccessKey: String
  let sessionToken: String?

  /// What to set, for a missing credential or a refused request.
  static let hint =
    "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary "
    + "credentials), or AWS_PROFILE for a profile in ~/.aws/credentials"

  /// `endpoint`: the source's name, for the error.
  static func resolve(_ environment: [String: String], endpoint: String) throws(StoreError)
    -> AWSCredentials
  {
    let value = { (name: String) in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    if let id = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") {
      return AWSCredentials(
        accessKeyId: id, secretAccessKey: secret, sessionToken: value("AWS_SESSION_TOKEN"))
    }
    let home = value("HOME")
    let path = value("AWS_SHARED_CREDENTIALS_FILE").map { file in
      file.hasPrefix("~/") ? (home ?? "") + file.dropFirst() : file
    }
    let file = path ?? home.map { $0 + "/.aws/credentials" }
    let profile = value("AWS_PROFILE")
    guard let file, let bytes = FileContents.read(file, limit: 1 << 20) else {
      let reason =
        profile.map { "AWS_PROFILE is \($0), but \(file ?? "~/.aws/credentials") cannot be read: " }
        ?? (value("AWS_ACCESS_KEY_ID") != nil
          ? "AWS_ACCESS_KEY_ID is set, AWS_SECRET_ACCESS_KEY is not: " : "")
      throw .noCredentials(endpoint: endpoint, hint: reason + hint)
    }
    let name = profile ?? "default"
    guard let section = Self.profile(name, in: bytes) else {
      throw .noCredentials(endpoint: endpoint, hint: "no profile \(name) in \(file): " + hint)
    }
    guard let id = section["aws_access_key_id"], let secret = section["aws_secret_access_key"]
    else {
      throw .noCredentials(
        endpoint: endpoint,
        hint: "profile \(name) in \(file) lacks aws_access_key_id or aws_secret_access_key")
    }
    return AWSCredentials(
      accessKeyId: id, secretAccessKey: secret,
      sessionToken: section["aws_session_token"] ?? section["aws_security_token"])
  }

  /// The keys and values (non-empty) of `[name]` in an INI file; nil when it has no such
  /// section. Names are lower-cased; `#` and `;` start comment lines.
  static func profile(_ name: String, in bytes: [UInt8]) -> [String: String]? {
    var found: [String: String]?
    var inside = false
    for raw in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
      let line = String(raw).trimmingWhitespace()
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
      if line.hasPrefix("["), line.hasSuffix("]") {
        inside = String(line.dropFirst().dropLast()).trimmingWhitespace() == name
        if inside, found == nil { found = [:] }
        continue
      }
      guard inside, let equals = line.firstIndex(of: "=") else { continue }
      let key = String(line[..<equals]).trimmingWhitespace().lowercased()
      let value = String(line[line.index(after: equals)...]).trimmingWhitespace()
      if !value.isEmpty { found?[key] = value }
    }
    return found
  }

  /// `text` with every run of token characters (letters, digits, `+/=_-`) that shares 8
  /// characters in a row with the secret key, the session token or `extra` replaced by `***`:
  /// a server's message may quote the token (AWS's signature errors print the canonical
  /// request), even cut short.
  func scrubbed(_ text: String, also extra: [String] = []) -> String {
    let secrets = [secretAccessKey] + [sessionToken].compactMap { $0 } + extra
    var out = ""
    var run: [Character] = []
    func flush() {
      let secret =
        run.count >= 8
        && (0...(run.count - 8)).contains { start in
          let window = String(run[start..<(start + 8)])
          return secrets.contains { $0.contains(window) }
        }
      out += secret ? "***" : String(run)
      run = []
    }
    for character in text {
      if character.isASCII,
        character.isLetter || character.isNumber || "+/=_-".contains(character)
      {
        run.append(character)
      } else {
        flush()
        out.append(character)
      }
    }
    flush()
    return out
  }
}
