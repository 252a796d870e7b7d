import Fluent
import Foundation
import GongkaiCore
import Testing
import Vapor
import VaporTesting

@testable import GongkaiServer

/// Accounts, units and catalogs, run through their actions (the code the pages and the command line call) on a
/// real database: role × action × own/other unit, with the audit trail counted.
@Suite("Accounts, units and catalogs: role × own/other unit through the actions")
struct SiteActionsTests {
    static let people = ["hukou-admin", "hukou-shuangzhong-editor", "hukou-shuangzhong-reviewer", "hukou-minzheng", "wuding-admin"]

    static func count(_ app: Application, _ action: String) async throws -> Int {
        try await AuditEventRecord.query(on: app.db).filter(\.$action == action).count()
    }

    @Test("accounts: only the office of the site creates, changes or locks out; the command line acts as the office")
    func accounts() async throws {
        try await TestApp.run { app, clock in
            let shuangzhong = try await ScheduleTests.unitID(app, "湖口县双钟镇人民政府")
            let before = try await Self.count(app, "user.create")
            let expected = ["ok", "forbidden", "forbidden", "forbidden", "invalid"]
            for (i, (name, want)) in zip(Self.people, expected).enumerated() {
                let acting = try await PlanActionsTests.acting(app, name)
                let got = await PlanActionsTests.outcome {
                    _ = try await UsersActions.create(
                        StaffAccountDraft(name: "shuangzhong-new-\(i)", displayName: "新账号\(i)", roles: [.editor], password: "gongkai-test-2026"),
                        unitID: shuangzhong, by: acting, app: app, on: app.db)
                }
                #expect(got == want, "\(name) creates an account in 双钟镇")
            }
            let site = try #require(try await OrgUnitRecord.find(shuangzhong, on: app.db)).$site.id
            let cli = await PlanActionsTests.outcome {
                _ = try await UsersActions.create(
                    StaffAccountDraft(name: "shuangzhong-cli", displayName: "命令行账号", roles: [.reviewer], password: "gongkai-test-2026"),
                    unitID: shuangzhong, by: .commandLine(siteID: site), app: app, on: app.db)
            }
            #expect(cli == "ok")
            #expect(try await Self.count(app, "user.create") == before + 2)

            // Changing an account: the office of its site only; another county does not see it at all.
            let editor = try #require(try await UserRecord.query(on: app.db).filter(\.$name == "hukou-shuangzhong-editor").first()).requireID()
            for (name, want) in zip(Self.people, ["ok", "forbidden", "forbidden", "forbidden", "notFound"]) {
                let got = await PlanActionsTests.outcome {
                    try await UsersActions.unlock(editor, by: try await PlanActionsTests.acting(app, name), at: clock.now, on: app.db)
                }
                #expect(got == want, "\(name) unlocks 双钟镇's editor")
            }
            // The office may not take away its own admin role, nor deactivate itself: nothing changes.
            let admin = try await PlanActionsTests.acting(app, "hukou-admin")
            let selfID = try #require(admin.audit.userID)
            #expect(await PlanActionsTests.outcome {
                try await UsersActions.setRoles([.editor], displayName: "湖口公开办", of: selfID, by: admin, at: clock.now, on: app.db)
            } == "invalid")
            #expect(await PlanActionsTests.outcome {
                try await UsersActions.deactivate(reason: "测试", of: selfID, by: admin, at: clock.now, on: app.db)
            } == "invalid")
            #expect(try await UserRecord.find(selfID, on: app.db)?.roleSet.contains(.admin) == true)
            #expect(try await Self.count(app, "user.unlock") == 1)
            #expect(try await Self.count(app, "user.update") == 0)
        }
    }

    @Test("units: a unit's staff change its contacts, not another's; only the office adds or archives; stale saves are refused")
    func units() async throws {
        try await TestApp.run { app, clock in
            let shuangzhong = try await ScheduleTests.unitID(app, "湖口县双钟镇人民政府")
            let before = try await Self.count(app, "unit.update")
            for (name, want) in zip(Self.people, ["ok", "ok", "ok", "forbidden", "notFound"]) {
                let unit = try #require(try await OrgUnitRecord.find(shuangzhong, on: app.db))
                let got = await PlanActionsTests.outcome {
                    _ = try await UnitsActions.update(shuangzhong, with: .init(phone: "0792-6321234"), version: unit.version,
                                                      by: try await PlanActionsTests.acting(app, name), at: clock.now, on: app.db)
                }
                #expect(got == want, "\(name) saves 双钟镇's contact details")
            }
            #expect(try await Self.count(app, "unit.update") == before + 3)

            // A unit's own editor cannot rename it: the name stays, the phone is saved.
            let unit = try #require(try await OrgUnitRecord.find(shuangzhong, on: app.db))
            let renamed = try await UnitsActions.update(shuangzhong, with: .init(name: "改名镇", phone: "0792-6329999"), version: unit.version,
                                                        by: try await PlanActionsTests.acting(app, "hukou-shuangzhong-editor"), at: clock.now, on: app.db)
            #expect(renamed.name == "湖口县双钟镇人民政府")
            #expect(renamed.phone == "0792-6329999")
            // The version read before that save is stale now.
            let stale = await PlanActionsTests.outcome {
                _ = try await UnitsActions.update(shuangzhong, with: .init(phone: "0792-6320000"), version: unit.version,
                                                  by: try await PlanActionsTests.acting(app, "hukou-admin"), at: clock.now, on: app.db)
            }
            #expect(stale == "conflict")

            for (name, want) in zip(Self.people, ["invalid", "forbidden", "forbidden", "forbidden", "notFound"]) {
                // The office is refused too, for a reason: 双钟镇 still has accounts in use.
                let got = await PlanActionsTests.outcome {
                    try await UnitsActions.archive(shuangzhong, reason: "机构改革", by: try await PlanActionsTests.acting(app, name),
                                                   at: clock.now, on: app.db)
                }
                #expect(got == want, "\(name) archives 双钟镇")
            }
            #expect(try await OrgUnitRecord.find(shuangzhong, on: app.db)?.archivedAt == nil)
        }
    }

    @Test("catalogs: a unit creates its own; the guiding unit reviews; nobody publishes another unit's")
    func catalogs() async throws {
        try await TestApp.run { app, clock in
            let shuangzhong = try await ScheduleTests.unitID(app, "湖口县双钟镇人民政府")
            let site = try #require(try await OrgUnitRecord.find(shuangzhong, on: app.db)).$site.id
            let taken = Set(try await CatalogRecord.query(on: app.db).filter(\.$unit.$id == shuangzhong).all().map(\.domainCode))
            let free = try await CatalogStore.domains(siteID: site, on: app.db).filter { !taken.contains($0.code) }
            try #require(free.count >= Self.people.count)
            let before = try await Self.count(app, "catalog.create")
            var created: UUID?
            for (i, (name, want)) in zip(Self.people, ["ok", "ok", "ok", "forbidden", "invalid"]).enumerated() {
                let got = await PlanActionsTests.outcome {
                    let id = try await CatalogActions.create(.init(unit: shuangzhong.uuidString, domain: free[i].code, level: "township"),
                                                             base: nil, by: try await PlanActionsTests.acting(app, name), at: clock.now, on: app.db)
                    if name == "hukou-shuangzhong-editor" { created = id }
                }
                #expect(got == want, "\(name) creates a 双钟镇 catalog")
            }
            #expect(try await Self.count(app, "catalog.create") == before + 3)
            let catalog = try #require(created)

            // Editing its entries: the unit's own staff (and the office).
            let entry = CatalogEntry(level1: "社会救助", level2: "最低生活保障", content: "城乡最低生活保障对象名单",
                                     basis: "《社会救助暂行办法》", timeLimit: "信息形成或变更之日起20个工作日内", body: "双钟镇人民政府",
                                     channels: ChannelSelection(required: [.governmentWebsite]), audience: Audience(everyone: true),
                                     methods: DisclosureMethods(proactive: true, onRequest: false), levels: [.township])
            for (name, want) in zip(Self.people, ["ok", "ok", "ok", "forbidden", "forbidden"]) {
                let loaded = try #require(try await CatalogEditing.load(catalog, on: app.db))
                let got = await PlanActionsTests.outcome {
                    try await CatalogActions.saveEntry(entry, entryID: nil, in: catalog, lockVersion: loaded.open?.lockVersion, by: try await PlanActionsTests.acting(app, name),
                                                       at: clock.now, on: app.db)
                }
                #expect(got == want, "\(name) adds an entry")
            }
            // Publishing needs the unit's reviewer after review; 县民政局 (another unit) is refused before anything is checked.
            let loaded = try #require(try await CatalogEditing.load(catalog, on: app.db))
            let open = try #require(loaded.open)
            let refused = await PlanActionsTests.outcome {
                try await CatalogActions.perform(.publish, on: catalog, version: open.number, lockVersion: open.lockVersion,
                                                 by: try await PlanActionsTests.acting(app, "hukou-minzheng"), at: clock.now, on: app.db)
            }
            #expect(refused == "forbidden")
            let submitted = await PlanActionsTests.outcome {
                try await CatalogActions.perform(.submit, on: catalog, version: open.number, lockVersion: open.lockVersion,
                                                 by: try await PlanActionsTests.acting(app, "hukou-shuangzhong-editor"), at: clock.now, on: app.db)
            }
            #expect(submitted == "ok")
            // The same lock version again: the version moved on, nothing changes.
            let again = await PlanActionsTests.outcome {
                try await CatalogActions.perform(.submit, on: catalog, version: open.number, lockVersion: open.lockVersion,
                                                 by: try await PlanActionsTests.acting(app, "hukou-shuangzhong-editor"), at: clock.now, on: app.db)
            }
            #expect(again == "conflict")
            // The editor may not give the unit's review; its reviewer may.
            let fresh = try #require(try await CatalogEditing.load(catalog, on: app.db)?.open)
            let byEditor = await PlanActionsTests.outcome {
                try await CatalogActions.perform(.approveUnit, on: catalog, version: fresh.number, lockVersion: fresh.lockVersion,
                                                 by: try await PlanActionsTests.acting(app, "hukou-shuangzhong-editor"), at: clock.now, on: app.db)
            }
            #expect(byEditor == "forbidden")
            let byReviewer = await PlanActionsTests.outcome {
                try await CatalogActions.perform(.approveUnit, on: catalog, version: fresh.number, lockVersion: fresh.lockVersion,
                                                 by: try await PlanActionsTests.acting(app, "hukou-shuangzhong-reviewer"), at: clock.now, on: app.db)
            }
            #expect(byReviewer == "ok")
        }
    }

    @Test("site setup: only at the command line; bad input names every problem and creates nothing")
    func setup() async throws {
        try await TestApp.run(demo: false) { app, clock in
            let draft = StaffAccountDraft(name: "xin-admin", displayName: "新县公开办", roles: [.admin], password: "gongkai-test-2026")
            let web = await PlanActionsTests.outcome {
                _ = try await SiteActions.setUp(.init(name: "新县", parentRegion: "某省某市", slug: "xin", admin: draft), via: .web,
                                                at: clock.now, app: app, on: app.db)
            }
            #expect(web == "forbidden")
            let bad = await PlanActionsTests.outcome {
                _ = try await SiteActions.setUp(.init(name: "新县", parentRegion: "", slug: "Bad Slug", admin: draft), via: .cli,
                                                at: clock.now, app: app, on: app.db)
            }
            #expect(bad == "invalid")
            #expect(try await SiteRecord.query(on: app.db).filter(\.$slug == "xin").count() == 0)
            let site = try await SiteActions.setUp(.init(name: "新县", parentRegion: "某省某市", slug: "xin", admin: draft), via: .cli,
                                                   at: clock.now, app: app, on: app.db)
            #expect(site.slug == "xin")
            #expect(try await UserRecord.query(on: app.db).filter(\.$name == "xin-admin").count() == 1)
            #expect(try await OrgUnitRecord.query(on: app.db).filter(\.$site.$id == site.requireID()).count() == 2)
        }
    }
}
