/// 信息处理费 (《政府信息公开信息处理费管理办法》国办函〔2020〕109号, DOMAIN.md §2): charged only when a reviewer decides
/// to, by piece or by volume — one method per application, never both (第三条) — each progressive over its tiers.
public enum ProcessingFee {
    public enum Method: String, CaseIterable, Codable, Sendable {
        /// 按件计收 (第四条): pieces one applicant filed in one natural month, this one included.
        case byPiece = "by-piece"
        /// 按量计收 (第五条): pages provided on paper, by e-mail or as copied data.
        case byVolume = "by-volume"

        public var label: String {
            switch self {
            case .byPiece: "按件计收"
            case .byVolume: "按量计收"
            }
        }
    }

    public struct Tier: Equatable, Sendable {
        /// The first and last count of the tier (nil: no upper end).
        public let from: Int
        public let through: Int?
        public let yuanEach: Int
    }

    /// 第四条: 10件以下不收费; 11—30件 100元/件; 31件以上以10件为一档，每增加一档提高100元/件.
    public static func pieceTiers(upTo count: Int) -> [Tier] {
        var tiers = [Tier(from: 1, through: 10, yuanEach: 0), Tier(from: 11, through: 30, yuanEach: 100)]
        var start = 31
        var price = 200
        while start <= count {
            tiers.append(Tier(from: start, through: start + 9, yuanEach: price))
            start += 10
            price += 100
        }
        return tiers
    }

    /// 第五条: 30页以下不收费; 31—100页 10元/页; 101—200页 20元/页; 201页以上 40元/页.
    public static let volumeTiers = [
        Tier(from: 1, through: 30, yuanEach: 0), Tier(from: 31, through: 100, yuanEach: 10),
        Tier(from: 101, through: 200, yuanEach: 20), Tier(from: 201, through: nil, yuanEach: 40),
    ]

    /// The fee for counts 1…`count`, tier by tier (超额累进).
    static func progressive(_ count: Int, tiers: [Tier]) -> Int {
        tiers.reduce(0) { sum, tier in
            let upper = min(count, tier.through ?? count)
            return upper >= tier.from ? sum + (upper - tier.from + 1) * tier.yuanEach : sum
        }
    }

    /// 45 applications in a natural month: 0×10 + 100×20 + 200×10 + 300×5 = 5,500元.
    public static func byPieces(_ count: Int) -> Int { progressive(count, tiers: pieceTiers(upTo: count)) }

    /// 250 pages: 0×30 + 10×70 + 20×100 + 40×50 = 4,700元.
    public static func byPages(_ pages: Int) -> Int { progressive(pages, tiers: volumeTiers) }

    /// What one application costs by piece: the month's total with it minus the total without it, so an applicant
    /// pays each tier once however the month's applications are decided.
    /// - earlierThisMonth: pieces the same applicant filed earlier in the same natural month.
    /// - pieces: this application's pieces ("一事一申请": one application may count as several).
    public static func pieceFee(earlierThisMonth: Int, pieces: Int) -> Int {
        byPieces(earlierThisMonth + pieces) - byPieces(earlierThisMonth)
    }

    /// The calculation in words for the fee notice ("第31—35件：200元/件×5件=1,000元").
    public static func explanation(method: Method, from first: Int, through last: Int) -> [String] {
        let tiers = method == .byPiece ? pieceTiers(upTo: last) : volumeTiers
        let unit = method == .byPiece ? "件" : "页"
        return tiers.compactMap { tier in
            let lower = max(first, tier.from), upper = min(last, tier.through ?? last)
            guard upper >= lower else { return nil }
            let n = upper - lower + 1
            let range = lower == upper ? "第\(lower)\(unit)" : "第\(lower)—\(upper)\(unit)"
            return tier.yuanEach == 0 ? "\(range)：不收费" : "\(range)：\(tier.yuanEach)元/\(unit)×\(n)\(unit)=\(tier.yuanEach * n)元"
        }
    }

    /// 收到收费通知次日起20个工作日内缴纳 (四川省实施通知, DOMAIN.md §2); after that the application is 视为放弃.
    public static let paymentWorkingDays = 20
}
