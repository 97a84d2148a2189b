// The course's speed figures: `swift run bench` (debug build, what students get) and
// `swift run -c release bench`. Each line is a name and a rate; higher is better.
import Foundation

#if DEBUG
    let configuration = "debug"
#else
    let configuration = "release"
#endif

print("RecRL bench (\(configuration) build)")
for (name, value) in benchMatmul() {
    print(name.padding(toLength: 60, withPad: " ", startingAt: 0), String(format: "%10.2f", value))
}
for (name, value) in benchMLP() {
    print(name.padding(toLength: 60, withPad: " ", startingAt: 0), String(format: "%10.2f", value))
}
for (name, value) in benchWorld() {
    print(name.padding(toLength: 60, withPad: " ", startingAt: 0), String(format: "%10.2f", value))
}
