// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "switchboard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        // Callback POSTs over http and https (already built for HummingbirdTesting).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // The SMPP client's channel (already built for Hummingbird).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // glibc's <malloc.h>, for the server's allocator settings (part of libc: nothing to link).
        .systemLibrary(name: "CGlibcMalloc"),
        .target(name: "SwitchboardCore"),
        .target(
            name: "SwitchboardSite",
            dependencies: [
                "SwitchboardCore",
                "CCmarkGFM",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Theme")]
        ),
        .target(name: "SwitchboardStore", dependencies: ["SwitchboardCore"]),
        // SMPP 3.4: the PDU codec (pure bytes), text encodings, receipts, and the client link over SwiftNIO.
        .target(
            name: "SwitchboardSMPP",
            dependencies: [
                "SwitchboardCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SwitchboardServer",
            dependencies: [
                "SwitchboardSite",
                "SwitchboardStore",
                "SwitchboardSMPP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                .target(name: "CGlibcMalloc", condition: .when(platforms: [.linux])),
                "SwitchboardSite",
                "SwitchboardStore",
                "SwitchboardServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "SwitchboardCoreTests", dependencies: ["SwitchboardCore"]),
        .testTarget(name: "SwitchboardSiteTests", dependencies: ["SwitchboardSite"]),
        .testTarget(name: "SwitchboardSMPPTests", dependencies: ["SwitchboardSMPP"]),
        .testTarget(name: "SwitchboardStoreTests", dependencies: ["SwitchboardStore", "store-crash-child"]),
        .testTarget(
            name: "SwitchboardServerTests",
            dependencies: [
                "SwitchboardServer", "SwitchboardSite", "SwitchboardStore", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        // A child process the store's crash test SIGKILLs in the middle of concurrent writes.
        .executableTarget(name: "store-crash-child", dependencies: ["SwitchboardStore"]),
        // `make bench-store`: durable appends against SQLite (loaded at run time, so building
        // needs no SQLite headers), start-up with 1M sends.
        .executableTarget(name: "switchboard-bench-store", dependencies: ["SwitchboardStore"]),
    ]
)
