// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Synkti",
  products: [
    .executable(name: "synkti", targets: ["synkti"]),
    .library(name: "Assignment", targets: ["Assignment"]),
    .library(name: "LinearProgram", targets: ["LinearProgram"]),
    .library(name: "Simulation", targets: ["Simulation"]),
    .library(name: "Experiments", targets: ["Experiments"]),
    .library(name: "Reporting", targets: ["Reporting"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // Min-cost bipartite assignment; no dependencies, no Foundation.
    .target(name: "Assignment"),
    // COIN-OR CLP, the linear-programming solver (a system library).
    .systemLibrary(
      name: "CClp", pkgConfig: "clp", providers: [.apt(["coinor-libclp-dev"])]),
    // Linear programs solved by CLP: the lower bounds' solver.
    .target(name: "LinearProgram", dependencies: ["CClp"]),
    // The model: pure, deterministic, no I/O and no clock.
    .target(
      name: "Simulation",
      dependencies: [
        "Assignment", "LinearProgram",
        .product(name: "HeapModule", package: "swift-collections"),
      ]
    ),
    // Files in, runs out: catalog, scenarios, traces.
    .target(
      name: "Experiments",
      dependencies: [
        "Simulation", "Yams",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      plugins: ["ModelFingerprintPlugin"]
    ),
    // Hashes the model's sources at build (the fingerprint's code half).
    .plugin(name: "ModelFingerprintPlugin", capability: .buildTool()),
    // Statistics, Markdown tables, gnuplot figures, comparisons.
    .target(name: "Reporting", dependencies: ["Experiments", "Simulation"]),
    .executableTarget(
      name: "synkti",
      dependencies: [
        "Reporting",
        "Experiments",
        "Simulation",
        "Assignment",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(
      name: "SynktiTestSupport", dependencies: ["Simulation"], path: "Tests/SynktiTestSupport"),
    .testTarget(name: "AssignmentTests", dependencies: ["Assignment", "SynktiTestSupport"]),
    .testTarget(
      name: "LinearProgramTests",
      dependencies: ["LinearProgram", "Assignment"]),
    .testTarget(name: "SimulationTests", dependencies: ["Simulation", "SynktiTestSupport"]),
    // Runs the built CLI as a process (exit codes, fuzzing, kills); the
    // dependency only makes sure `synkti` is built first.
    .testTarget(name: "CLITests", dependencies: ["synkti"]),
    .testTarget(
      name: "ReportingTests",
      dependencies: ["Reporting", "Experiments", "SynktiTestSupport"],
      resources: [.copy("Golden")]
    ),
    .testTarget(
      name: "ExperimentsTests",
      dependencies: [
        "Experiments", "SynktiTestSupport", "Yams",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      resources: [.copy("Fixtures")]
    ),
  ]
)
