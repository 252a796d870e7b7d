import GongkaiCore
import Testing

/// The 办事指南 rules: every element the plans and local templates require, 收费 never "无", materials named one
/// by one, a flow with steps, time limits that can be read, holidays said, and the flow drawn safely.
@Suite("办事指南 rules")
struct ServiceGuideRulesTests {
    static var dibao: ServiceGuide {
        ServiceGuide(
            name: "最低生活保障审核确认", itemType: .power(.benefit), basis: "《社会救助暂行办法》第九条至第十三条", audience: .person,
            conditions: "共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定。",
            materials: [ServiceMaterial(name: "最低生活保障申请书", form: .original, source: "申请人自备（可在窗口领取）"),
                        ServiceMaterial(name: "居民身份证、户口簿", form: .both, copies: 1, source: "公安机关核发")],
            steps: ["申请", "受理", "家庭经济状况调查", "审核确认", "公示", "发放"],
            statutoryLimit: "自受理之日起30个工作日", promisedLimit: "20个工作日", fee: "免费", office: "县民政局社会救助股",
            place: "县政务服务中心二楼民政窗口", hours: "周一至周五 8:30—12:00，14:30—17:30（法定节假日除外）", phone: "0792-6322345",
            complaintPhone: "12345", online: .application, onlineURL: "https://www.jxzwfww.gov.cn/", delivery: "书面通知，低保金按月打卡发放",
            level: .county, themes: [.socialAssistance])
    }

    @Test("a complete guide passes; 免费 is stored as 不收费")
    func complete() {
        #expect(Self.dibao.validate().isEmpty)
        #expect(Self.dibao.normalised.fee == "不收费")
    }

    @Test("bad input is named at its field: 无 as the fee, no steps, vague or unnamed materials, unreadable limits, no holidays")
    func refusals() {
        var g = Self.dibao
        g.fee = "无"
        g.steps = ["", "  "]
        g.materials.append(ServiceMaterial(name: "根据相关法律法规需要提交的其他材料"))
        g.materials.append(ServiceMaterial(name: "", copies: 0))
        g.statutoryLimit = "尽快"
        g.promisedLimit = "40个工作日"
        g.hours = "工作日"
        g.onlineURL = ""
        g.itemType = nil
        let e = g.validate()
        #expect(e.messages(for: "fee").first?.contains("不能写“无”") == true)
        #expect(e.messages(for: "steps").first?.contains("至少要有一个步骤") == true)
        #expect(e.messages(for: "materials.3.name").first?.contains("写得笼统") == true)
        #expect(e.messages(for: "materials.4.name") == ["第4项材料没有写名称。"])
        #expect(e.messages(for: "materials.4.copies").count == 1)
        #expect(e.messages(for: "statutoryLimit").first?.contains("无法识别法定办结时限“尽快”") == true)
        #expect(e.messages(for: "hours").first?.contains("法定节假日") == true)
        #expect(e.messages(for: "onlineURL").count == 1)
        #expect(e.messages(for: "itemType") == ["请选择事项类型。"])
        g = Self.dibao
        g.promisedLimit = "40个工作日"
        #expect(g.validate().messages(for: "promisedLimit").first?.contains("不能长于法定办结时限") == true)
        g = Self.dibao
        g.fee = "每本工本费10元"
        #expect(g.validate().messages(for: "feeBasis").count == 1)
    }

    @Test("办理时限: 即办 and periods are read, anything else is not guessed")
    func timeLimits() {
        #expect(ServiceTimeLimit.read("即办") == .immediate)
        #expect(ServiceTimeLimit.read("当场办结。") == .immediate)
        #expect(ServiceTimeLimit.read("自受理之日起20个工作日") == .period(.workingDays(20)))
        #expect(ServiceTimeLimit.read("尽快办理") == nil)
    }

    @Test("the flow chart: one box a step, wrapped, escaped, titled")
    func flowChart() {
        let svg = ServiceFlowChart.svg(steps: ["申请人向村（居）委会或乡镇人民政府提出书面申请<script>", "受理", "审核确认"], title: "最低生活保障审核确认办理流程")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow-chart\""))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 3)
        #expect(svg.components(separatedBy: "<tspan").count - 1 >= 4, "the long first step wraps")
        #expect(!svg.contains("<script>") && svg.contains("&lt;script&gt;"))
        #expect(svg.contains("<title id=\"flow-title\">最低生活保障审核确认办理流程</title>"))
    }
}
