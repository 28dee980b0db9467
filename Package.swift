// swift-tools-version:6.2
import PackageDescription

/// Our own targets: `any` spelled out, and every warning an error (CI fails on a warning).
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny"), .treatAllWarnings(as: .error)]

let package = Package(
    name: "ccl10n",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ccl10n", targets: ["ccl10n"]),
        .library(name: "L10nPipeline", targets: ["L10nPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(
            name: "L10nPipeline",
            dependencies: ["CICU", "CLibXML2", "CCmarkGFM", "CYAML"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ccl10n",
            dependencies: ["L10nPipeline", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .systemLibrary(name: "CFuzzerDriver"),
        .executableTarget(
            name: "ccl10n-fuzz",
            dependencies: ["L10nPipeline", "CFuzzerDriver"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "L10nPipelineTests",
            dependencies: ["L10nPipeline"],
            swiftSettings: strict
        ),
    ]
)
