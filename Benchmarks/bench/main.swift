// The course's speed figures: `swift run bench` (debug build, what students get) and
// `swift run -c release bench`. Each line is a name and a rate; higher is better.
//
//   swift run bench                         every group
//   swift run bench --only matmul,mlp       some groups
//   swift run bench --only virtualtaobao    the learned simulator, one session vs a batch of 64
//   swift run bench --only ppo-update       the PPO update phase alone (beside ../shared/peers/torch_ppo_update.py)
//   RECRL_THREADS=1 swift run bench         every product on one core (the "cores:" line says what ran)
//   valgrind --tool=callgrind .build/debug/bench --only count    instruction counts (CountBench.swift)
//   swift run bench --virtualtb DIR         also the VirtualTB-v0 port (default ../shared/virtualtb if present)
//   swift run -c release bench --only trpo-vs-ppo   TRPO beside PPO, score and wall time (minutes; only when named)
import ArgumentParser
import Foundation
import RecRL

struct Bench: ParsableCommand {
    static let groups = [
        "matmul", "mlp", "world", "virtualtaobao", "virtualtb", "ddpg", "ppo-update", "ppo", "gansd", "trpo",
        "mail", "trpo-vs-ppo", "count",
    ]

    @Option(help: "Comma-separated groups to run: \(Bench.groups.joined(separator: ", ")).")
    var only: String?

    @Option(help: "Folder of the exported VirtualTB-v0 weights.")
    var virtualtb: String?

    func validate() throws {
        for group in selected where !Bench.groups.contains(group) {
            throw ValidationError("unknown group '\(group)'; choose from \(Bench.groups.joined(separator: ", "))")
        }
    }

    /// The groups asked for; by default every group but "count" (a workload for callgrind, no figures).
    var selected: [String] {
        only.map { $0.split(separator: ",").map(String.init) } ?? Bench.groups.filter { $0 != "count" }
    }

    func run() throws {
        #if DEBUG
            let configuration = "debug"
        #else
            let configuration = "release"
        #endif
        print("RecRL bench (\(configuration) build; every figure by wall clock)")
        print("cores: \(Tensor.computeSummary)")
        func show(_ rows: [(String, Double)]) {
            for (name, value) in rows {
                print(name.padding(toLength: 84, withPad: " ", startingAt: 0), String(format: "%12.2f", value))
            }
        }
        if selected.contains("count") {
            try runCountWorkload()
            print("count: the callgrind workload ran (see CountBench.swift)")
        }
        if selected.contains("matmul") { show(benchMatmul()) }
        if selected.contains("mlp") { show(benchMLP()) }
        if selected.contains("world") { show(benchWorld()) }
        if selected.contains("virtualtaobao") { show(benchVirtualTaobao()) }
        let directory = virtualtb ?? "../shared/virtualtb"
        let virtualTBDirectory = FileManager.default.fileExists(atPath: directory + "/manifest.json") ? directory : nil
        if virtualTBDirectory == nil {
            print("(VirtualTB-v0 figures skipped: no exported weights at \(directory); pass --virtualtb DIR)")
        }
        if selected.contains("virtualtb"), let virtualTBDirectory {
            show(benchVirtualTB(directory: virtualTBDirectory))
        }
        if selected.contains("ddpg") { show(try benchDDPG(virtualtbDirectory: virtualTBDirectory)) }
        if selected.contains("ppo-update") { show(try benchPPOUpdate()) }
        if selected.contains("ppo") { show(try benchPPO(virtualtbDirectory: virtualTBDirectory)) }
        if selected.contains("gansd") { show(benchGANSD()) }
        if selected.contains("trpo") { show(try benchTRPO(virtualtbDirectory: virtualTBDirectory)) }
        if selected.contains("mail") { show(try benchMAIL()) }
        if only != nil && selected.contains("trpo-vs-ppo") {  // minutes: only when named
            try compareTRPOWithPPO(virtualtbDirectory: virtualTBDirectory)
        }
    }
}

Bench.main()
