import LogviewPipeline
import LogviewQuery
import LogviewSources
import LogviewSystem

/// Every user-facing failure of a run; `message` is the one place they are worded.
enum LogviewError: Error {
  case usage(String)
  case badQuery(QueryError, query: String, option: String)
  case badTime(option: String, value: String)
  case invertedWindow(since: String, until: String)
  case badOption(option: String, value: String, expected: String)
  case badKeySpec(String)
  case badConfig(path: String, line: Int, problem: String)
  case source(SourceError)
  case output(OutputError)
  case file(FileWriteError)
  case noInput
  case noMatch(pattern: String)

  var message: String {
    switch self {
    case .usage(let text):
      text
    case .badQuery(let error, let query, let option):
      "bad \(option) '\(query)': column \(error.column): \(error.message)"
    case .badTime(let option, let value):
      "bad \(option) '\(value)': expected a time like 15m, 2h, 1d, 10:42 or 2024-03-15T10:00:00Z"
    case .invertedWindow(let since, let until):
      "--since '\(since)' is not before --until '\(until)': the window is empty (swapped?)"
    case .badOption(let option, let value, let expected):
      "bad \(option) '\(value)': expected \(expected)"
    case .badKeySpec(let spec):
      "bad --key '\(spec)': expected FIELD=NAME[,NAME...] with FIELD one of timestamp, level, message, request, service"
    case .badConfig(let path, let line, let problem):
      "\(path):\(line): \(problem)"
    case .source(let error):
      error.description
    case .output(let error):
      error.description
    case .file(let error):
      error.description
    case .noInput:
      "no input: name a file, or pipe logs into logview (see logview --help)"
    case .noMatch(let pattern):
      "no file matches \(pattern)"
    }
  }
}
