// swift-tools-version: 6.0
// Truant: multilevel, survival and measurement models for research on truancy and early school leaving.
// Licence: GPL-3.0-or-later (links R's standalone math library, which is GPL).
import PackageDescription

let package = Package(
    name: "Truant",
    products: [
        .executable(name: "truant", targets: ["truant"]),
        .library(name: "Linalg", targets: ["Linalg"]),
        .library(name: "Distributions", targets: ["Distributions"]),
        .library(name: "Frames", targets: ["Frames"]),
        .library(name: "Formula", targets: ["Formula"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Script", targets: ["Script"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: - C system libraries (Debian packages; nothing vendored)
        .systemLibrary(name: "CLapack", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CNLopt", pkgConfig: "nlopt", providers: [.apt(["libnlopt-dev"])]),
        .systemLibrary(name: "CRmath", pkgConfig: "libRmath", providers: [.apt(["r-mathlib"])]),
        .systemLibrary(name: "CReadStat", providers: [.apt(["libreadstat-dev"])]),     // no .pc file
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),

        // MARK: - Our own C kernels (run-time choice of vector instructions)
        .target(name: "CKernels"),

        // MARK: - Library modules (dependencies point down only)
        .target(name: "Linalg", dependencies: ["CLapack", "CKernels"]),
        .target(name: "Distributions", dependencies: ["Linalg", "CRmath"]),
        .target(name: "Frames", dependencies: ["CReadStat", "CSQLite"]),
        .target(name: "Formula", dependencies: ["Frames", "Linalg"]),
        .target(name: "Models", dependencies: ["Formula", "Frames", "Linalg", "Distributions", "CNLopt", "CKernels"]),
        .target(name: "Reports", dependencies: ["Models", "Formula", "Frames", "Distributions", "Linalg"]),
        .target(name: "Script", dependencies: ["CEditLine", "Reports", "Models", "Formula", "Frames", "Distributions", "Linalg"]),
        .executableTarget(name: "truant", dependencies: [
            "Script", "Reports", "Models", "Formula", "Frames", "Distributions", "Linalg",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: - Tests (Swift Testing; fixtures in Tests/Fixtures)
        .target(name: "TestSupport", dependencies: [], path: "Tests/TestSupport"),
        .testTarget(name: "LinalgTests", dependencies: ["Linalg", "CKernels", "TestSupport"]),
        .testTarget(name: "DistributionsTests", dependencies: ["Distributions", "TestSupport"]),
        .testTarget(name: "FramesTests", dependencies: ["Frames", "TestSupport"]),
        .testTarget(name: "FormulaTests", dependencies: ["Formula", "Frames", "TestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "CKernels", "Formula", "Frames", "Distributions", "Linalg", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Models", "Formula", "Frames", "TestSupport"]),
        .testTarget(name: "ScriptTests", dependencies: ["Script", "TestSupport"]),
        .testTarget(name: "TruantCLITests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
