import Foundation
import GongkaiCore
import GongkaiServer

// gongkai-bench NAME [--tiny]: benchmarks over generated data, printing JSON. Not timed tests: the figures
// are for notes and comparisons on the same machine.
let arguments = Array(CommandLine.arguments.dropFirst())
let tiny = arguments.contains("--tiny")
let name = arguments.first { !$0.hasPrefix("-") } ?? "foundation"
GongkaiMain.bootstrapLogging(level: .error)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

switch name {
case "foundation":
    // Permission checks: every request makes a few, so they must cost next to nothing.
    let actors = Role.allCases.map { AccessActor(siteID: 1, unitID: $0.hashValue & 7, roles: [$0]) }
    let checks = tiny ? 10_000 : 5_000_000
    var allowed = 0
    let permissionTime = seconds {
        for i in 0..<checks {
            let actor = actors[i & 3]
            let action = AccessAction.allCases[i % AccessAction.allCases.count]
            if AccessRules.can(actor, action, AccessTarget(siteID: 1, unitID: i & 7)) { allowed += 1 }
        }
    }
    let pages = try await PortalBenchmark.run(requests: tiny ? 20 : 2_000)
    var result: [String: Any] = [
        "benchmark": "foundation",
        "permission_checks_per_second": Int(Double(checks) / permissionTime),
        "permission_checks_allowed": allowed,
    ]
    for (path, rate) in pages { result["pages_per_second \(path)"] = Int(rate) }
    let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
default:
    FileHandle.standardError.write(Data("未知的基准测试“\(name)”。可用：foundation\n".utf8))
    exit(2)
}
