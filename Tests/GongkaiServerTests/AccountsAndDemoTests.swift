import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

@Suite("Accounts, demo data and backups", .serialized)
struct AccountsAndDemoTests {
    @Test("the demo holds every unit the seeds name, and loading it again changes nothing")
    func demoIsIdempotent() async throws {
        try await TestApp.run { app, _ in
            let units = try await OrgUnitRecord.query(on: app.db).count()
            let users = try await UserRecord.query(on: app.db).count()
            let again = try await DemoLoader.load(app: app, on: app.db)
            #expect(again.createdSites == 0 && again.createdUnits == 0 && again.createdUsers == 0)
            #expect(try await OrgUnitRecord.query(on: app.db).count() == units)
            #expect(try await UserRecord.query(on: app.db).count() == users)

            let hukou = try await SiteQueries.bySlug("hukou", on: app.db)
            let hukouShort = Set(try await UnitQueries.forSite(hukou.id!, on: app.db).map(\.shortName))
            for name in ["县政府办公室", "县电政办", "县行政服务中心", "县发改委", "县教体局", "县公安局", "县民政局", "县司法局",
                         "县财政局", "县人社局", "县自然资源局", "县生态环境局", "县住建局", "县城管局", "县农业农村局",
                         "市文广新旅局", "县卫健委", "县应急管理局", "县市场监督管理局", "县扶贫办", "县税务局"] {
                #expect(hukouShort.contains(name), "湖口县 lacks \(name)")
            }
            let wuding = try await SiteQueries.bySlug("wuding", on: app.db)
            let wudingUnits = try await UnitQueries.forSite(wuding.id!, on: app.db)
            let wudingNames = Set(wudingUnits.flatMap { [$0.shortName] + $0.aliasList })
            for name in ["县政府办公室", "县政府办", "县发展和改革局", "县教育体育局", "县公安局", "县民政局", "县司法局", "县财政局",
                         "县人力资源和社会保障局", "县自然资源局", "州生态环境局武定分局", "县住房城乡建设局", "县农业农村局",
                         "县文化和旅游局", "县卫生健康局", "县应急局", "县市场监管局", "县扶贫办", "县政务服务局",
                         "县政务服务管理局", "县税务局"] {
                #expect(wudingNames.contains(name), "武定县 lacks \(name)")
            }
            // Names the seeds do not give are marked as examples; seed names are not.
            #expect(wudingUnits.first { $0.shortName == "狮山镇" }?.isExample == true)
            #expect(wudingUnits.first { $0.shortName == "县民政局" }?.isExample == false)
            #expect(try await UnitQueries.forSite(wuding.id!, on: app.db).contains { $0.unitKind == .village })
        }
    }

    @Test("the admin creates an account; editors may not; deactivation keeps the account and ends its access")
    func accounts() async throws {
        try await TestApp.run { app, _ in
            let editor = Browser(app)
            _ = try await editor.login("hukou-shuangzhong-editor")
            #expect(try await editor.get("/admin/users").status == .forbidden)

            let admin = Browser(app)
            _ = try await admin.login("hukou-admin")
            let unit = try #require(try await OrgUnitRecord.query(on: app.db).filter(\.$name == "湖口县均桥镇人民政府").first())
            try await admin.get("/admin/users/new")
            let weak = try await admin.post("/admin/users/new", [
                ("name", "junqiao-editor"), ("displayName", "均桥镇编辑"), ("unit", unit.id!.uuidString),
                ("roles[]", "editor"), ("password", "short"),
            ])
            #expect(weak.status == .badRequest)
            #expect(weak.text.contains("密码至少需要10个字符"))
            try await admin.get("/admin/users/new")
            let created = try await admin.post("/admin/users/new", [
                ("name", "junqiao-editor"), ("displayName", "均桥镇编辑"), ("unit", unit.id!.uuidString),
                ("roles[]", "editor"), ("roles[]", "reviewer"), ("password", "junqiao-2026-pass"),
            ])
            #expect(created.status == .seeOther)
            let user = try #require(try await UserRecord.query(on: app.db).filter(\.$name == "junqiao-editor").first())
            #expect(user.roleSet == [.editor, .reviewer])
            #expect(user.passwordHash.hasPrefix("$2"))

            let person = Browser(app)
            #expect(try await person.login("junqiao-editor", password: "junqiao-2026-pass").status == .seeOther)
            try await admin.get("/admin/users/\(user.id!.uuidString)")
            let off = try await admin.post("/admin/users/\(user.id!.uuidString)", [("op", "deactivate"), ("reason", "调离岗位")])
            #expect(off.status == .seeOther)
            #expect(try await person.get("/admin").status == .seeOther)  // session ended
            #expect(try await UserRecord.query(on: app.db).filter(\.$name == "junqiao-editor").first()?.deactivatedAt != nil)
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "user.deactivate").count() == 1)
        }
    }

    @Test("a backup taken while running restores the data exactly, keeping what it replaces", .enabled(if: !TestApp.isPostgres))
    func backupAndRestore() async throws {
        try await TestApp.run { app, _ in
            let backupDir = FileManager.default.temporaryDirectory.appendingPathComponent("gk-backup-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: backupDir) }
            let unitsBefore = try await OrgUnitRecord.query(on: app.db).count()
            let result = try await Backup.create(app: app, into: backupDir)
            #expect(result.databaseBytes > 0)
            // A second backup into the same folder is refused rather than overwriting.
            await #expect(throws: CommandFailure.self) { try await Backup.create(app: app, into: backupDir) }

            // Restore into a separate data directory and open it with a fresh app.
            var config = app.gongkai.config
            let restoredDir = FileManager.default.temporaryDirectory.appendingPathComponent("gk-restored-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: restoredDir) }
            config.dataDirectory = restoredDir
            config.database = .sqlite(path: restoredDir + "/gongkai.sqlite")
            try FileManager.default.createDirectory(atPath: restoredDir, withIntermediateDirectories: true)
            try Data("old".utf8).write(to: URL(fileURLWithPath: restoredDir + "/gongkai.sqlite"))
            let aside = try Backup.restore(config: config, from: backupDir)
            #expect(FileManager.default.fileExists(atPath: aside + "/gongkai.sqlite"))

            let restored = try await Application.make(.testing)
            do {
                try await configure(restored, config: config)
                #expect(try await OrgUnitRecord.query(on: restored.db).count() == unitsBefore)
                #expect(try await UserRecord.query(on: restored.db).filter(\.$name == "hukou-admin").count() == 1)
            } catch {
                try? await restored.asyncShutdown()
                throw error
            }
            try await restored.asyncShutdown()
        }
    }
}
