@testable import LogviewCore

/// The documented fields of every record of the writers' fixtures, in file order (see
/// Fixtures/formats/README.md for what each line shows).
enum FormatCorpus {
  typealias R = DocumentedRecord

  /// graypy 2.x (GELF 1.0: `facility` is the logger name; syslog levels 2/3/4/6/7;
  /// `full_message` holds the traceback) and logback-gelf (GELF 1.1: `_logger_name`, MDC as
  /// `_` fields), plus GELF payloads by hand: level 0, 1, 5 and none.
  static let gelf: [R] = [
    R(
      "2024-03-15T10:00:00.123Z", .info, "order created for Zoë", request: "req_7f42a9c1",
      service: "shop.orders"),
    R(
      "2024-03-15T10:00:00.500Z", .debug, "cache hit for sku_1044 (age 12 s)",
      service: "shop.inventory"),
    R(
      "2024-03-15T10:00:01.512Z", .info, "Payment authorized for order ord_088121",
      request: "req_0c11d2e3", service: "com.shop.payment.PaymentService"),
    R(
      "2024-03-15T10:00:02.840Z", .warn, "payment provider slow: 1834 ms",
      request: "c0ffee00-1234-4cde-9f00-5a5a5a5a5a5a", service: "shop.payments"),
    R(
      "2024-03-15T10:00:03.712Z", .error, "payment authorization failed", request: "req_7f42a9c1",
      service: "shop.payments"),
    R(
      "2024-03-15T10:00:03.900Z", .error, "POST /v1/payments failed",
      request: "4bf92f3577b34da6a3ce929d0e0e4736", service: "com.shop.payment.PaymentController"),
    R(
      "2024-03-15T10:00:04.002Z", .debug, "acme-pay answered with 14 headers",
      service: "com.shop.payment.AcmeClient"),
    R(
      "2024-03-15T10:00:05.000Z", .fatal, "database connection pool exhausted, shutting down",
      service: "checkout"),
    R("2024-03-15T10:00:06.200Z", nil, "nightly export finished", service: "export-job"),
    R(
      "2024-03-15T10:00:07.250Z", .fatal, "certificate for shop.example.com expires in 2 days",
      service: "cert-watch"),
    R(
      "2024-03-15T10:00:08.000Z", .fatal, "disk /var/lib/postgresql unwritable",
      service: "cert-watch"),
    R(
      "2024-03-15T10:00:09.750Z", .info, "retrying upload (attempt 2 of 5)",
      request: "0af7651916cd43dd8448eb211c80319c", service: "export-job"),
  ]

  /// Log4j2 JsonLayout (compact with `instant`, `timeMillis`, `thrown` as objects and as a
  /// string, `contextMap`, and the default pretty-printed form), JsonTemplateLayout's EcsLayout
  /// (MDC flattened) and its Logstash template (`mdc`).
  static let log4j2: [R] = [
    R(
      "2024-03-15T10:00:00.123Z", .info, "Started OrderApplication in 4.213 seconds",
      service: "com.shop.orders.OrderApplication"),
    R(
      "2024-03-15T10:00:00.512Z", .debug, #"POST /v1/orders body={"items":3}"#,
      request: "req_7f42a9c1", service: "com.shop.orders.OrderController"),
    R(
      "2024-03-15T10:00:01.004Z", .trace, "GET http://inventory:8080/v1/stock/sku_1044 -> 200",
      request: "req_7f42a9c1", service: "com.shop.orders.StockClient"),
    R(
      "2024-03-15T10:00:02.840Z", .warn, "acme-pay slow: 1834 ms",
      request: "4bf92f3577b34da6a3ce929d0e0e4736", service: "com.shop.payment.AcmeClient"),
    R(
      "2024-03-15T10:00:03.712Z", .error, "payment authorization failed",
      request: "4bf92f3577b34da6a3ce929d0e0e4736", service: "com.shop.payment.PaymentService"),
    R("2024-03-15T10:00:04.250Z", .info, "daily report queued", service: "com.shop.jobs.ReportJob"),
    R(
      "2024-03-15T10:00:05.000Z", .fatal, "database unreachable, exiting", request: "corr-88e1",
      service: "com.shop.orders.Db"),
    R(
      "2024-03-15T10:00:06.250Z", .error, "checkout failed", request: "req_0c11d2e3",
      service: "com.shop.checkout.CheckoutController"),
    R("2024-03-15T10:00:06.900Z", .info, "checkout retried", service: "checkout"),
    R(
      "2024-03-15T10:00:07.125Z", .warn, "cannot check out", request: "req_5d41402a",
      service: "com.shop.cart.CartService"),
    R(
      "2024-03-15T10:00:08.000Z", .info, #"shutdown hook: closing "orders" context – bye"#,
      service: "com.shop.orders.OrderApplication"),
    R(
      "2024-03-15T10:00:09.010Z", .warn, "property shop.retries is deprecated",
      service: "com.shop.orders.Config"),
  ]

  /// logstash-logback-encoder's LogstashEncoder: `@timestamp` in ISO_OFFSET_DATE_TIME (trimmed
  /// fractions, any offset, `Z`), `level` beside `level_value`, MDC at the top level,
  /// `stack_trace`, `tags`, a custom `appname`.
  static let logstash: [R] = [
    R(
      "2024-03-15T10:00:00.123Z", .info,
      "Started OrderApplication in 4.213 seconds (process running for 4.9)",
      service: "com.shop.orders.OrderApplication"),
    R(
      "2024-03-15T10:00:00.500Z", .debug, "POST /v1/orders received", request: "req_7f42a9c1",
      service: "com.shop.orders.OrderController"),
    R(
      "2024-03-15T10:00:01.004Z", .trace, "reserving stock for 3 items", request: "req_7f42a9c1",
      service: "com.shop.orders.StockClient"),
    R(
      "2024-03-15T10:00:02.840Z", .warn, "acme-pay slow: 1834 ms",
      request: "4bf92f3577b34da6a3ce929d0e0e4736", service: "com.shop.payment.AcmeClient"),
    R(
      "2024-03-15T10:00:03.712Z", .error, "payment authorization failed for order ord_088121",
      request: "4bf92f3577b34da6a3ce929d0e0e4736", service: "com.shop.payment.PaymentService"),
    R(
      "2024-03-15T10:00:05.000Z", .info, "order ord_088121 created", request: "req_0c11d2e3",
      service: "com.shop.orders.OrderService"),
    R(
      "2024-03-15T10:00:06.250Z", .info, "audit: refund approved by usr_0042",
      service: "com.shop.audit.AuditLog"),
    R(
      "2024-03-15T10:00:07.900Z", .warn, "email relay refused connection, retrying in 60 s",
      request: "req_5d41402a", service: "com.shop.mail.SmtpSender"),
    R(
      "2024-03-15T10:00:08.000Z", .info,
      "Shutting down ExecutorService 'applicationTaskExecutor'",
      service: "org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor"),
    R("2024-03-15T10:00:09.001Z", .error, "Application run failed", service: "orders"),
  ]

  /// winston 3 with format.json() (keys sorted by safe-stable-stringify): npm levels (http,
  /// verbose, silly), syslog levels (crit, notice, warning, emerg), errors with `stack`.
  static let winston: [R] = [
    R(
      "2024-03-15T10:00:00.123Z", .info, "Server listening on port 3000", service: "user-service"),
    R(
      "2024-03-15T10:00:00.400Z", .info, "GET /api/users/42 200 12.345 ms - 512",
      request: "req_7f42a9c1", service: "user-service"),
    R(
      "2024-03-15T10:00:00.410Z", .debug, "user 42 loaded from cache", request: "req_7f42a9c1",
      service: "user-service"),
    R("2024-03-15T10:00:00.500Z", .debug, "cache stats", service: "user-service"),
    R(
      "2024-03-15T10:00:00.501Z", .trace, #"raw row {"id":42,"name":"Zoë"}"#,
      service: "user-service"),
    R("2024-03-15T10:00:02.840Z", .warn, "slow query: 1834 ms", service: "user-service"),
    R(
      "2024-03-15T10:00:03.001Z", .error, "connect ECONNREFUSED 10.0.0.5:5432",
      service: "user-service"),
    R(
      "2024-03-15T10:00:03.712Z", .error, "payment failed acme-pay did not answer within 2400 ms",
      request: "req_0c11d2e3", service: "user-service"),
    R("2024-03-15T10:00:04.000Z", .fatal, "disk full on /var/lib/app"),
    R("2024-03-15T10:00:05.250Z", .info, "config reloaded"),
    R("2024-03-15T10:00:06.000Z", .warn, "certificate expires in 2 days"),
    R("2024-03-15T10:00:06.500Z", .fatal, "kernel panic imminent"),
    R("2024-03-15T10:00:07.125Z", .info, "invoice inv_2024_0315 sent"),
    R(nil, .info, "child logger ready", service: "user-service"),
  ]

  /// nginx `log_format ... escape=json` in the shapes people write: `$time_local`,
  /// `$time_iso8601`, `$msec`, `$status` quoted and bare, `$request` or only `$request_uri`,
  /// `$request_id` and `$http_x_request_id`; one line without escape=json ("-" for empty).
  static let nginx: [R] = [
    R(
      "2024-03-15T10:00:01.000Z", .info, "POST /v1/orders HTTP/1.1",
      request: "5b8efff798038103d269b633813fc60c"),
    R(
      "2024-03-15T10:00:02.000Z", .info, "GET /v1/orders/ord_088121 HTTP/2.0",
      request: "9f1c2a4b7e3d4c5fa6b7c8d9e0f1a2b3"),
    R(
      "2024-03-15T10:00:02.000Z", .warn, "GET /wp-login.php HTTP/1.1",
      request: "c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8"),
    R("2024-03-15T10:00:03.712Z", .error, "/v1/payments", request: "req_7f42a9c1"),
    R("2024-03-15T10:00:04.250Z", .info, "/healthz"),
    R("2024-03-15T10:00:05.004Z", .warn, "/v1/orders"),
    R("2024-03-15T10:00:06.000Z", .error, "PUT /v1/carts/c_91 HTTP/1.1", request: "req_0c11d2e3"),
    R(
      "2024-03-15T10:00:07.000Z", .info, "GET /search?q=caf%C3%A9&page=2 HTTP/1.1",
      request: "0d4e5f6a7b8c9d0e1f2a3b4c5d6e7f80"),
    R("2024-03-15T10:00:08.000Z", .warn, "GET /favicon.ico HTTP/1.1"),
    // A TLS handshake sent to the plain port: control bytes escaped, one byte not UTF-8.
    R(
      "2024-03-15T10:00:09.000Z", .warn, "\u{16}\u{3}\u{1}\u{0}\u{FFFD}\u{1}",
      request: "1a2b3c4d5e6f708192a3b4c5d6e7f809"),
  ]

  /// Cloud Logging structured JSON, ending with GCP's flat `timestampSeconds`/`timestampNanos`.
  static let gcp: [R] = [
    R("2024-03-15T10:00:00.123Z", .info, "Server listening on port 8080"),
    R("2024-03-15T10:00:00.500Z", .debug, "cache warmed"),
    R(
      "2024-03-15T10:00:01.004Z", .info, "POST /v1/orders 201",
      request: "5b8efff798038103d269b633813fc60c"),
    R("2024-03-15T10:00:02.000Z", .info, "feature flag checkout.v2 enabled for 10% of users"),
    R(
      "2024-03-15T10:00:02.840Z", .warn, "payment provider slow: 1834 ms",
      request: "4bf92f3577b34da6a3ce929d0e0e4736"),
    R(
      "2024-03-15T10:00:03.712Z", .error, "payment authorization failed: upstream timeout",
      request: "4bf92f3577b34da6a3ce929d0e0e4736"),
    R(
      "2024-03-15T10:00:04.250Z", .error,
      "panic: assignment to entry in nil map\n\ngoroutine 42 [running]:\nmain.(*Cart).Add(...)\n\t/src/cart.go:77 +0x1c"
    ),
    R("2024-03-15T10:00:05.000Z", .fatal, "database connection lost"),
    R("2024-03-15T10:00:06.000Z", nil, "severity DEFAULT means no level was assigned"),
    R("2024-03-15T10:00:07.000Z", .fatal, "disk 95% full on /var/lib/postgresql"),
    R("2024-03-15T10:00:08.000Z", .fatal, "shutting down: data directory unwritable"),
    R(
      "2024-03-15T10:00:09.125Z", .info, "batch 7 of 12 uploaded",
      request: "5b8efff798038103d269b633813fc60c"),
    R("2024-03-15T10:00:10.000Z", .warn, "upload retried"),
  ]

  /// OTLP JSON log records, ending with two from OpenTelemetry's Python SDK
  /// (`LogRecord.to_json(indent=None)`: 0x-hex trace IDs, all zeros outside a span).
  static let otel: [R] = [
    R("2024-03-15T10:00:00.123Z", .info, "order service started", service: "checkout"),
    R(
      "2024-03-15T10:00:01.004Z", .info, "order created",
      request: "5b8efff798038103d269b633813fc60c", service: "checkout"),
    R(
      "2024-03-15T10:00:01.020Z", .debug, "stock reserved",
      request: "5b8efff798038103d269b633813fc60c", service: "inventory"),
    R(
      "2024-03-15T10:00:02.840Z", .warn, "payment provider slow",
      request: "4bf92f3577b34da6a3ce929d0e0e4736", service: "payment"),
    R(
      "2024-03-15T10:00:03.712Z", .error, "payment authorization failed",
      request: "4bf92f3577b34da6a3ce929d0e0e4736", service: "payment"),
    R(
      "2024-03-15T10:00:04.000Z", .warn, "log record without event time (only observed time)",
      service: "collector"),
    R(
      "2024-03-15T10:00:05.000Z", .warn, "severity number unspecified, text only",
      service: "legacy-bridge"),
    R("2024-03-15T10:00:06.500Z", .fatal, "out of memory, exiting", service: "payment"),
    R("2024-03-15T10:00:07.500Z", .info, "health check ok", service: "health-checker"),
    R(
      "2024-03-15T10:00:08.250Z", .warn, "refund issued",
      request: "4bf92f3577b34da6a3ce929d0e0e4736", service: "refunds"),
  ]
}
