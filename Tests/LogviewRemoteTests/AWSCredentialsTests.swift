import Foundation
import LogviewTestSupport
import Testing

@testable import LogviewRemote

struct AWSCredentialsTests {
  static let file = """
    # comment
    [default]
    aws_access_key_id = AKIDDEFAULT
    aws_secret_access_key = secret/default+key

    [prod]
    ; another comment
    AWS_ACCESS_KEY_ID=AKIDPROD
    aws_secret_access_key=secret-prod
    aws_session_token = token-prod

    [broken]
    aws_access_key_id = AKIDBROKEN
    """

  /// Environment (FILE stands for the credentials file written), expected key ID, session
  /// token, or a fragment of the error.
  static let cases: [([String: String], String?, String?, String?)] = [
    (
      ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t"],
      "AKIDENV", "t", nil
    ),
    // The environment wins over the file.
    (
      [
        "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s",
        "AWS_SHARED_CREDENTIALS_FILE": "FILE",
      ], "AKIDENV", nil, nil
    ),
    (["AWS_SHARED_CREDENTIALS_FILE": "FILE"], "AKIDDEFAULT", nil, nil),
    (
      ["AWS_SHARED_CREDENTIALS_FILE": "FILE", "AWS_PROFILE": "prod"], "AKIDPROD", "token-prod", nil
    ),
    // An empty variable counts as unset; a key ID alone is not enough.
    (
      [
        "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "",
        "AWS_SHARED_CREDENTIALS_FILE": "FILE",
      ],
      "AKIDDEFAULT", nil, nil
    ),
    (
      ["AWS_ACCESS_KEY_ID": "AKIDENV"], nil, nil,
      "AWS_ACCESS_KEY_ID is set, AWS_SECRET_ACCESS_KEY is not"
    ),
    (
      ["AWS_SHARED_CREDENTIALS_FILE": "FILE", "AWS_PROFILE": "staging"], nil, nil,
      "no profile staging"
    ),
    (
      ["AWS_SHARED_CREDENTIALS_FILE": "FILE", "AWS_PROFILE": "broken"], nil, nil,
      "lacks aws_access_key_id or aws_secret_access_key"
    ),
    ([:], nil, nil, "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
    (["HOME": "/nonexistent"], nil, nil, "or AWS_PROFILE"),
    (["AWS_PROFILE": "prod", "HOME": "/nonexistent"], nil, nil, "AWS_PROFILE is prod, but"),
  ]

  @Test(arguments: cases)
  func chain(
    _ environment: [String: String], _ keyId: String?, _ token: String?, _ fragment: String?
  ) throws {
    let directory = TempDirectory()
    let path = directory.file("credentials")
    try Self.file.write(toFile: path, atomically: true, encoding: .utf8)
    let env = environment.mapValues { $0 == "FILE" ? path : $0 }
    do {
      let found = try AWSCredentials.resolve(env, endpoint: "cloudwatch://r/g")
      #expect(found.accessKeyId == keyId)
      #expect(found.sessionToken == token)
      #expect(fragment == nil)
    } catch {
      #expect(keyId == nil, "\(error)")
      #expect(error.description.hasPrefix("cloudwatch://r/g needs credentials: "), "\(error)")
      #expect(error.description.contains(fragment ?? "-"), "\(error)")
    }
  }

  @Test func theHomeDirectoryFileAndATildePath() throws {
    let home = TempDirectory()
    try FileManager.default.createDirectory(
      atPath: home.file(".aws"), withIntermediateDirectories: true)
    try Self.file.write(toFile: home.file(".aws/credentials"), atomically: true, encoding: .utf8)
    #expect(
      try AWSCredentials.resolve(["HOME": home.path], endpoint: "e").accessKeyId == "AKIDDEFAULT")
    let tilde = try AWSCredentials.resolve(
      [
        "HOME": home.path, "AWS_SHARED_CREDENTIALS_FILE": "~/.aws/credentials",
        "AWS_PROFILE": "prod",
      ],
      endpoint: "e")
    #expect(tilde.secretAccessKey == "secret-prod")
  }

  /// text, what is left of it.
  static let scrubs: [(String, String)] = [
    ("token FQoGZXIvYXdzEBYaDNz9sEkhEXAMPLETOKEN here", "token *** here"),
    // Cut short, as a server's message excerpt may be.
    ("'x-amz-security-token:FQoGZXIvYXdzEB…", "'x-amz-security-token:***…"),
    ("key=wJalrXUtnFEMI/K7MDENG+bPxRfiCY", "***"),
    (
      "The security token included in the request is invalid.",
      "The security token included in the request is invalid."
    ),
  ]

  @Test(arguments: scrubs)
  func secretsAreScrubbed(_ text: String, _ expected: String) {
    let credentials = AWSCredentials(
      accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
      sessionToken: "FQoGZXIvYXdzEBYaDNz9sEkhEXAMPLETOKEN")
    #expect(credentials.scrubbed(text) == expected)
  }
}
