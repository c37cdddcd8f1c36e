// swift-tools-version: 6.1
import PackageDescription

// The hot path (scan -> normalize -> filter -> format) runs per record; the runtime checks of
// exclusive access cost ~10% there and the code is single-owner per thread by design.
let hotPathSettings: [SwiftSetting] = [
  .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

let package = Package(
  name: "logview",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "logview", targets: ["logview"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // bytes -> records: splitting, JSON scanning, normalization. No I/O.
    .target(name: "LogviewCore", swiftSettings: hotPathSettings),
    // The filter language: lexer, parser, evaluation over a record.
    .target(name: "LogviewQuery", dependencies: ["LogviewCore"], swiftSettings: hotPathSettings),
    // Compact per-record metadata and the request-ID index.
    .target(name: "LogviewStore", dependencies: ["LogviewCore"]),
    // Files and stdin: reading, following.
    .target(name: "LogviewSources", dependencies: ["LogviewCore"]),
    // Command line, configuration and the headless pipeline.
    .target(
      name: "LogviewCLI",
      dependencies: [
        "LogviewCore", "LogviewQuery", "LogviewStore", "LogviewSources",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: hotPathSettings
    ),
    .executableTarget(name: "logview", dependencies: ["LogviewCLI"]),
    .testTarget(name: "LogviewCoreTests", dependencies: ["LogviewCore"]),
    .testTarget(name: "LogviewQueryTests", dependencies: ["LogviewQuery", "LogviewCore"]),
    .testTarget(name: "LogviewStoreTests", dependencies: ["LogviewStore", "LogviewCore"]),
    .testTarget(
      name: "LogviewCLITests", dependencies: ["LogviewCLI", "LogviewCore"], exclude: ["Golden"]),
  ]
)
