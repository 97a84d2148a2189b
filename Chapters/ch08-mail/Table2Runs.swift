// One seed of Table 2: TRPO-ANC trained in a day-0 simulator, then deployed on each day in that
// method's simulator of the day and in TaobaoWorld at that day. Everything comes in as a parameter,
// so the seeds train at once on the machine's cores (`concurrentMap`), each with its own policy and
// random streams: the numbers are those of running them one after another.
import Foundation
import RecRL

/// R2P improvements (%) of one seed's policy over the historical engine, per day, and the policy's
/// mean action norm in TaobaoWorld per day.
struct Table2Run: Sendable {
    var seed: UInt64
    var virtual: [Double] = []
    var real: [Double] = []
    var norms: [Double] = []
}

/// What every seed of one method shares.
struct Table2Setting: Sendable {
    /// The day-0 simulator the policy trains in.
    var trainingSimulator: VirtualTaobao
    /// The method's simulator of each later day.
    var laterSimulators: [Double: VirtualTaobao]
    var days: [Double]
    var trpoIterations: Int
    var rho: Double
    var mu: Double
    var evaluationSessions: Int
}

/// Table 2's seeds for one method, at once on the machine's cores (one after another on one core):
/// the runs in the order of `seeds`, or the first failure.
func table2Runs(_ method: String, seeds: [UInt64], setting: Table2Setting) throws(TrainingDiverged) -> [Table2Run] {
    let inPlace = ProgressLine.redrawsInPlace(runningAtOnce: seeds.count)
    let outcomes = concurrentMap(seeds) { seed -> Result<Table2Run, TrainingDiverged> in
        do throws(TrainingDiverged) {
            let policy = try TrainedEngines.trpoWithANC(
                in: setting.trainingSimulator, iterations: setting.trpoIterations, rho: setting.rho, mu: setting.mu,
                seed: seed, label: "TRPO-ANC in \(method), seed \(seed)", progressInPlace: inPlace)
            var run = Table2Run(seed: seed)
            for day in setting.days {
                let simulator = day == 0 ? setting.trainingSimulator : setting.laterSimulators[day]!
                let sessions = setting.evaluationSessions
                run.virtual.append(
                    100 * Deployment(simulator, policy: policy, sessions: sessions, seed: seed &+ 7).improvement)
                let inWorld = Deployment(TaobaoWorld(day: day), policy: policy, sessions: sessions, seed: seed &+ 7)
                run.real.append(100 * inWorld.improvement)
                run.norms.append(inWorld.policyActionNorm)
            }
            return .success(run)
        } catch {
            return .failure(error)
        }
    }
    return try outcomes.map { outcome throws(TrainingDiverged) in try outcome.get() }
}
