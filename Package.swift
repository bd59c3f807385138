// swift-tools-version: 6.0
// vecbench: a benchmark and diagnostics suite with its own vector-search engine.
// Target graph and import rules: see DESIGN.md ("Targets"). An arrow there is a
// dependency here; nothing else.
import PackageDescription

let package = Package(
    name: "vecbench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vecbench", targets: ["vecbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C shims: perf_event_open, ioctl, madvise/fallocate, CRC32C, prefetch.
        // Every exported symbol is prefixed `vb_`.
        .target(name: "CLinuxShims"),
        // libpfm4 (Debian: libpfm4-dev), linked as `pfm`.
        .systemLibrary(
            name: "CLibPfm",
            providers: [.apt(["libpfm4-dev"])]
        ),
        // libhdf5 (Debian: libhdf5-dev) behind `vb_h5_` functions, for
        // ann-benchmarks' HDF5 datasets.
        .target(
            name: "CHDF5",
            cSettings: [.unsafeFlags(["-I/usr/include/hdf5/serial"])],
            linkerSettings: [.linkedLibrary("hdf5_serial")]
        ),
        .target(name: "VectorCore", dependencies: ["CLinuxShims", "CHDF5"]),
        .target(
            name: "VectorIndex",
            dependencies: [
                "VectorCore", "CLinuxShims",
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(name: "VectorStorage", dependencies: ["VectorCore", "VectorIndex", "CLinuxShims"]),
        // Write-ahead log: segments, records, group commit, recovery.
        .target(
            name: "VectorWAL",
            dependencies: [
                "VectorCore", "CLinuxShims",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        // Collections, segments, seal scheduling, tenancy, the worker server.
        .target(
            name: "VectorEngine",
            dependencies: [
                "VectorCore", "VectorIndex", "VectorStorage", "VectorWAL",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // A TLB and cache hierarchy replayed from recorded accesses; nothing of the engine.
        .target(name: "MemoryModel", dependencies: ["CLinuxShims"]),
        .target(name: "HardwareCounters", dependencies: ["CLibPfm", "CLinuxShims", "VectorCore"]),
        // Workload files: schema, validation, data and arrival generators.
        // Imports BenchModel for the one engine-settings record a workload and a
        // result document share.
        .target(name: "Workloads", dependencies: ["VectorCore", "BenchModel", .product(name: "Yams", package: "Yams")]),
        // The result documents: Codable, versioned, no logic beyond derived values.
        .target(name: "BenchModel"),
        // Measures: the ANN benchmark today, the workload runner next.
        .target(
            name: "BenchRunner",
            dependencies: [
                "BenchModel", "VectorCore", "VectorIndex", "VectorStorage", "VectorWAL", "VectorEngine", "HardwareCounters",
                "Workloads", "MemoryModel",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // Writers: pure functions of result documents; they never measure.
        .target(name: "BenchReport", dependencies: ["BenchModel"]),
        .executableTarget(
            name: "vecbench",
            dependencies: [
                "VectorCore", "VectorIndex", "VectorStorage", "VectorWAL", "VectorEngine", "HardwareCounters",
                "BenchModel", "BenchRunner", "BenchReport", "Workloads",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // Fuzz targets (see FuzzHarness, `make fuzz`): a corpus replayer in a
        // normal build, a libFuzzer target when built with -DFUZZING.
        // A fixed, seeded search workload for Valgrind (`make bench-instructions`,
        // `make model-check`): no Foundation, which Valgrind 3.19 cannot load.
        .executableTarget(name: "VecbenchProbe", dependencies: ["VectorCore", "VectorIndex", "MemoryModel"]),
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzDataset", dependencies: ["FuzzSupport", "VectorCore"]),
        .executableTarget(name: "FuzzWAL", dependencies: ["FuzzSupport", "VectorWAL"]),
        .executableTarget(name: "FuzzSectionedFile", dependencies: ["FuzzSupport", "VectorCore", "VectorIndex", "VectorStorage"]),
        .executableTarget(name: "FuzzWorkerProtocol", dependencies: ["FuzzSupport", "VectorEngine"]),
        .executableTarget(name: "FuzzWorkload", dependencies: ["FuzzSupport", "Workloads"]),
        .executableTarget(name: "FuzzResults", dependencies: ["FuzzSupport", "BenchReport"]),
                // What several test targets share: temporary directories, file bytes,
        // the vecbench executable they re-run as a child.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "VectorCoreTests", dependencies: ["VectorCore", "CLinuxShims", "CHDF5"]),
        .testTarget(name: "VectorIndexTests", dependencies: [
            "VectorIndex", "VectorCore", .product(name: "HeapModule", package: "swift-collections"),
        ]),
        .testTarget(name: "VectorStorageTests", dependencies: ["TestSupport", "VectorStorage", "VectorIndex", "VectorCore"]),
        .testTarget(name: "VectorWALTests", dependencies: ["TestSupport", "VectorWAL", "VectorCore"]),
        .testTarget(name: "VectorEngineTests", dependencies: ["TestSupport", "VectorEngine", "VectorCore", "VectorIndex", "VectorStorage", "VectorWAL"]),
        .testTarget(name: "WorkloadsTests", dependencies: ["Workloads", "VectorCore", "BenchModel"]),
        .testTarget(name: "BenchRunnerTests", dependencies: ["TestSupport", "BenchRunner", "BenchModel", "VectorCore", "VectorIndex", "Workloads", "HardwareCounters", "MemoryModel", "CHDF5"]),
        // Golden files and fixtures are read by path (GoldenFile), not bundled.
        .testTarget(name: "BenchReportTests", dependencies: ["BenchReport", "BenchModel"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "vecbenchTests", dependencies: ["vecbench", "BenchRunner"]),
        .testTarget(name: "HardwareCountersTests", dependencies: ["HardwareCounters", "VectorCore"]),
        .testTarget(name: "MemoryModelTests", dependencies: ["MemoryModel"]),
    ],
    swiftLanguageModes: [.v6]
)
