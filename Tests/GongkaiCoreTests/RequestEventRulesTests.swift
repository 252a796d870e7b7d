import Testing

@testable import GongkaiCore

/// The field checks of one event of a case, without a database (the action looks the facts up first).
@Suite("Request events: the field checks")
struct RequestEventRulesTests {
    let today = CivilDate(year: 2026, month: 11, day: 23)!

    func problems(_ d: RequestEventDraft, _ facts: RequestEventFacts = .init()) -> [String: [String]] {
        guard case .failure(let errors) = RequestEventRules.check(d, today: today, facts: facts) else { return [:] }
        return Dictionary(grouping: errors.problems, by: \.field).mapValues { $0.map(\.message) }
    }

    @Test("a kind and a date not after today are needed; what was read is quoted")
    func basics() {
        let p = problems(.init(kind: "reply", on: "2026-13-01"))
        #expect(p["kind"] == ["请选择办理事项（读到：“reply”）。"])
        #expect(p["on"] == ["请填写日期，如 2026-11-23（读到：“2026-13-01”）。"])
        #expect(problems(.init(kind: "note", on: "2026-11-24", text: "x"))["on"] == ["日期不能晚于今天（2026-11-23）。"])
    }

    @Test("补正 needs what to correct and a later deadline; 延期 its reason and days")
    func correctionAndExtension() {
        let p = problems(.init(kind: "correction-requested", on: "2026-11-20", until: "2026-11-19"))
        #expect(p["text"]?.first?.contains("第三十条") == true && p["until"] == ["补正期限应晚于告知日期。"])
        let e = problems(.init(kind: "extended", on: "2026-11-20"))
        #expect(e["text"] != nil && e["days"] != nil)
    }

    @Test("a fee is the worked-out amount, never typed; nothing to charge is refused")
    func fee() throws {
        let d = RequestEventDraft(kind: "fee-noticed", on: "2026-11-20", feeMethod: "by-volume", feeCount: 250)
        let event = try RequestEventRules.check(d, today: today, facts: .init(fee: (4700, ["第31至100页…"]))).get()
        #expect(event.amount == 4700 && event.text.hasSuffix("合计4700元") && event.text.hasPrefix("按量计收"))
        #expect(problems(d, .init(fee: (0, ["30页以内"])))["feeCount"]?.first?.contains("不需收费") == true)
        #expect(problems(.init(kind: "fee-noticed", on: "2026-11-20"))["feeMethod"] != nil)
    }

    @Test("a reply names its outcome; a 索引号 must be published; files only where information is released")
    func reply() {
        let p = problems(.init(kind: "replied", on: "2026-11-20", outcome: "unavailable-not-held", publication: "X-1", files: 1))
        #expect(p["publication"] == ["没有已发布的、索引号为“X-1”的信息。"])
        #expect(p["files"]?.first?.contains("不能附文件") == true)
        #expect(problems(.init(kind: "note", on: "2026-11-20", text: "x", files: 1))["files"] == ["只有答复时可以附上提供给申请人的文件。"])
    }

    @Test("转办 names another unit; 送达 defaults to the way of provision")
    func transferAndDelivery() throws {
        #expect(problems(.init(kind: "transferred", on: "2026-11-20"))["transferTo"] != nil)
        let moved = try RequestEventRules.check(.init(kind: "transferred", on: "2026-11-20", text: "属其职责"), today: today,
                                                facts: .init(transferUnitName: "湖口县民政局")).get()
        #expect(moved.text == "湖口县民政局；属其职责")
        let delivered = try RequestEventRules.check(.init(kind: "delivered", on: "2026-11-20"), today: today, facts: .init(provision: "邮寄纸质件")).get()
        #expect(delivered.text == "邮寄纸质件")
    }
}
