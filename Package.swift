// swift-tools-version:6.1
// RecRL — a course on reinforcement learning for recommendation, rebuilt in Swift.
//
//   swift run ch02-gradients     run a chapter (a notebook that prints, plots and writes a report)
//   swift test                   check the library and your exercises
//
// Layout:  Sources/RecRL       the one shared library (tensors, autodiff, nets, RL, the Taobao world)
//          Chapters/chNN-name  one executable per chapter
//          Exercises/chNN-name your stubs, one module per chapter (SOLUTIONS=1 builds Solutions/ instead)
//          Tests/              library tests and the exercise checks
import Foundation
import PackageDescription

/// The chapters of the course, in reading order. Each is `Chapters/<name>/main.swift`,
/// run as `swift run <name>`.
let chapters = [
    "ch01-mdp",
    "ch02-gradients",
    "ch03-policy-gradient",
    "ch04-ddpg",
    "ch05-ppo",
    "ch06-split-ppo",
    "ch07-gan-sd",
    "ch08-mail",
    "ch09-anc",
    "ch10-ab-test",
]

/// `SOLUTIONS=1 swift test` builds the reference solutions in place of the student's stubs.
let useSolutions = Context.environment["SOLUTIONS"] == "1"

/// Each chapter's exercises are a module of their own, `ChNNExercises`: the stubs in
/// `Exercises/<chapter>` (or the reference solutions in `Solutions/<chapter>` with SOLUTIONS=1).
/// A half-written stub for chapter 5 then stops `swift run ch05-ppo` (and `swift test`, whose
/// exercise checks import every chapter's module) with the compiler's message naming the file,
/// while every other chapter still builds and runs.
func exercises(_ chapter: String) -> String {
    "Ch" + chapter.dropFirst(2).prefix(2) + "Exercises"
}

/// The library's hot loops must be fast in the debug build that `swift run` uses, so the library
/// is compiled with optimisation in every configuration (a plain debug Swift loop is ~100x slower).
let optimisedInDebug: [SwiftSetting] = [
    .unsafeFlags(["-O"], .when(configuration: .debug))
]
/// The same for the C matrix kernel (Sources/MatrixKernelC): optimised in every configuration.
let optimisedCInDebug: [CSetting] = [
    .unsafeFlags(["-O3"], .when(configuration: .debug))
]

let package = Package(
    name: "RecRL",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RecRL", targets: ["RecRL"])
    ]
        + chapters.map { .executable(name: $0, targets: [$0]) }
        + [.executable(name: "bench", targets: ["bench"])],
    traits: [
        .trait(
            name: "GnuplotIostream",
            description: "Send plots through the C++ gnuplot-iostream header (apt-get install "
                + "libgnuplot-iostream-dev) instead of a plain gnuplot pipe.")
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .target(
            name: "RecRL",
            dependencies: [
                .target(name: "GnuplotShim", condition: .when(traits: ["GnuplotIostream"])),
                "MatrixKernelC",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/RecRL",
            swiftSettings: optimisedInDebug),
        // The AVX2+FMA and AVX-512 matrix kernels behind MatrixKernel, and the exp, tanh and Adam
        // loops behind VectorMath (the same two instruction sets). Only the kernel functions are compiled for those instruction
        // sets (per-function target attributes, x86-64 only) and they run only when the CPU has
        // them, so the package needs no -march flag and runs on any x86-64 and on arm64.
        .target(
            name: "MatrixKernelC",
            path: "Sources/MatrixKernelC",
            cSettings: optimisedCInDebug),
        // The C entry point to the C++ header gnuplot-iostream (Sources/GnuplotShim). It compiles
        // to stubs unless the GnuplotIostream trait is on and <gnuplot-iostream.h> is installed,
        // and links Boost only with the trait, so the default build needs no system package.
        .target(
            name: "GnuplotShim",
            path: "Sources/GnuplotShim",
            cxxSettings: [
                .define("RECRL_WITH_GNUPLOT_IOSTREAM", .when(traits: ["GnuplotIostream"]))
            ],
            // gnuplot-iostream writes through Boost.Iostreams' file_descriptor_sink (compiled code);
            // the rest of what it uses from Boost is header-only.
            linkerSettings: [
                .linkedLibrary("boost_iostreams", .when(traits: ["GnuplotIostream"]))
            ]),
        .executableTarget(
            name: "bench",
            dependencies: [
                "RecRL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/bench"),
        .testTarget(
            name: "RecRLTests",
            dependencies: ["RecRL"],
            path: "Tests/RecRLTests"),
        .testTarget(
            name: "ExerciseChecks",
            dependencies: ["RecRL"] + chapters.map { .target(name: exercises($0)) },
            path: "Tests/ExerciseChecks"),
    ]
        + chapters.map { name in
            .target(
                name: exercises(name),
                dependencies: ["RecRL"],
                path: (useSolutions ? "Solutions/" : "Exercises/") + name)
        }
        + chapters.map { name in
            .executableTarget(
                name: name,
                dependencies: [
                    "RecRL", .target(name: exercises(name)),
                    .product(name: "ArgumentParser", package: "swift-argument-parser"),
                ],
                path: "Chapters/\(name)",
                exclude: ["README.md", "NOTES.md"].filter { page in
                    FileManager.default.fileExists(atPath: "\(Context.packageDirectory)/Chapters/\(name)/\(page)")
                })
        }
)
