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

@Suite struct CreditCodeTests {
    @Test func acceptsPublishedExamplesAndOldOrganisationCodes() {
        // The example code printed in GB 32100-2015's explanatory material, and its 9-character organisation code.
        #expect(CreditCode.problem("91350100M000100Y43") == nil)
        #expect(CreditCode.problem("91350100m000100y43") == nil)
        #expect(CreditCode.problem("M000100Y-4") == nil)
        #expect(CreditCode.normalised(" m000100y-4 ") == "M000100Y4")
    }

    @Test func namesTheCheckCharacterThatWasExpected() {
        #expect(CreditCode.problem("91350100M000100Y44")?.contains("第18位应为“3”，现为“4”") == true)
        #expect(CreditCode.problem("M000100Y-5")?.contains("第9位应为“4”") == true)
        #expect(CreditCode.problem("91350100M000100Y4")?.contains("现为17位") == true)
        #expect(CreditCode.problem("91350100M000I00Y43")?.contains("“I”") == true)
        #expect(CreditCode.problem("9135A100M000100Y43")?.contains("行政区划代码") == true)
    }

    @Test func madeCodesAreValid() {
        for body in ["MB123456", "00000001", "MA1FL3L8", "K1234567"] {
            let code = CreditCode.make(kind: "11", region: "360429", body: body)
            #expect(code.count == 18)
            #expect(CreditCode.problem(code) == nil, "\(code)")
        }
        #expect(CreditCode.make(kind: "91", region: "350100", body: "M000100Y") == "91350100M000100Y43")
    }
}

@Suite struct IndexNumberPatternTests {
    @Test func rendersTheStandardAndACustomShape() throws {
        let number = IndexNumber(unitCode: "11360429MB1234567X", year: 2026, sequence: 2)
        #expect(IndexNumberPattern.standard.render(number) == "11360429MB1234567X/2026-00002")
        let custom = try IndexNumberPattern.parse("{机构代码}-{年份}-{序号}").get()
        #expect(custom.render(number) == "11360429MB1234567X-2026-00002")
        #expect(try IndexNumberPattern.parse("  ").get() == .standard)
        #expect(IndexNumberPattern(stored: "{年份}") == .standard)
    }

    @Test func refusesPatternsThatCouldRepeatANumber() {
        guard case .failure(let missing) = IndexNumberPattern.parse("{机构代码}/{年份}") else { Issue.record("accepted"); return }
        #expect(missing.problems.map(\.message) == ["索引号格式缺少“{序号}”：机构代码、年份和序号三者都要有，索引号才不会重复。"])
        guard case .failure(let twice) = IndexNumberPattern.parse("{机构代码}{序号}/{年份}-{序号}") else { Issue.record("accepted"); return }
        #expect(twice.problems.first?.message.contains("出现了2次") == true)
        guard case .failure(let odd) = IndexNumberPattern.parse("{机构代码}／{年份}—{序号}") else { Issue.record("accepted"); return }
        #expect(odd.problems.first?.message.contains("“／”") == true)
    }

    @Test func onlyAdministrativeOrgansTakeApplications() {
        #expect(OrgUnitKind.allCases.filter(\.takesApplications) == [.countyGovernment, .governmentOffice, .department, .dispatchedAgency, .township])
    }
}

@Suite struct SiteIdentityTests {
    @Test func acceptsTheNumbersGovernmentSitesCarry() throws {
        let identity = SiteIdentity(sponsor: " 湖口县人民政府办公室 ", siteCode: "3604290001", icpNumber: "赣ICP备05003937号",
                                    policeRecord: "赣公网安备 36042902000123号", partyMarkURL: "https://bszs.conac.cn/sitename?method=show&id=1",
                                    indexPattern: "{机构代码}-{年份}-{序号}")
        let clean = try identity.validated().get()
        #expect(clean.sponsor == "湖口县人民政府办公室")
        #expect(clean.policeRecordDigits == "36042902000123")
        #expect(SiteIdentity.isICPNumber("京ICP备2021001234号-1"))
        #expect(SiteIdentity.isPoliceRecord("赣公网安备36042902000123号"))
        #expect(try SiteIdentity().validated().get() == SiteIdentity())
    }

    @Test func saysWhatIsWrongWithEachField() {
        let bad = SiteIdentity(siteCode: "36042900", icpNumber: "ICP备05003937号", policeRecord: "赣公网安备3604290200号",
                               partyMarkURL: "javascript:alert(1)", errorReportURL: "zfwzzc.www.gov.cn", indexPattern: "{年份}-{序号}")
        guard case .failure(let errors) = bad.validated() else { Issue.record("accepted"); return }
        #expect(errors.problems.map(\.field) == ["siteCode", "icpNumber", "policeRecord", "partyMarkURL", "errorReportURL", "indexPattern"])
        #expect(errors.messages(for: "siteCode").first?.contains("现为“36042900”") == true)
    }
}
