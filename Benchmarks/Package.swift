// swift-tools-version: 6.1
// Benchmarks live in their own package so the main package never builds them
// (as swift-nio does). Run with `make bench` from the repository root.
import PackageDescription

let package = Package(
  name: "SynktiBenchmarks",
  dependencies: [
    .package(name: "Synkti", path: "../")
  ],
  targets: [
    .executableTarget(
      name: "synkti-bench",
      dependencies: [
        .product(name: "Simulation", package: "Synkti"),
        .product(name: "Assignment", package: "Synkti"),
        .product(name: "Experiments", package: "Synkti"),
      ],
      swiftSettings: [.unsafeFlags(["-Ounchecked"])]
    )
  ]
)
