import Testing

@testable import GongkaiCore

@Suite("Permission rules")
struct AccessRulesTests {
    let site = "hukou", otherSite = "wuding"
    let ownUnit = "shuangzhong", otherUnit = "junqiao"

    /// The expected answer for every role × action × own/other unit, written out as a table so that a change
    /// to the rules shows up here as a change to read.
    func expected(_ role: Role, _ action: AccessAction, own: Bool) -> Bool {
        switch role {
        case .admin:
            // The office accepts a line naming no guide, never its own unit's (see acceptanceRule).
            return action == .acceptProgress ? !own : true
        case .editor:
            switch action {
            case .enterBackOffice: return true
            case .viewUnit, .editUnit, .editContent, .reportProgress, .handleRequest: return own
            default: return false
            }
        case .reviewer:
            switch action {
            case .enterBackOffice: return true
            case .viewUnit, .editUnit, .editContent, .reviewContent, .publishContent, .reportProgress, .handleRequest, .extendRequest, .chargeFee: return own
            default: return false
            }
        case .guide:
            switch action {
            case .enterBackOffice: return true
            case .viewUnit: return own
            default: return false  // without a guided domain on the target
            }
        }
    }

    @Test("walks roles × actions × own/other unit", arguments: Role.allCases)
    func matrix(role: Role) {
        let actor = AccessActor(siteID: site, unitID: ownUnit, roles: [role])
        for action in AccessAction.allCases {
            for own in [true, false] {
                let target = AccessTarget(siteID: site, unitID: own ? ownUnit : otherUnit)
                #expect(AccessRules.can(actor, action, target) == expected(role, action, own: own),
                        "\(role) \(action) own=\(own)")
            }
        }
    }

    @Test("nobody acts across sites, not even an admin")
    func acrossSites() {
        for role in Role.allCases {
            let actor = AccessActor(siteID: site, unitID: ownUnit, roles: [role])
            for action in AccessAction.allCases {
                #expect(!AccessRules.can(actor, action, AccessTarget(siteID: otherSite, unitID: ownUnit)))
            }
        }
    }

    @Test("an account without roles is denied everything")
    func noRoles() {
        let actor = AccessActor(siteID: site, unitID: ownUnit, roles: [])
        for action in AccessAction.allCases {
            #expect(!AccessRules.can(actor, action, AccessTarget(siteID: site, unitID: ownUnit)))
        }
    }

    @Test("a guide reviews other units' content in its own domains only")
    func guideDomains() {
        let guide = AccessActor(siteID: site, unitID: "minzheng", roles: [.guide], guidedDomains: ["社会救助"])
        #expect(AccessRules.can(guide, .reviewContent, AccessTarget(siteID: site, unitID: otherUnit, domain: "社会救助")))
        #expect(AccessRules.can(guide, .viewUnit, AccessTarget(siteID: site, unitID: otherUnit, domain: "社会救助")))
        #expect(!AccessRules.can(guide, .reviewContent, AccessTarget(siteID: site, unitID: otherUnit, domain: "义务教育")))
        #expect(!AccessRules.can(guide, .publishContent, AccessTarget(siteID: site, unitID: otherUnit, domain: "社会救助")))
        #expect(!AccessRules.can(guide, .editContent, AccessTarget(siteID: site, unitID: otherUnit, domain: "社会救助")))
    }

    @Test("work plan progress: the unit reports, the item's guiding unit accepts")
    func planProgress() {
        let editor = AccessActor(siteID: site, unitID: ownUnit, roles: [.editor])
        let line = AccessTarget(siteID: site, unitID: ownUnit, guidedBy: ["minzheng"])
        #expect(AccessRules.can(editor, .reportProgress, line))
        #expect(!AccessRules.can(editor, .reportProgress, AccessTarget(siteID: site, unitID: otherUnit, guidedBy: ["minzheng"])))
        #expect(!AccessRules.can(editor, .acceptProgress, line))
        let guide = AccessActor(siteID: site, unitID: "minzheng", roles: [.guide])
        #expect(AccessRules.can(guide, .acceptProgress, line))
        #expect(!AccessRules.can(guide, .reportProgress, line))
        #expect(!AccessRules.can(guide, .acceptProgress, AccessTarget(siteID: site, unitID: ownUnit, guidedBy: ["jiaoti"])))
        let editorOfGuide = AccessActor(siteID: site, unitID: "minzheng", roles: [.editor])
        #expect(!AccessRules.can(editorOfGuide, .acceptProgress, line))
        #expect(AccessRules.decide(guide, .acceptProgress, AccessTarget(siteID: site, unitID: ownUnit, guidedBy: ["jiaoti"]))
                == .denied("只有该事项为这条进度列明的指导责任单位可以验收或退回。"))
    }

    @Test("acceptance: never the own unit, only the line's guiding units, the office where none is named")
    func acceptanceRule() {
        let both = AccessActor(siteID: site, unitID: "minzheng", roles: [.editor, .reviewer, .guide])
        let admin = AccessActor(siteID: site, unitID: "office", roles: [.admin])
        let officeReviewer = AccessActor(siteID: site, unitID: "office", roles: [.reviewer])
        // 县民政局 reported its own line of an item it also guides: it cannot accept it.
        let ownLine = AccessTarget(siteID: site, unitID: "minzheng", guidedBy: ["minzheng", "jiaoti"])
        #expect(AccessRules.decide(both, .acceptProgress, ownLine)
                == .denied("本单位报告的进度不能由本单位验收，须由该事项的指导责任单位验收。"))
        // The other named guide may; the office may not override a named guide.
        #expect(AccessRules.can(AccessActor(siteID: site, unitID: "jiaoti", roles: [.guide]), .acceptProgress, ownLine))
        #expect(!AccessRules.can(admin, .acceptProgress, ownLine))
        // Guiding unit of another line of the same item (a different domain group) may not.
        let otherGroupLine = AccessTarget(siteID: site, unitID: "xiangzhen", guidedBy: ["jiaoti"])
        #expect(!AccessRules.can(both, .acceptProgress, otherGroupLine))
        // No guide named (or only the unit itself): the office accepts, and nobody else.
        let unguided = AccessTarget<String>(siteID: site, unitID: "xiangzhen")
        #expect(AccessRules.can(admin, .acceptProgress, unguided))
        #expect(!AccessRules.can(officeReviewer, .acceptProgress, unguided))
        #expect(AccessRules.decide(both, .acceptProgress, unguided) == .denied("该事项未列指导责任单位，由公开办验收。"))
        #expect(AccessRules.can(admin, .acceptProgress, AccessTarget(siteID: site, unitID: "minzheng", guidedBy: ["minzheng"])))
        // Where the office is itself a named guide, its admin accepts as that guide.
        #expect(AccessRules.can(admin, .acceptProgress, AccessTarget(siteID: site, unitID: "xiangzhen", guidedBy: ["office"])))
        // The office's own line is never accepted by the office itself.
        #expect(!AccessRules.can(admin, .acceptProgress, AccessTarget<String>(siteID: site, unitID: "office")))
        // Another county: never.
        #expect(!AccessRules.can(AccessActor(siteID: "other", unitID: "jiaoti", roles: [.guide]), .acceptProgress, ownLine))
    }

    @Test("denials carry a reason in Chinese")
    func reasons() {
        let editor = AccessActor(siteID: site, unitID: ownUnit, roles: [.editor])
        #expect(AccessRules.decide(editor, .editUnit, AccessTarget(siteID: site, unitID: otherUnit))
                == .denied("只能修改本单位的数据。"))
        #expect(AccessRules.decide(editor, .viewAudit, AccessTarget(siteID: site)) == .denied("此操作仅限公开办管理员。"))
    }
}
