import ConsoleKit
import Fluent
import Foundation
import GongkaiCore
import Vapor

/// `gongkai user create --name NAME --unit UNIT_NAME --role ROLE [--role ROLE] --password-stdin`
struct UserCommands: AsyncCommandGroup {
    var help: String { "管理工作人员账号" }
    var commands: [String: any AnyAsyncCommand] { ["create": CreateUser()] }

    struct CreateUser: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "name", help: "登录名") var name: String?
            @Option(name: "display-name", help: "姓名（默认同登录名）") var displayName: String?
            @Option(name: "unit", help: "所属单位全称，或配合 --site 使用简称") var unit: String?
            @Option(name: "site", help: "站点标识或名称，例如 hukou") var site: String?
            @Option(name: "role", help: "角色：editor 编辑、reviewer 审核、guide 指导单位、admin 公开办；可重复") var role: String?
            @Flag(name: "password-stdin", help: "从标准输入读取密码") var passwordStdin: Bool
        }

        var help: String { "创建账号" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            guard let name = signature.name, let unitName = signature.unit, let roleText = signature.role else {
                throw CommandFailure("缺少参数。用法：gongkai user create --name 登录名 --unit 单位全称 --role 角色 [--role 角色] --password-stdin")
            }
            guard signature.passwordStdin else {
                throw CommandFailure("请使用 --password-stdin 从标准输入提供密码（密码不应出现在命令行里）。")
            }
            var roles = Set<Role>()
            for text in roleText.split(separator: ",").map(String.init) {
                guard let role = Role(argument: text) else {
                    throw CommandFailure("未知角色“\(text)”。可用角色：editor（编辑）、reviewer（审核）、guide（指导单位）、admin（公开办管理员）。")
                }
                roles.insert(role)
            }
            let password = try CommandSupport.readPassword()
            let unit = try await CommandSupport.findUnit(unitName, site: signature.site, on: app.db)
            do {
                let user = try await UsersActions.create(
                    StaffAccountDraft(name: name, displayName: signature.displayName ?? name, roles: roles, password: password),
                    unitID: unit.id, by: .commandLine(siteID: unit.$site.id), app: app, on: app.db)
                context.console.print("已创建账号 \(user.name)：\(unit.name)，角色 \(roles.sorted().map(\.label).joined(separator: "、"))。")
            } catch let refusal as ActionError {
                throw CommandFailure("无法创建账号：\n" + refusal.reason)
            }
        }
    }
}

/// `gongkai token create --user NAME [--label TEXT]` prints the token once.
struct TokenCommands: AsyncCommandGroup {
    var help: String { "管理 API 令牌" }
    var commands: [String: any AnyAsyncCommand] { ["create": CreateToken()] }

    struct CreateToken: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "user", help: "账号的登录名") var user: String?
            @Option(name: "label", help: "令牌用途") var label: String?
        }

        var help: String { "为账号创建 API 令牌（只显示一次）" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            guard let name = signature.user else { throw CommandFailure("缺少参数。用法：gongkai token create --user 登录名") }
            guard let user = try await UserRecord.query(on: app.db).filter(\.$name == name).first() else {
                throw CommandFailure("没有登录名为“\(name)”的账号。")
            }
            let token: String
            do {
                token = try await UsersActions.createToken(label: signature.label ?? "命令行创建", for: try user.requireID(),
                                                           by: .commandLine(siteID: user.$site.id), at: app.gongkai.now, on: app.db)
            } catch let refusal as ActionError {
                throw CommandFailure(refusal.reason)
            }
            // The token alone on stdout, so that scripts can capture it; the note goes to stderr.
            FileHandle.standardError.write(Data("已为 \(user.name) 创建 API 令牌，请妥善保存，它不会再次显示：\n".utf8))
            print(token)
        }
    }
}
