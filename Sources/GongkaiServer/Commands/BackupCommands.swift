import ConsoleKit
import Foundation
import Vapor

/// `gongkai backup --output DIR` and `gongkai restore --input DIR`.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "output", help: "备份目录（不存在或为空）") var output: String?
    }

    var help: String { "在线备份数据库和附件（SQLite）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let output = signature.output else { throw CommandFailure("缺少参数。用法：gongkai backup --output 备份目录") }
        let result = try await Backup.create(app: app, into: output)
        context.console.print("备份完成：\(result.directory)（数据库 \(result.databaseBytes / 1024) KB，附件 \(result.fileCount) 个）")
    }
}

struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "input", help: "gongkai backup 生成的备份目录") var input: String?
    }

    var help: String { "从备份目录恢复（SQLite；请先停止服务）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let input = signature.input else { throw CommandFailure("缺少参数。用法：gongkai restore --input 备份目录") }
        let aside = try Backup.restore(config: context.application.gongkai.config, from: input)
        context.console.print("已从 \(input) 恢复。恢复前的数据已移到 \(aside)，确认无误后可自行删除。")
    }
}
