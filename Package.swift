// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Gongkai",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gongkai", targets: ["gongkai"]),
        .executable(name: "gongkai-bench", targets: ["gongkai-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Tests only: property-based checks of the deadline arithmetic (no dependencies of its own).
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .target(name: "GongkaiCore"),
        // The FTS5 ranking function of the search (C, because FTS5 auxiliary functions are a C interface).
        .target(name: "CGongkaiRank", linkerSettings: [.linkedLibrary("m")]),
        .target(
            name: "GongkaiInterchange",
            dependencies: [
                "GongkaiCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "GongkaiServer",
            dependencies: [
                "GongkaiCore",
                "GongkaiInterchange",
                "CGongkaiRank",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(name: "gongkai", dependencies: ["GongkaiServer"]),
        .executableTarget(
            name: "gongkai-bench",
            dependencies: [
                "GongkaiCore", "GongkaiInterchange", "GongkaiServer",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
            ]
        ),
        .testTarget(
            name: "GongkaiCoreTests",
            dependencies: ["GongkaiCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "GongkaiInterchangeTests",
            dependencies: ["GongkaiInterchange", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "GongkaiServerTests",
            dependencies: [
                "GongkaiServer",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            // Read from the source folder by `ViewSnapshot`, not bundled.
            exclude: ["__Snapshots__"]
        ),
    ]
)
