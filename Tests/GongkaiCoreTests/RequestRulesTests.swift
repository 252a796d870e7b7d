import Testing

@testable import GongkaiCore

@Suite("依申请公开: receipt, fees, outcomes, table 三")
struct RequestRulesTests {
    @Test("第三十一条: the date of receipt by channel; letters, online and fax wait for the confirmation")
    func receipt() {
        #expect(ReceiptChannel.inPerson.dateOfReceipt(arrived: d("2030-11-04"), confirmed: nil) == d("2030-11-04"))
        #expect(ReceiptChannel.signedPost.dateOfReceipt(arrived: d("2030-11-05"), confirmed: nil) == d("2030-11-05"))
        #expect(ReceiptChannel.online.dateOfReceipt(arrived: d("2030-11-04"), confirmed: nil) == nil)
        #expect(ReceiptChannel.online.dateOfReceipt(arrived: d("2030-11-04"), confirmed: d("2030-11-06")) == d("2030-11-06"))
        #expect(ReceiptChannel.fax.needsConfirmation && ReceiptChannel.ordinaryLetter.needsConfirmation && !ReceiptChannel.inPerson.needsConfirmation)
        #expect(ReceiptChannel.fax.rule.contains("双方确认之日"))
        #expect(ApplicantType.allCases.map(\.label) == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
    }

    @Test("信息处理费: the worked examples, tiers paid once a month, and the notice's words")
    func fees() {
        #expect(ProcessingFee.byPieces(10) == 0)
        #expect(ProcessingFee.byPieces(30) == 2_000)
        #expect(ProcessingFee.byPieces(45) == 5_500, "0×10 + 100×20 + 200×10 + 300×5")
        #expect(ProcessingFee.byPages(30) == 0)
        #expect(ProcessingFee.byPages(250) == 4_700, "0×30 + 10×70 + 20×100 + 40×50")
        // The 45th application of a month costs 300元; applications 1…45 filed one by one cost 5,500元 in all.
        #expect(ProcessingFee.pieceFee(earlierThisMonth: 44, pieces: 1) == 300)
        #expect((0..<45).reduce(0) { $0 + ProcessingFee.pieceFee(earlierThisMonth: $1, pieces: 1) } == 5_500)
        #expect(ProcessingFee.explanation(method: .byVolume, from: 1, through: 250)
            == ["第1—30页：不收费", "第31—100页：10元/页×70页=700元", "第101—200页：20元/页×100页=2000元", "第201—250页：40元/页×50页=2000元"])
        #expect(ProcessingFee.explanation(method: .byPiece, from: 41, through: 45) == ["第41—45件：300元/件×5件=1500元"])
    }

    @Test("outcomes are the rows of table 三, each with its article; 不予公开 reasons match the source determination")
    func outcomes() {
        #expect(RequestOutcome.allCases.count == 21)
        #expect(RequestOutcome.allCases.filter { $0.group == .withheld }.count == 8)
        #expect(RequestOutcome.allCases.filter { $0.group == .unavailable }.count == 3)
        #expect(RequestOutcome.allCases.filter { $0.group == .notProcessed }.count == 5)
        #expect(RequestOutcome.allCases.filter { $0.group == .other }.count == 3)
        #expect(RequestOutcome.withheldThirdParty.shortName == "不予公开：保护第三方合法权益")
        #expect(RequestOutcome.notProcessedRepeat.article.hasSuffix("第三十六条第六项"))
        for reason in WithholdingReason.allCases {
            #expect(RequestOutcome(withholding: reason).label.hasSuffix(reason.label))
        }
    }

    @Test("table 三 counts new, carried-in, results and carried-out per applicant type, and balances")
    func tableThree() {
        let cases: [TableThree.Case] = [
            .init(applicant: .naturalPerson, received: d("2029-12-20"), replied: d("2030-01-10"), outcome: .disclosed),  // 上年结转
            .init(applicant: .naturalPerson, received: d("2029-11-01"), replied: d("2029-11-20"), outcome: .disclosed),  // last year only
            .init(applicant: .business, received: d("2030-03-01"), replied: d("2030-03-20"), outcome: .partlyDisclosed),
            .init(applicant: .legalService, received: d("2030-05-01"), replied: d("2030-05-10"), outcome: .withheldThirdParty),
            .init(applicant: .naturalPerson, received: d("2030-06-01"), replied: d("2030-06-10"), outcome: .otherNotCorrected),
            .init(applicant: .naturalPerson, received: d("2030-12-25")),  // 结转下年度
            .init(applicant: .research, received: d("2030-12-28"), replied: d("2031-01-05"), outcome: .disclosed),  // 结转下年度
            .init(applicant: .naturalPerson, received: d("2031-01-02")),  // next year
        ]
        let table = TableThree(year: 2030, cases: cases)
        #expect(table.count(table.newThisYear, nil) == 5)
        #expect(table.count(table.carriedIn, .naturalPerson) == 1)
        #expect(table.resultsTotal(nil) == 4 && table.resultsTotal(.naturalPerson) == 2)
        #expect(table.count(table.carriedOut, nil) == 2)
        #expect(table.unbalancedColumns().isEmpty, "一 + 二 = 三（七）+ 四 in every column")
        let rows = table.rows
        #expect(rows.filter { $0.figures != nil }.count == 25, "the format's 25 data rows")
        #expect(rows.count == 30, "and the labels 三 and （三）…（六）")
        #expect(rows.first?.label == "一、本年新收政府信息公开申请数量" && rows.first?.figures == [2, 1, 1, 0, 1, 0, 5])
        #expect(rows.last?.label == "四、结转下年度继续办理" && rows.last?.figures == [1, 0, 1, 0, 0, 0, 2])
        #expect(rows.contains { $0.label == "（三）不予公开" && $0.figures == nil })
        #expect(rows.contains { $0.label == "4.保护第三方合法权益" && $0.figures?.last == 1 })
        var broken = table
        broken.carriedOut[.business] = 1
        #expect(broken.unbalancedColumns() == [nil, .business])
    }
}

@Suite("依申请公开: the case history and its dates")
struct RequestTimelineTests {
    let cal = testCalendar

    @Test("a plain case: 20 working days, the 补正 notice within 7, replied on time")
    func plain() throws {
        let received = RequestEvent(.received, on: d("2030-11-04"))
        let open = try RequestTimeline.evaluate([received], calendar: cal)
        #expect(open.stage == .handling)
        #expect(open.due == cal.addingWorkingDays(20, to: d("2030-11-04")))
        #expect(open.correctionNoticeDue == cal.addingWorkingDays(7, to: d("2030-11-04")))
        let done = try RequestTimeline.evaluate([received, RequestEvent(.replied, on: d("2030-11-20"), outcome: .disclosed)], calendar: cal)
        #expect(done.stage == .replied && done.repliedOnTime == true && done.correctionNoticeDue == nil)
    }

    @Test("补正 waits with no due date, then the 20 days run anew; the superseded days stay visible")
    func correction() throws {
        var events = [RequestEvent(.received, on: d("2030-11-04")),
                      RequestEvent(.correctionRequested, on: d("2030-11-06"), until: d("2030-11-20"), text: "请写明所需信息的文号")]
        let waiting = try RequestTimeline.evaluate(events, calendar: cal)
        #expect(waiting.stage == .awaitingCorrection && waiting.due == nil && waiting.correctionUntil == d("2030-11-20"))
        events.append(RequestEvent(.correctionReceived, on: d("2030-11-12")))
        let restarted = try RequestTimeline.evaluate(events, calendar: cal)
        #expect(restarted.stage == .handling && restarted.due == cal.addingWorkingDays(20, to: d("2030-11-12")))
        #expect(restarted.clock?.segments.first?.kind == .superseded)
        #expect(throws: RequestTimeline.Failure.nothingToClose(.correctionReceived)) {
            try RequestTimeline.evaluate(events + [RequestEvent(.correctionReceived, on: d("2030-11-13"))], calendar: cal)
        }
    }

    @Test("extension once and at most 20 days; nothing after the reply; events in date order")
    func limits() throws {
        let base = [RequestEvent(.received, on: d("2030-11-04"))]
        #expect(throws: RequestTimeline.Failure.extensionTooLong(25)) {
            try RequestTimeline.evaluate(base + [RequestEvent(.extended, on: d("2030-11-20"), days: 25)], calendar: cal)
        }
        #expect(throws: RequestTimeline.Failure.secondExtension) {
            try RequestTimeline.evaluate(base + [RequestEvent(.extended, on: d("2030-11-20"), days: 10), RequestEvent(.extended, on: d("2030-11-21"), days: 10)],
                                         calendar: cal)
        }
        #expect(throws: RequestTimeline.Failure.afterReply(.extended)) {
            try RequestTimeline.evaluate(base + [RequestEvent(.replied, on: d("2030-11-20"), outcome: .disclosed), RequestEvent(.extended, on: d("2030-11-21"), days: 5)],
                                         calendar: cal)
        }
        #expect(throws: RequestTimeline.Failure.outOfOrder(d("2030-11-01"))) {
            try RequestTimeline.evaluate(base + [RequestEvent(.note, on: d("2030-11-05")), RequestEvent(.extended, on: d("2030-11-01"), days: 5)], calendar: cal)
        }
        #expect(throws: RequestTimeline.Failure.notReceived) {
            try RequestTimeline.evaluate([RequestEvent(.extended, on: d("2030-11-01"), days: 5)], calendar: cal)
        }
    }

    @Test("a fee notice: 20 working days to pay; the wait is not counted (configurable); 第三十五条 sets a later date")
    func feeAndDelay() throws {
        let base = [RequestEvent(.received, on: d("2030-11-04")), RequestEvent(.feeNoticed, on: d("2030-11-11"), amount: 300)]
        let waiting = try RequestTimeline.evaluate(base, calendar: cal)
        #expect(waiting.stage == .awaitingPayment && waiting.due == nil && waiting.paymentDue == cal.addingWorkingDays(20, to: d("2030-11-11")))
        let paid = try RequestTimeline.evaluate(base + [RequestEvent(.feePaid, on: d("2030-11-15"))], calendar: cal)
        let plain = cal.addingWorkingDays(20, to: d("2030-11-04"))!
        #expect(paid.due == cal.addingWorkingDays(5, to: plain), "11-11 to 11-15: five working days not counted")
        let counted = try RequestTimeline.evaluate(base + [RequestEvent(.feePaid, on: d("2030-11-15"))], calendar: cal,
                                                   rules: .init(feePeriodPausesClock: false))
        #expect(counted.due == plain)
        let delayed = try RequestTimeline.evaluate([RequestEvent(.received, on: d("2030-11-04")), RequestEvent(.reasonsRequested, on: d("2030-11-05")),
                                                    RequestEvent(.replyDelayed, on: d("2030-11-12"), until: d("2031-01-15"))], calendar: cal)
        #expect(delayed.due == d("2031-01-15"))
    }
}
