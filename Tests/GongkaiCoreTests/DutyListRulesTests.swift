import GongkaiCore
import Testing

/// The rules of the 权责清单 and 公共服务清单: the ten 职权类型 and their local names, 收费 written out, the review
/// order, and what changed between versions.
@Suite("权责清单 and 公共服务清单 rules")
struct DutyListRulesTests {
    @Test("the ten 职权类型, and the older local names lists still use")
    func powerTypes() {
        #expect(PowerType.allCases.count == 10)
        #expect(PowerType(written: "行政许可") == .licensing)
        #expect(PowerType(written: " 行政 裁决 ") == .adjudication)
        #expect(PowerType(written: "行政审批") == .licensing)
        #expect(PowerType(written: "行政监督") == .inspection)
        #expect(PowerType(written: "其他职权") == .other)
        #expect(PowerType(written: "行政审查") == nil)
        #expect(PowerType(written: "") == nil)
    }

    @Test("收费: '不收费' written out; '无' and blanks refused; '免费' stored as 不收费; a standard kept")
    func fees() throws {
        #expect(try FeeText.check("免费").get() == "不收费")
        #expect(try FeeText.check("不收费").get() == "不收费")
        #expect(try FeeText.check("按《江西省行政事业性收费目录》每件10元").get().hasPrefix("按"))
        for vague in ["", "  ", "无", "/", "暂无"] {
            guard case .failure(let problem) = FeeText.check(vague) else { Issue.record("“\(vague)” accepted"); continue }
            #expect(problem.message.contains("不收费"))
        }
    }

    @Test("a row names its empty required fields, in its list's words; a 公共服务 row's fee and phone are checked")
    func rowValidation() {
        let power = DutyListRow(powerType: .penalty, name: "对无照经营的处罚", basis: "", subject: "县市场监督管理局", duties: "1.立案责任")
        let errors = power.validate(for: .power)
        #expect(errors.messages(for: "basis") == ["实施依据不能为空。"])
        #expect(errors.messages(for: "accountability") == ["追责情形不能为空。"])
        #expect(errors.messages(for: "fee").isEmpty)
        var service = DutyListRow(name: "结婚登记", basis: "《婚姻登记条例》", subject: "县民政局", audience: "内地居民", content: "办理结婚登记",
                                  timeLimit: "即办", fee: "无", phone: "请来电", level: .county)
        let serviceErrors = service.validate(for: .service)
        #expect(serviceErrors.messages(for: "fee").first?.contains("不能写“无”") == true)
        #expect(serviceErrors.messages(for: "phone").first?.contains("请来电") == true)
        #expect(serviceErrors.messages(for: "basis").isEmpty)
        service.fee = "不收费"
        service.phone = "0792-6322345、12345"
        #expect(service.validate(for: .service).isEmpty)
        #expect(DutyListRow.levelLabel(.village) == "村（社区）级")
    }

    @Test("review order: submit → the unit → the office publishes; returns need a reason; nothing skips a step")
    func workflow() throws {
        #expect(try DutyListWorkflow.apply(.submit, to: .draft, rowCount: 3) == .submitted)
        #expect(throws: DutyListWorkflow.Refusal.self) { try DutyListWorkflow.apply(.submit, to: .draft, rowCount: 0) }
        #expect(throws: DutyListWorkflow.Refusal.self) { try DutyListWorkflow.apply(.publish, to: .submitted, rowCount: 3) }
        #expect(try DutyListWorkflow.apply(.approveUnit, to: .submitted, rowCount: 3) == .unitApproved)
        #expect(try DutyListWorkflow.apply(.publish, to: .unitApproved, rowCount: 3) == .published)
        #expect(throws: DutyListWorkflow.Refusal.self) { try DutyListWorkflow.apply(.returnForChanges(comment: " "), to: .unitApproved, rowCount: 3) }
        #expect(try DutyListWorkflow.apply(.returnForChanges(comment: "第3项依据已废止"), to: .unitApproved, rowCount: 3) == .returned)
        #expect(try DutyListWorkflow.apply(.submit, to: .returned, rowCount: 3) == .submitted)
        #expect(throws: DutyListWorkflow.Refusal.self) { try DutyListWorkflow.apply(.approveUnit, to: .published, rowCount: 3) }
    }

    @Test("the changes between versions: rows matched by type, name and 子项; fields compared in the list's words")
    func diff() {
        let a = DutyListRow(powerType: .licensing, name: "食品经营许可", basis: "《食品安全法》第三十五条", subject: "县市场监管局", duties: "1", accountability: "1")
        var b = a
        b.basis = "《食品安全法》第三十五条；《食品经营许可和备案管理办法》"
        let c = DutyListRow(powerType: .penalty, name: "对无照经营的处罚", basis: "《无证无照经营查处办法》第十三条", subject: "县市场监管局", duties: "1", accountability: "1")
        let changes = DutyListDiff.compare([a], [b, c], kind: .power)
        #expect(changes.count == 2)
        #expect(changes.contains(.added(c)))
        guard case .changed(let key, let fields) = changes.first else { Issue.record("no change"); return }
        #expect(key == "行政许可 / 食品经营许可")
        #expect(fields.map(\.label) == ["实施依据"])
        #expect(DutyListDiff.compare([a, c], [b], kind: .power).contains(.removed(c)))
    }
}
