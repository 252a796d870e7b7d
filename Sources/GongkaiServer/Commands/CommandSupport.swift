import ConsoleKit
import Fluent
import Foundation
import GongkaiCore
import Vapor

/// A command-line failure: printed in Chinese, exit status non-zero, nothing half-done.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

enum CommandSupport {
    /// ConsoleKit reads an option once; `--role editor --role reviewer` is folded into `--role editor,reviewer`
    /// before parsing so that repeated options work as scripts expect.
    static func foldRepeatedOptions(_ arguments: [String], names: Set<String> = ["--role"]) -> [String] {
        var result: [String] = []
        var seen: [String: Int] = [:]
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if names.contains(argument), i + 1 < arguments.count {
                if let index = seen[argument] {
                    result[index] += "," + arguments[i + 1]
                } else {
                    result.append(argument)
                    result.append(arguments[i + 1])
                    seen[argument] = result.count - 1
                }
                i += 2
            } else {
                result.append(argument)
                i += 1
            }
        }
        return result
    }

    /// Reads one line from standard input (for `--password-stdin`), without the line break.
    static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandFailure("没有从标准输入读到密码。用法示例：echo '密码' | gongkai user create … --password-stdin")
        }
        return line
    }

    /// Finds a unit by full name, or by short name/alias within `--site`, listing candidates when unsure.
    static func findUnit(_ name: String, site: String?, on db: any Database) async throws -> OrgUnitRecord {
        let candidates = try await UnitQueries.candidates(siteSlug: site, on: db)
        if let site, candidates.isEmpty {
            throw CommandFailure("没有找到站点“\(site)”。可用的站点：\(try await SiteQueries.all(on: db).map { "\($0.name)（\($0.slug)）" }.joined(separator: "、"))")
        }
        switch UnitNameMatch.find(name, in: candidates) {
        case .found(let candidate):
            return try await UnitQueries.find(candidate.id, on: db)
        case .ambiguous(let matches):
            throw CommandFailure("单位名称“\(name)”对应多个单位，请用全称或加上 --site：\n"
                + matches.map { "  - \($0.name)（\($0.siteName)）" }.joined(separator: "\n"))
        case .notFound(let suggestions):
            let hint = suggestions.isEmpty ? "请用 --unit 给出单位全称，例如 湖口县民政局。"
                : "是否是：\n" + suggestions.map { "  - \($0.name)（\($0.siteName)）" }.joined(separator: "\n")
            throw CommandFailure("没有找到单位“\(name)”。\(hint)")
        }
    }
}
