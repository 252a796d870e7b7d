import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The demo's first 办事指南 (issue 19, item 9 — more to come): 县民政局's 最低生活保障 and 县市场监督管理局's
/// 食品经营许可, complete in every element and published. Loaded once per demo site.
enum DemoServiceGuides {
    static func load(app: Application) async throws {
        let now = app.gongkai.now.addingTimeInterval(-30 * 86_400)
        for county in DemoCounties.all {
            guard let site = try await SiteRecord.query(on: app.db).filter(\.$slug == county.slug).first(), site.isDemo else { continue }
            let siteID = try site.requireID()
            guard try await ServiceGuideRecord.query(on: app.db).filter(\.$site.$id == siteID).count() == 0 else { continue }
            let units = try await OrgUnitRecord.query(on: app.db).filter(\.$site.$id == siteID).all()
            let phone = { (n: String) in "\(county.areaCode)-\(n)" }
            let hours = "周一至周五 上午8:30—12:00，下午2:30—5:30（法定节假日除外）"
            let portal = site.serviceURL.isEmpty ? "https://www.gov.cn/" : site.serviceURL
            var guides: [(String, ServiceGuide)] = []
            guides.append(("民政局", ServiceGuide(
                name: "最低生活保障审核确认", itemType: .power(.benefit), basis: "《社会救助暂行办法》第九条至第十三条；《最低生活保障审核确认办法》",
                audience: .person, conditions: "持有本县户籍，共同生活的家庭成员人均收入低于本县最低生活保障标准，且家庭财产状况符合规定。",
                materials: [ServiceMaterial(name: "最低生活保障申请书", source: "申请人填写（窗口和网上提供空白表）"),
                            ServiceMaterial(name: "家庭成员居民身份证、户口簿", form: .both, source: "公安机关核发"),
                            ServiceMaterial(name: "家庭经济状况核对授权书", source: "申请人签字"),
                            ServiceMaterial(name: "残疾证或病历资料", form: .copy, source: "残联或医疗机构出具", required: false)],
                steps: ["向户籍所在地乡（镇）人民政府提出书面申请", "乡（镇）受理并入户调查", "家庭经济状况信息核对", "村（居）民委员会公示7天",
                        "县民政局审核确认", "按月发放低保金"],
                statutoryLimit: "自受理之日起30个工作日", promisedLimit: "20个工作日", fee: "不收费", office: "县民政局社会救助股",
                place: "县政务服务中心二楼民政窗口", hours: hours, phone: phone("6322345"), complaintPhone: "12345", online: .application,
                onlineURL: portal, delivery: "书面告知审核确认结果，低保金按月打入本人社会保障卡",
                faq: [.init(question: "低保金什么时候到账？", answer: "审核确认后的次月起，每月10日前发放。")], level: .county, themes: [.socialAssistance])))
            guides.append(("市场监督管理局", ServiceGuide(
                name: "食品经营许可", itemType: .power(.licensing), basis: "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
                audience: .both, conditions: "有与经营的食品品种、数量相适应的经营场所、设备设施、食品安全管理人员和规章制度。",
                materials: [ServiceMaterial(name: "食品经营许可申请书", source: "申请人填写"),
                            ServiceMaterial(name: "营业执照", form: .copy, source: "市场监督管理部门核发"),
                            ServiceMaterial(name: "经营场所平面布局图和设备布局图", source: "申请人自备"),
                            ServiceMaterial(name: "食品安全管理制度文本", source: "申请人自备")],
                steps: ["网上或窗口申请", "受理", "材料审查", "现场核查（需要时）", "作出许可决定", "发证"],
                statutoryLimit: "自受理之日起10个工作日", promisedLimit: "5个工作日", fee: "不收费", office: "县市场监督管理局行政审批窗口",
                place: "县政务服务中心一楼市场监管窗口", hours: hours, phone: phone("6323001"), complaintPhone: "12315", online: .fullyOnline,
                onlineURL: portal, delivery: "窗口领取或邮寄送达许可证", level: .county, themes: [.startBusiness, .runBusiness])))
            for (suffix, guide) in guides {
                guard let unit = units.first(where: { $0.name == county.name + suffix }) else { continue }
                let id = try await ServiceGuideEditing.create(guide, unit: unit, actor: .system, now: now, on: app.db)
                for step in [ServiceGuideEditing.Step.submit, .publish] {
                    guard let loaded = try await ServiceGuideEditing.load(id, on: app.db), let open = loaded.open else { break }
                    try await ServiceGuideEditing.apply(step, comment: "", in: loaded, expected: open.lockVersion, actor: .system, now: now, on: app.db)
                }
            }
        }
    }
}
