import Glibc

/// Where a user's files are: the home directory, `~` in a typed path, and logview's state
/// directory (`$XDG_STATE_HOME/logview`, by default `~/.local/state/logview`).
public enum UserPaths {
  /// $HOME, or the password database's entry when it is unset.
  public static func home(environment: [String: String]) -> String? {
    if let home = environment["HOME"], !home.isEmpty { return home }
    guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
    return String(cString: directory)
  }

  /// `~` and `~/...` with the home directory; any other path as it is (`~user` is not read:
  /// a shell would, but a user's name is rarely what was meant in a save prompt).
  public static func expandingTilde(_ path: String, home: String?) -> String {
    guard let home, path == "~" || path.hasPrefix("~/") else { return path }
    return home + path.dropFirst()
  }

  /// logview's state directory (history files); nil when neither variable gives one. A
  /// relative $XDG_STATE_HOME is ignored, as the XDG specification says.
  public static func stateDirectory(environment: [String: String]) -> String? {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return state + "/logview"
    }
    return home(environment: environment).map { $0 + "/.local/state/logview" }
  }

  /// Creates `path` and its missing parents (mode 0700: histories may hold filters with
  /// customer IDs). Returns errno of the first failure, 0 on success.
  public static func makeDirectories(_ path: String) -> Int32 {
    var prefix = ""
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      prefix += "/" + part
      if mkdir(prefix, 0o700) != 0, errno != EEXIST { return errno }
    }
    var info = stat()
    guard stat(path, &info) == 0 else { return errno }
    return info.st_mode & S_IFMT == S_IFDIR ? 0 : ENOTDIR
  }
}
