import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The demo's 权责清单 and 公共服务清单 (issue 19, item 9): 县民政局 and 县市场监督管理局 in each county, with rows of
/// the kinds real county lists hold, each with its law and article. 民政局's lists are published; 市场监管局's
/// 公共服务清单 waits for the office's review, so the office's 待我处理 has something in it. Loaded once.
enum DemoDutyLists {
    static func load(app: Application) async throws {
        let now = app.gongkai.now
        for county in DemoCounties.all {
            guard let site = try await SiteRecord.query(on: app.db).filter(\.$slug == county.slug).first(), site.isDemo else { continue }
            let siteID = try site.requireID()
            guard try await DutyListRecord.query(on: app.db).filter(\.$site.$id == siteID).count() == 0 else { continue }
            let units = try await OrgUnitRecord.query(on: app.db).filter(\.$site.$id == siteID).all()
            func unit(_ suffix: String) -> OrgUnitRecord? { units.first { $0.name == county.name + suffix } }
            let phone = { (n: String) in "\(county.areaCode)-\(n)" }
            if let civil = unit("民政局") {
                try await publish(civilPowers(county.name + "民政局"), .power, civil, now: now, on: app.db)
                try await publish(civilServices(county.name, phone: phone), .service, civil, now: now, on: app.db)
            }
            if let market = unit("市场监督管理局") {
                try await publish(marketPowers(county.name + "市场监督管理局"), .power, market, now: now, on: app.db)
                let draft = try await DutyListEditing.importRows(marketServices(county.name, phone: phone), kind: .service, unit: market,
                                                                 sourceName: "示例：公共服务事项清单（报审稿）", publish: false,
                                                                 actor: .system, now: now, on: app.db)
                // Submitted and checked by the unit: it waits for the office (公开办).
                for step in [DutyListWorkflow.Step.submit, .approveUnit] {
                    guard let loaded = try await DutyListEditing.load(draft.$list.id, on: app.db), let open = loaded.open else { break }
                    try await DutyListEditing.apply(step, in: loaded, version: open, expected: open.lockVersion, actor: .system, now: now, on: app.db)
                }
            }
        }
    }

    static func publish(_ rows: [DutyListRow], _ kind: DutyListKind, _ unit: OrgUnitRecord, now: Date, on db: any Database) async throws {
        // Published some weeks before the demo starts, as a list in force would have been.
        _ = try await DutyListEditing.importRows(rows, kind: kind, unit: unit, sourceName: "示例：\(kind.title)（\(unit.name)印发）", publish: true,
                                                 actor: .system, now: now.addingTimeInterval(-40 * 86_400), on: db)
    }

    // MARK: - Rows

    /// The staged 责任事项 real lists print for each kind of power (受理 … 事后监管; 立案 … 执行).
    static func duties(_ type: PowerType) -> String {
        switch type {
        case .penalty:
            "1.立案责任：发现涉嫌违法行为，予以审查，决定是否立案。\n2.调查取证责任：全面、客观、公正地调查，收集证据。\n3.审理责任：审理案件调查报告。\n4.告知责任：作出决定前告知当事人陈述、申辩和听证的权利。\n5.决定责任：依法作出处罚决定。\n6.送达责任：依法送达当事人。\n7.执行责任：监督当事人履行。"
        case .inspection:
            "1.检查责任：按计划开展检查，检查人员不少于两人并出示证件。\n2.处置责任：发现问题依法责令改正或移送处理。\n3.信息公开责任：依法公开检查结果。"
        case .benefit, .confirmation, .licensing:
            "1.受理责任：公示办理条件和所需材料，一次性告知补正材料，依法受理或不予受理（不予受理的告知理由）。\n2.审查责任：审核申请材料，必要时入户调查。\n3.决定责任：依法作出决定，不予办理的书面告知理由。\n4.送达责任：送达决定或证件，依法公开结果。\n5.事后监管责任：动态管理，开展核查。"
        default:
            "1.实施责任：依法履行职责，规范程序。\n2.监督责任：加强监督管理，依法公开办理结果。"
        }
    }

    static func accountability(_ type: PowerType) -> String {
        type == .penalty
            ? "有下列情形的，依法追究相应责任：1.没有法律和事实依据实施处罚的；2.擅自改变处罚种类、幅度的；3.违反法定程序的；4.滥用职权、玩忽职守、徇私舞弊的。"
            : "有下列情形的，依法追究相应责任：1.对符合条件的申请不予受理、不予办理的；2.对不符合条件的准予办理的；3.未在规定时限内办理的；4.索取或收受他人财物、谋取其他利益的。"
    }

    static func power(_ type: PowerType, _ name: String, _ sub: String = "", _ basis: String, subject: String) -> DutyListRow {
        DutyListRow(powerType: type, name: name, subItem: sub, basis: basis, subject: subject, duties: duties(type),
                    accountability: accountability(type))
    }

    static func civilPowers(_ s: String) -> [DutyListRow] {
        [
            power(.licensing, "社会团体成立、变更、注销登记", "成立登记", "《社会团体登记管理条例》第三条、第九条", subject: s),
            power(.licensing, "社会团体成立、变更、注销登记", "变更登记", "《社会团体登记管理条例》第十八条", subject: s),
            power(.licensing, "社会团体成立、变更、注销登记", "注销登记", "《社会团体登记管理条例》第十九条", subject: s),
            power(.licensing, "民办非企业单位成立、变更、注销登记", "", "《民办非企业单位登记管理暂行条例》第三条、第五条", subject: s),
            power(.benefit, "最低生活保障金给付", "", "《社会救助暂行办法》第九条、第十一条；《最低生活保障审核确认办法》第二条", subject: s),
            power(.benefit, "特困人员救助供养", "", "《社会救助暂行办法》第十四条至第十九条", subject: s),
            power(.benefit, "临时救助", "", "《社会救助暂行办法》第四十七条至第五十条", subject: s),
            power(.benefit, "困难残疾人生活补贴和重度残疾人护理补贴", "", "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）", subject: s),
            power(.confirmation, "内地居民婚姻登记", "结婚登记", "《婚姻登记条例》第二条、第四条", subject: s),
            power(.confirmation, "内地居民婚姻登记", "离婚登记", "《婚姻登记条例》第十条", subject: s),
            power(.penalty, "对社会团体未经登记擅自以社会团体名义进行活动的处罚", "", "《社会团体登记管理条例》第三十二条", subject: s),
            power(.inspection, "对社会组织的监督检查", "", "《社会团体登记管理条例》第二十四条；《民办非企业单位登记管理暂行条例》第十九条", subject: s),
            power(.reward, "对在社会救助工作中作出显著成绩的单位、个人的表彰奖励", "", "《社会救助暂行办法》第七条", subject: s),
            power(.other, "地名命名、更名", "", "《地名管理条例》第十条", subject: s),
        ]
    }

    static func marketPowers(_ s: String) -> [DutyListRow] {
        [
            power(.licensing, "食品经营许可", "", "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》第二条", subject: s),
            power(.licensing, "特种设备使用登记", "", "《中华人民共和国特种设备安全法》第三十三条", subject: s),
            power(.penalty, "对未取得食品经营许可从事食品经营活动的处罚", "", "《中华人民共和国食品安全法》第一百二十二条", subject: s),
            power(.penalty, "对经营超过保质期食品的处罚", "", "《中华人民共和国食品安全法》第一百二十四条第一款第五项", subject: s),
            power(.penalty, "对无照经营的处罚", "", "《无证无照经营查处办法》第十三条", subject: s),
            power(.coercion, "查封、扣押有证据证明不符合食品安全标准的食品", "", "《中华人民共和国食品安全法》第一百一十条第四项", subject: s),
            power(.inspection, "食品安全监督检查", "", "《中华人民共和国食品安全法》第一百一十条", subject: s),
            power(.inspection, "食品安全监督抽检", "", "《中华人民共和国食品安全法》第八十七条；《食品安全抽样检验管理办法》", subject: s),
            power(.confirmation, "个体工商户登记", "设立登记", "《促进个体工商户发展条例》第八条；《市场主体登记管理条例》第三条", subject: s),
            power(.confirmation, "个体工商户登记", "变更登记", "《市场主体登记管理条例》第二十四条", subject: s),
            power(.confirmation, "个体工商户登记", "注销登记", "《市场主体登记管理条例》第三十一条", subject: s),
            power(.reward, "对举报食品安全违法行为的奖励", "", "《中华人民共和国食品安全法》第一百一十五条", subject: s),
        ]
    }

    static func service(_ name: String, _ audience: String, _ content: String, _ basis: String, _ subject: String, _ limit: String,
                        _ phone: String, _ level: CatalogLevel, fee: String = "不收费") -> DutyListRow {
        DutyListRow(name: name, basis: basis, subject: subject, audience: audience, content: content, timeLimit: limit, fee: fee, phone: phone,
                    level: level)
    }

    static func civilServices(_ county: String, phone: (String) -> String) -> [DutyListRow] {
        let bureau = county + "民政局"
        return [
            service("最低生活保障审核确认", "共同生活的家庭成员人均收入低于当地最低生活保障标准、且财产状况符合规定的家庭", "审核确认低保申请，按月发放低保金",
                    "《社会救助暂行办法》第九条至第十三条", bureau, "自受理之日起30个工作日内", phone("6322345"), .county),
            service("特困人员认定", "无劳动能力、无生活来源、无法定赡养抚养扶养义务人的老年人、残疾人和未成年人", "认定特困人员，提供基本生活、照料服务",
                    "《社会救助暂行办法》第十四条；《特困人员认定办法》", bureau, "自受理之日起20个工作日内", phone("6322345"), .county),
            service("临时救助申请受理", "因突发事件、意外伤害、重大疾病等导致基本生活暂时出现严重困难的家庭或个人", "受理临时救助申请，紧急情况先行救助",
                    "《社会救助暂行办法》第四十八条", "各乡（镇）人民政府", "自受理之日起10个工作日内", phone("6322346"), .township),
            service("残疾人两项补贴申请受理", "持有第二代残疾人证的困难残疾人、重度残疾人", "受理困难残疾人生活补贴和重度残疾人护理补贴申请",
                    "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》", "各乡（镇）人民政府", "自受理之日起15个工作日内", phone("6322347"), .township),
            service("结婚登记", "内地居民", "办理结婚登记，颁发结婚证", "《婚姻登记条例》第四条至第七条", bureau, "即办", phone("6322348"), .county),
            service("高龄津贴申领", "年满80周岁的本县户籍老年人", "代为受理高龄津贴申请并报乡（镇）审核", "本县高龄津贴发放办法", "各村（居）民委员会",
                    "3个工作日内转报", phone("6322349"), .village),
            service("低保、特困申请代办", "行动不便或无法自行申请的困难群众", "村（居）民委员会协助或代为提出社会救助申请", "《社会救助暂行办法》第十一条第一项",
                    "各村（居）民委员会", "即时受理", phone("6322350"), .village),
        ]
    }

    static func marketServices(_ county: String, phone: (String) -> String) -> [DutyListRow] {
        let bureau = county + "市场监督管理局"
        return [
            service("食品经营许可办理", "从事食品销售和餐饮服务的经营者", "受理、审查食品经营许可申请，核发食品经营许可证",
                    "《食品经营许可和备案管理办法》", bureau, "法定20个工作日，承诺5个工作日", phone("6323001"), .county),
            service("个体工商户登记", "有经营能力的公民", "办理个体工商户设立、变更、注销登记", "《促进个体工商户发展条例》；《市场主体登记管理条例》",
                    bureau, "即办", phone("6323002"), .county),
            service("消费投诉受理", "消费者", "受理消费者投诉，组织调解", "《市场监督管理投诉举报处理暂行办法》", "各市场监督管理所",
                    "自收到投诉之日起7个工作日内决定是否受理", "12315", .township),
        ]
    }
}
