import Foundation
import Testing

@testable import GongkaiCore

@Suite("Validation of units, accounts and names")
struct ValidationTests {
    @Test("a unit draft reports every problem with its field, in Chinese")
    func unitDraft() {
        let draft = OrgUnitDraft(name: "  ", shortName: "x", kind: .township, contact: OrgUnitContact(
            phone: "abc", email: "not-an-email", postcode: "12345"))
        guard case .failure(let errors) = draft.validated() else { Issue.record("accepted a bad draft"); return }
        #expect(errors.messages(for: "name") == ["请填写单位全称。"])
        #expect(errors.messages(for: "phone").first?.contains("“abc”格式不正确") == true)
        #expect(errors.messages(for: "email").count == 1)
        #expect(errors.messages(for: "postcode") == ["邮政编码应为6位数字，现为“12345”。"])
    }

    @Test("plausible phone numbers as government pages write them", arguments: [
        "0792-6321234", "0878-8712345、8712346", "12345转1", "(0792) 632 1234", "+86 792 6321234",
    ])
    func phones(phone: String) {
        let draft = OrgUnitDraft(name: "湖口县民政局", shortName: "县民政局", kind: .department,
                                 contact: OrgUnitContact(phone: phone))
        guard case .success = draft.validated() else { Issue.record("refused \(phone)"); return }
    }

    @Test("trimming happens before saving")
    func trims() throws {
        let draft = OrgUnitDraft(name: " 湖口县民政局 ", shortName: "县民政局\n", kind: .department, aliases: [" 民政 ", ""],
                                 contact: OrgUnitContact(address: " 双钟镇 "))
        let clean = try draft.validated().get()
        #expect(clean.name == "湖口县民政局" && clean.shortName == "县民政局" && clean.aliases == ["民政"])
        #expect(clean.contact.address == "双钟镇")
    }

    @Test("passwords: long enough, not the name, not trivial")
    func passwords() {
        #expect(PasswordPolicy.problems(password: "short", loginName: "a").first == "密码至少需要10个字符，现为5个。")
        #expect(PasswordPolicy.problems(password: "hukou-admin-2026", loginName: "hukou-admin").contains("密码不能包含登录名。"))
        #expect(PasswordPolicy.problems(password: "aaaaaaaaaaaa", loginName: "x").contains("密码不能由同一个字符重复组成。"))
        #expect(PasswordPolicy.problems(password: "1234567890", loginName: "x").contains("这个密码过于常见，请换一个。"))
        #expect(PasswordPolicy.problems(password: "湖口县政务公开2026", loginName: "hukou").isEmpty)
    }

    @Test("account drafts need a typeable login name and a role")
    func accounts() {
        let draft = StaffAccountDraft(name: "张三丰的账号", displayName: "", roles: [], password: "long-enough-pass")
        guard case .failure(let errors) = draft.validated() else { Issue.record("accepted"); return }
        #expect(errors.messages(for: "name").first?.contains("只能使用英文字母") == true)
        #expect(errors.messages(for: "roles") == ["请至少选择一个角色。"])
    }

    @Test("roles parse from code names and Chinese labels")
    func roles() {
        #expect(Role(argument: "reviewer") == .reviewer)
        #expect(Role(argument: "审核") == .reviewer)
        #expect(Role(argument: "公开办") == .admin)
        #expect(Role(argument: "boss") == nil)
    }

    @Test("site slugs")
    func slugs() {
        #expect(SiteSlug.validate("hukou") == nil)
        #expect(SiteSlug.validate("湖口") != nil)
        #expect(SiteSlug.validate("admin") != nil)
        #expect(SiteSlug.validate("-x") != nil)
    }
}

@Suite("Unit tree and names")
struct UnitTreeTests {
    let tree = UnitTree(parentOf: ["village": "township", "township": "county", "dept": "county"])

    @Test("ancestors, containment and cycles")
    func ancestry() {
        #expect(tree.ancestors(of: "village") == ["township", "county"])
        #expect(tree.isWithin("village", ancestor: "county"))
        #expect(!tree.isWithin("dept", ancestor: "township"))
        #expect(tree.wouldCreateCycle(moving: "township", under: "village"))
        #expect(!tree.wouldCreateCycle(moving: "dept", under: "township"))
        #expect(tree.depth(of: "village") == 2)
        let broken = UnitTree(parentOf: ["a": "b", "b": "a"])
        #expect(broken.ancestors(of: "a") == ["b"])
    }

    @Test("kinds constrain the tree loosely")
    func kinds() {
        #expect(OrgUnitKind.township.canContain(.village))
        #expect(!OrgUnitKind.village.canContain(.village))
        #expect(!OrgUnitKind.department.canContain(.countyGovernment))
    }

    let candidates: [UnitNameMatch.Candidate<Int>] = [
        .init(id: 1, name: "湖口县民政局", shortName: "县民政局", aliases: [], siteName: "湖口县"),
        .init(id: 2, name: "武定县民政局", shortName: "县民政局", aliases: [], siteName: "武定县"),
        .init(id: 3, name: "武定县政务服务管理局", shortName: "县政务服务管理局", aliases: ["县政务服务局"], siteName: "武定县"),
    ]

    @Test("full names win, short names may be ambiguous, aliases count, misses suggest")
    func names() {
        if case .found(let c) = UnitNameMatch.find("湖口县民政局", in: candidates) { #expect(c.id == 1) } else { Issue.record("full") }
        if case .ambiguous(let list) = UnitNameMatch.find("县民政局", in: candidates) { #expect(list.count == 2) } else { Issue.record("ambiguous") }
        if case .found(let c) = UnitNameMatch.find("县政务服务局", in: candidates) { #expect(c.id == 3) } else { Issue.record("alias") }
        if case .notFound(let s) = UnitNameMatch.find("民政局", in: candidates) { #expect(s.count == 2) } else { Issue.record("miss") }
    }
}

@Suite("Audit summaries")
struct AuditDiffTests {
    @Test("only changed fields, in display order, with empty shown as （空）")
    func summary() {
        let changes = AuditDiff.changes(before: [("联系电话", "0792-1"), ("办公地址", ""), ("传真号码", "x")],
                                        after: [("联系电话", "0792-2"), ("办公地址", "双钟镇"), ("传真号码", "x")])
        #expect(AuditDiff.summary(changes) == "联系电话：0792-1 → 0792-2；办公地址：（空） → 双钟镇")
        #expect(AuditDiff.summary([]) == "无变化")
    }
}
