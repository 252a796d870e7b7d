import Foundation
import Testing

/// The command-line contracts scripts rely on, run as a user runs them: the real `gongkai` executable on a fresh
/// data directory (always SQLite; the database code under it is tested on both databases elsewhere).
@Suite("Command line: calendar, deadline, timelimit", .serialized)
struct CommandLineTests {
    struct Run {
        let status: Int32
        let out: String
        let err: String
    }

    static var executable: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [here, here.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("gongkai")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/gongkai")
    }

    static func run(_ arguments: [String], dataDir: String, stdin: String? = nil, extraEnvironment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GONGKAI_DATA_DIR"] = dataDir
        environment["DATABASE_URL"] = nil
        environment["LOG_LEVEL"] = nil  // what a user gets by default
        environment.merge(extraEnvironment) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                   err: String(decoding: errData, as: UTF8.self))
    }

    static func freshDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-cli-\(UUID().uuidString)").path
    }

    @Test("serve on a port already taken says so in Chinese and exits non-zero, before printing any address (issue 18, item 4)")
    func busyPort() throws {
        // Hold a port: a listening socket on 127.0.0.1, the system's choice.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let run = try Self.run(["serve", "--hostname", "127.0.0.1", "--port", String(port)], dataDir: Self.freshDir(),
                               extraEnvironment: ["GONGKAI_DEMO": "0"])
        #expect(run.status != 0)
        #expect(run.err.contains("地址 127.0.0.1:\(port) 已被占用"), "\(run.err)")
        #expect(!run.out.contains("门户网站：") && !run.err.contains("Address already in use"))
    }

    @Test("the gongkai executable was built")
    func executableExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable.path), "\(Self.executable.path)")
    }

    @Test("calendar days prints date,kind,confirmed for every date")
    func days() throws {
        let dir = Self.freshDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try Self.run(["calendar", "days", "--from", "2020-01-01", "--to", "2027-01-05"], dataDir: dir)
        #expect(result.status == 0)
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "date,kind,confirmed")
        #expect(lines.count == 1 + 2557 + 5)
        #expect(lines.contains("2020-02-01,holiday,yes"))
        #expect(lines.contains("2022-12-31,holiday,yes"))
        #expect(lines.contains("2024-02-04,makeup-workday,yes"))
        #expect(lines.contains("2026-10-10,makeup-workday,yes"))
        #expect(lines.contains("2026-10-12,workday,yes"))
        #expect(lines.contains("2027-01-01,workday,no"))
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 3 })
    }

    @Test("deadline prints the due date alone; bad input exits non-zero with a message")
    func deadline() throws {
        let dir = Self.freshDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let working = try Self.run(["deadline", "--start", "2024-09-27", "--working-days", "20"], dataDir: dir)
        #expect(working.status == 0 && working.out == "2024-10-30\n")
        #expect(try Self.run(["deadline", "--start", "2026-09-16", "--calendar-days", "15"], dataDir: dir).out == "2026-10-08\n")
        #expect(try Self.run(["deadline", "--start", "2026-01-31", "--months", "1"], dataDir: dir).out == "2026-02-28\n")
        let bad = try Self.run(["deadline", "--start", "2026-02-30", "--working-days", "20"], dataDir: dir)
        #expect(bad.status != 0 && bad.out.isEmpty && bad.err.contains("不是有效日期"))
        #expect(bad.err == "错误：--start 的值“2026-02-30”不是有效日期，应为 2024-09-27 这样的格式。\n")  // said once
        let none = try Self.run(["deadline", "--start", "2026-02-03"], dataDir: dir)
        #expect(none.status != 0 && none.err.contains("缺少期限长度"))
        let two = try Self.run(["deadline", "--start", "2026-02-03", "--months", "1", "--working-days", "2"], dataDir: dir)
        #expect(two.status != 0)
        let negative = try Self.run(["deadline", "--start", "2026-02-03", "--working-days", "-3"], dataDir: dir)
        #expect(negative.status != 0)
    }

    @Test("importing 2027 turns a deadline into it from 未确认 to confirmed; a bad file changes nothing")
    func importYear() throws {
        let dir = Self.freshDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try Self.run(["deadline", "--start", "2026-12-20", "--working-days", "20"], dataDir: dir)
        #expect(before.out == "2027-01-15\n" && before.err.contains("未确认"))
        let file = dir + "-2027.csv"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "date,kind\n2027-01-01,holiday\n2027-01-06,makeup-workday\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try Self.run(["calendar", "import", file], dataDir: dir)
        #expect(bad.status != 0 && bad.err.contains("第3行") && bad.err.contains("没有任何改动"))
        try "date,kind\n2027-01-01,holiday\n2027-01-02,holiday\n2027-01-03,holiday\n2027-02-06,makeup-workday\n2027-02-08,holiday\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let ok = try Self.run(["calendar", "import", file, "--notice", "国办发明电〔2026〕9号"], dataDir: dir)
        #expect(ok.status == 0, "\(ok.err)")
        let after = try Self.run(["deadline", "--start", "2026-12-20", "--working-days", "20"], dataDir: dir)
        #expect(after.out == "2027-01-18\n" && !after.err.contains("未确认"))
        #expect(try Self.run(["calendar", "days", "--from", "2027-02-06", "--to", "2027-02-06"], dataDir: dir).out
            == "date,kind,confirmed\n2027-02-06,makeup-workday,yes\n")
        #expect(try Self.run(["calendar", "years"], dataDir: dir).out.contains("2027  国办发明电〔2026〕9号"))
    }

    @Test("calendar month draws a grid with 休 and 班; timelimit parse prints JSON")
    func monthAndTimeLimit() throws {
        let dir = Self.freshDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let month = try Self.run(["calendar", "month", "2026-10"], dataDir: dir)
        #expect(month.status == 0)
        #expect(month.out.contains("2026年10月") && month.out.contains(" 1休") && month.out.contains("10班"))
        #expect(month.out.contains("国办发明电〔2025〕7号"))
        #expect(try Self.run(["calendar", "month", "2026-13"], dataDir: dir).status != 0)
        let parsed = try Self.run(["timelimit", "parse", "制定或获取信息之日起10个工作日内，公示7个工作日"], dataDir: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(parsed.out.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "period")
        #expect(object["amount"] as? Int == 10)
        #expect(object["unit"] as? String == "working-days")
        #expect(object["triggers"] as? [String] == ["制定", "获取"])
        #expect((object["stages"] as? [[String: Any]])?.first?["label"] as? String == "公示")
        let column = try Self.run(["timelimit", "column"], dataDir: dir, stdin: "20个工作日\n同上\n按要求\n")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(column.out.utf8)) as? [[String: Any]])
        #expect(array.map { $0["kind"] as? String } == ["period", "period", "unparsed"])
        let missing = try Self.run(["timelimit", "parse"], dataDir: dir)
        #expect(missing.status == 1 && missing.err.contains("缺少必需的参数") && !missing.err.contains("Fatal error"))
    }
}
