// swift-tools-version: 6.1
import PackageDescription

// The hot path (scan -> normalize -> filter -> format) runs per record; the runtime checks of
// exclusive access cost ~10% there and the code is single-owner per thread by design.
let hotPathSettings: [SwiftSetting] = [
  .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

let package = Package(
  name: "logview",
  products: [
    .executable(name: "logview", targets: ["logview"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    .package(url: "https://github.com/hummingbird-project/swift-websocket", exact: "1.6.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
  ],
  targets: [
    // POSIX plumbing, Linux only: clocks, sigaction and the one fault-signal owner, private
    // temporary files, threads, the wake pipe and poll().
    .target(name: "LogviewSystem"),
    // SSE2 byte search and glibc's memmem, for the scanner and the substring search.
    .systemLibrary(name: "CByteScan", path: "Sources/CByteScan"),
    // bytes -> records: splitting, JSON scanning, normalization. No I/O but zone files.
    .target(
      name: "LogviewCore", dependencies: ["CByteScan", "LogviewSystem"],
      swiftSettings: hotPathSettings),
    // The filter language: lexer, parser, evaluation over a record.
    .target(
      name: "LogviewQuery", dependencies: ["LogviewCore", "CPCRE2", "CRE2"],
      swiftSettings: hotPathSettings),
    // RE2, linear time, for the records PCRE2 gives up on (its step limit): a C interface
    // over the C++ library.
    .target(
      name: "CRE2", path: "Sources/CRE2", linkerSettings: [.linkedLibrary("re2")]),
    // PCRE2 for the filter's regular expressions: JIT, match limits, bytes matched in place.
    .systemLibrary(
      name: "CPCRE2", path: "Sources/CPCRE2", pkgConfig: "libpcre2-8",
      providers: [.apt(["libpcre2-dev"])]),
    // Compact per-record metadata, the live log, filtered views and the request-ID index.
    .target(
      name: "LogviewStore",
      dependencies: ["LogviewCore", "LogviewQuery", "LogviewSources", "LogviewSystem"],
      swiftSettings: hotPathSettings),
    // Files and stdin: reading, following, feeding the live log from reader threads.
    .target(
      name: "LogviewSources",
      dependencies: ["LogviewCore", "LogviewSystem", "CZlib"]),
    // zlib for .gz input.
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    // Log stores over HTTP (Loki): clients, the filter pushed down into each store's query,
    // and a LogSource per store. The only target that does networking.
    .target(
      name: "LogviewRemote",
      dependencies: [
        "LogviewCore", "LogviewQuery", "LogviewSources", "LogviewSystem",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "WSClient", package: "swift-websocket"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]),
    // The incident bundle of one request (Markdown and NDJSON, secrets redacted), written
    // by the headless --bundle and the explorer's request view alike.
    .target(name: "LogviewBundle", dependencies: ["LogviewCore", "LogviewSystem"]),
    // The headless pipeline: match, format (pretty, raw, normalized) and write what the
    // sources deliver; merged output of several sources; the reports (HdrHistogram for the
    // latency quantiles).
    // The triage reports' engines, shared by headless output and the explorer: durations
    // per service in HdrHistograms for the latency quantiles.
    .target(
      name: "LogviewTriage",
      dependencies: [
        "LogviewCore", "LogviewQuery",
        .product(name: "Histogram", package: "hdrhistogram-swift"),
      ],
      swiftSettings: hotPathSettings),
    .target(
      name: "LogviewPipeline",
      dependencies: [
        "LogviewCore", "LogviewQuery", "LogviewSources", "LogviewSystem", "LogviewTriage",
        "LogviewBundle",
        .product(name: "Histogram", package: "hdrhistogram-swift"),
      ],
      swiftSettings: hotPathSettings),
    // Terminal-free UI: cell buffer, widgets, app state and reducer, key map.
    .target(
      name: "LogviewUI",
      dependencies: [
        "LogviewCore", "LogviewQuery", "LogviewStore", "LogviewSystem", "LogviewTriage",
        "LogviewBundle",
      ]),
    // ncursesw through a shim header; only LogviewTerminal imports it.
    .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
    // The only ncurses code: a Screen on the real terminal, keys, signals, resize.
    .target(
      name: "LogviewTerminal",
      dependencies: ["CNcursesw", "LogviewCore", "LogviewUI", "LogviewSystem"]),
    // Command line: argument parsing, settings and wiring of the two front ends.
    .target(
      name: "LogviewCLI",
      dependencies: [
        "LogviewCore", "LogviewQuery", "LogviewStore", "LogviewSources", "LogviewPipeline",
        "LogviewUI", "LogviewTerminal", "LogviewSystem", "LogviewRemote", "LogviewBundle",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: hotPathSettings
    ),
    // The Swift runtime linked in: no dynamic relocation of its libraries at every start.
    .executableTarget(
      name: "logview", dependencies: ["LogviewCLI", "LogviewSystem"],
      linkerSettings: [
        .unsafeFlags(["-static-stdlib"]),
        .linkedLibrary("_FoundationCollections"),
        .linkedLibrary("_FoundationCShims"),
      ]),
    // Fuzz targets (Tests/Fuzz): Tests/Fuzz/run.sh builds them with -DFUZZING and the fuzzer
    // and address sanitizers into .build-fuzz; a plain build makes replayers of saved inputs.
    .systemLibrary(name: "CFuzzer", path: "Tests/Fuzz/CFuzzer"),
    .target(name: "FuzzSupport", dependencies: ["CFuzzer"], path: "Tests/Fuzz/FuzzSupport"),
    .executableTarget(
      name: "FuzzJSONScanner", dependencies: ["FuzzSupport", "LogviewCore"],
      path: "Tests/Fuzz/FuzzJSONScanner"),
    .executableTarget(
      name: "FuzzNormalizer", dependencies: ["FuzzSupport", "LogviewCore"],
      path: "Tests/Fuzz/FuzzNormalizer"),
    .executableTarget(
      name: "FuzzRecordSplitter", dependencies: ["FuzzSupport", "LogviewCore"],
      path: "Tests/Fuzz/FuzzRecordSplitter"),
    .executableTarget(
      name: "FuzzQuery", dependencies: ["FuzzSupport", "LogviewCore", "LogviewQuery"],
      path: "Tests/Fuzz/FuzzQuery"),
    // Helpers shared by the test targets: repository root and fixtures, waiting, scratch
    // directories, a rotating log writer, snapshots.
    .target(name: "LogviewTestSupport", path: "Tests/LogviewTestSupport"),
    .testTarget(name: "LogviewSystemTests", dependencies: ["LogviewTestSupport", "LogviewSystem"]),
    .testTarget(
      name: "LogviewCoreTests",
      dependencies: ["LogviewTestSupport", "LogviewCore", "LogviewSystem"]),
    .testTarget(
      name: "LogviewQueryTests",
      dependencies: ["LogviewTestSupport", "LogviewQuery", "LogviewCore"]),
    .testTarget(
      name: "LogviewStoreTests",
      dependencies: [
        "LogviewTestSupport", "LogviewStore", "LogviewCore", "LogviewQuery", "LogviewSources",
      ]),
    .testTarget(
      name: "LogviewBundleTests",
      dependencies: ["LogviewTestSupport", "LogviewBundle", "LogviewCore", "LogviewSystem"]),
    .testTarget(
      name: "LogviewUITests",
      dependencies: [
        "LogviewTestSupport", "LogviewUI", "LogviewCore", "LogviewStore", "LogviewQuery",
        "LogviewTriage",
      ],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "LogviewSourcesTests",
      dependencies: [
        "LogviewTestSupport", "LogviewSources", "LogviewStore", "LogviewCore", "LogviewSystem",
      ]),
    .testTarget(
      name: "LogviewTerminalTests",
      dependencies: ["LogviewTestSupport", "LogviewTerminal", "LogviewUI", "LogviewCore"]),
    .testTarget(
      name: "LogviewRemoteTests",
      dependencies: [
        "LogviewTestSupport", "LogviewRemote", "LogviewQuery", "LogviewCore", "LogviewSources",
        "LogviewSystem",
      ]),
    .testTarget(
      name: "LogviewTriageTests",
      dependencies: ["LogviewTestSupport", "LogviewTriage", "LogviewCore"]),
    .testTarget(
      name: "LogviewCLITests",
      dependencies: [
        "LogviewTestSupport",
        "LogviewCLI", "LogviewCore", "LogviewStore", "LogviewUI", "LogviewPipeline", "LogviewQuery",
        "LogviewTriage", "LogviewBundle",
      ], exclude: ["Golden"]),
  ]
)
