@testable import LogviewCore

/// The documented fields of the records of the prefixed, logfmt and access-log fixtures, in
/// file order (see Fixtures/formats/README.md).
extension FormatCorpus {
  /// AWS Lambda Powertools: Python (comma milliseconds and a +hhmm offset, `correlation_id`
  /// set, an exception with its traceback, a line outside a handler) and TypeScript.
  static let powertools: [R] = [
    R(
      "2024-03-15T10:00:00.123Z", .info, "Collecting payment",
      request: "52fdfc07-2182-154f-163f-5f0f9a621d72", service: "payment"),
    R(
      "2024-03-15T10:00:01.250Z", .info, "Collecting payment", request: "correlation_id_value",
      service: "payment"),
    R(
      "2024-03-15T10:00:02.500Z", .error, "Received an exception",
      request: "9a9e6c3b-5f1d-4a0e-8c1c-1f8c2e4d1a7b", service: "payment"),
    R(
      "2024-03-15T10:00:03.921Z", .warn, "Slow downstream",
      request: "c6af9ac6-7b61-11e6-9a41-93e812345678", service: "serverlessAirline"),
    R("2024-03-15T10:00:04.000Z", .info, "Started outside a handler", service: "payment"),
  ]

  /// `kubectl logs --timestamps` (JSON after the time, plain text) and `--prefix` (with and without
  /// `--timestamps`, JSON, an Envoy access line, logfmt).
  static let kubectl: [R] = [
    R("2024-03-15T10:00:00.123Z", .info, "listening"),
    R("2024-03-15T10:00:01.500Z", .error, "payment failed", request: "req-7f42"),
    R(
      "2024-03-15T10:00:02.000Z", nil,
      "2024-03-15T10:00:02.000000001Z Starting worker pool with 8 workers"),
    R("2024-03-15T10:00:03.000Z", .warn, "slow downstream", request: "req-8a01", service: "app"),
    R(
      "2024-03-15T10:00:04.000Z", nil,
      #"[2024-03-15T10:00:04.000Z] "GET /health HTTP/1.1" 200 - via_upstream - "-" 0 2 1 1 "-" "kube-probe/1.29""#,
      service: "istio-proxy"),
    R("2024-03-15T10:00:05.250Z", .info, "cache warmed", service: "app"),
    R("2024-03-15T10:00:06.400Z", .error, "db timeout", request: "req-8a02", service: "app"),
  ]

  /// stern's default template: `POD CONTAINER` and, over several namespaces, `NAMESPACE POD
  /// CONTAINER`, with `--timestamps`.
  static let stern: [R] = [
    R("2024-03-15T10:00:00.000Z", .info, "order placed", request: "req-1", service: "app"),
    R("2024-03-15T10:00:01.000Z", .error, "order failed", request: "req-2", service: "app"),
    R("2024-03-15T10:00:02.000Z", .warn, "retrying charge", request: "req-2", service: "payment"),
  ]

  /// CRI container logs (containerd, CRI-O): `F` lines, a `P` line finished by the next one, text
  /// and logfmt payloads.
  static let cri: [R] = [
    R("2024-03-15T10:00:00.123Z", .info, "started", service: "inventory"),
    R("2024-03-15T10:00:01.000Z", .error, "stock check failed", request: "req-31"),
    R(
      "2024-03-15T10:00:02.000Z", .warn, "a long line split by the runtime at 16 KiB",
      request: "req-32"),
    R("2024-03-15T10:00:03.000Z", nil, "plain text line from the container"),
    R("2024-03-15T10:00:04.000Z", .warn, "config reloaded", service: "watcher"),
    R(
      "2024-03-15T10:00:05.000Z", .error,
      "2024-03-15 10:00:05,000 ERROR [main] c.e.App - request failed"),
    R("2024-03-15T10:00:06.000Z", .info, "recovered"),
  ]

  /// `docker compose logs`: padded `NAME-N |` prefixes, `--timestamps`, a Postgres text line,
  /// logfmt.
  static let compose: [R] = [
    R("2024-03-15T10:00:00.000Z", .info, "GET /", request: "c-1", service: "web-1"),
    R("2024-03-15T10:00:01.000Z", .error, "job failed", service: "worker-1"),
    R(
      "2024-03-15T10:00:02.123Z", nil,
      "2024-03-15 10:00:02.123 UTC [1] LOG:  database system is ready to accept connections",
      service: "db-1"),
    R("2024-03-15T10:00:03.000Z", .warn, "slow request", request: "c-2", service: "web-1"),
  ]

  /// Fluentd out_file: ISO 8601 time and the older `%Y-%m-%d %H:%M:%S %z` time, tag, record.
  static let fluentd: [R] = [
    R("2024-03-15T10:00:00.000Z", .info, "order placed", request: "req-1"),
    R("2024-03-15T10:00:01.000Z", .error, "card declined", service: "payment"),
    R("2014-08-25T00:00:00.000Z", nil, nil),
  ]

  /// Fluent Bit json_lines: `date` in epoch seconds, `log` holding JSON or text, `kubernetes`
  /// metadata.
  static let fluentBit: [R] = [
    R("2024-03-15T10:00:00.123Z", .info, "listening", service: "checkout"),
    R("2024-03-15T10:00:01.500Z", nil, "plain text from a sidecar", service: "istio-proxy"),
    R("2024-03-15T10:00:02.250Z", .error, "db timeout", request: "req-9"),
  ]

  /// Elasticsearch/OpenSearch hits saved one per line: ECS nested and flat, a data stream, a
  /// Filebeat document.
  static let searchHits: [R] = [
    R("2024-03-15T10:00:00.123Z", .info, "order placed", request: "t-100", service: "checkout"),
    R("2024-03-15T10:00:01.000Z", .error, "card declined", request: "t-101", service: "payment"),
    R("2024-03-15T10:00:02.000Z", nil, "disk usage 91%"),
  ]

  /// journalctl `short-iso` (both offset spellings), `short-iso-precise`, the kernel, `short-
  /// precise` and `short`.
  static let journalctl: [R] = [
    R(
      "2024-03-15T10:00:00.000Z", nil,
      "Accepted publickey for deploy from 10.0.0.5 port 51234 ssh2", service: "sshd"),
    R(
      "2024-03-15T10:00:01.000Z", .error, "payment failed", request: "req-7f42", service: "checkout"
    ),
    R(
      "2024-03-15T10:00:02.123Z", nil,
      "Out of memory: Killed process 4242 (checkout) total-vm:1048576kB", service: "kernel"),
    R(
      "2024-03-15T10:00:03.000Z", .error,
      "2024/03/15 10:00:03 [error] 901#901: *1 upstream timed out", service: "nginx"),
    R(
      "2024-03-15T10:00:04.000Z", nil, "Started checkout.service - Checkout API.",
      service: "systemd"),
  ]

  /// slog TextHandler, logrus TextFormatter, Heroku router, Grafana (new and log15-style
  /// `lvl=eror`), structlog LogfmtRenderer, go-kit.
  static let logfmt: [R] = [
    R("2024-03-15T10:00:00.000Z", .info, "server started"),
    R("2024-03-15T10:00:01.000Z", .warn, "disk almost full"),
    R(
      "2024-03-15T10:00:02.000Z", .error, nil, request: "8601b555-6a54-4d53-b1a4-2a3b4e0c6a1e",
      service: "heroku"),
    R("2024-03-15T10:00:03.120Z", .error, "Request Completed", service: "context"),
    R("2024-03-15T10:00:04.000Z", .error, "Failed to send alert", service: "alerting.notifier"),
    R("2024-03-15T10:00:05.000Z", .info, "user logged in", request: "req-55"),
    R("2024-03-15T10:00:06.123Z", .debug, "config loaded"),
  ]

  /// Combined, Common, and Combined with `key=value` pairs after it (nginx `log_format`).
  static let accessLog: [R] = [
    R("2024-03-15T10:00:00.000Z", .info, "GET /api/orders/42 HTTP/1.1"),
    R("2024-03-15T10:00:01.000Z", .error, "POST /api/orders HTTP/1.1"),
    R("2024-03-15T10:00:02.000Z", .warn, "GET /missing HTTP/1.1"),
    R("2024-03-15T10:00:03.000Z", .info, "GET /health HTTP/1.1", request: "8f14e45fceea167a"),
  ]
}
