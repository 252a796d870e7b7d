/// The three kinds of responsibility a work plan item assigns (附件1's columns).
public enum PlanRole: String, CaseIterable, Codable, Sendable {
    /// 主管责任单位: the body that answers for the item (武定县: 县人民政府, 各乡镇人民政府).
    case supervising
    /// 主体单位 / 主体责任单位: the units that do the work and report progress.
    case responsible
    /// 指导单位 / 指导责任单位: the units that guide the work and accept its completion.
    case guiding

    public var label: String {
        switch self {
        case .supervising: "主管责任单位"
        case .responsible: "主体责任单位"
        case .guiding: "指导责任单位"
        }
    }
}

/// A group of units a plan names by description rather than by name.
public enum UnitScope: String, CaseIterable, Codable, Sendable {
    /// 各乡（镇、场）, 各乡镇, 各乡镇人民政府.
    case townships
    /// 县政府各部门, 各部门: the government's working departments.
    case departments
    /// 各村（居）民委员会.
    case villages
    /// 县政府有关部门, 县级有关部门: "the departments concerned", which the plan leaves open. No unit is
    /// derived from it; the county office decides, and accepts in their place.
    case concerned

    public var label: String {
        switch self {
        case .townships: "各乡（镇、场）"
        case .departments: "县政府各部门"
        case .villages: "各村（居）民委员会"
        case .concerned: "有关部门（未指定具体单位）"
        }
    }
}

/// One name in a responsibility cell: a scope, or a unit's name to look up.
public enum PartyToken: Hashable, Sendable {
    case scope(UnitScope, text: String)
    case unit(String)

    public var text: String {
        switch self {
        case .scope(_, let text): text
        case .unit(let name): name
        }
    }
}

/// Reads a responsibility cell. Cells list units separated by 、，； or line breaks, but a line break may also
/// fall inside one name ("各乡镇\n人民政府"), and "、" may sit inside brackets ("各乡（镇、场）"). So the cell is
/// cut at separators outside brackets, and neighbouring pieces are joined when only the joined text is known.
public enum PlanParties {
    /// Phrases that name a scope, with what they cover. Checked after removing whitespace.
    static let scopePhrases: [String: [UnitScope]] = [
        "县政府各部门和各乡（镇、场）": [.departments, .townships],
        "县政府各部门和各乡（镇）场": [.departments, .townships],
        "县政府各部门和各乡镇": [.departments, .townships],
        "各乡镇各部门": [.townships, .departments],
        "各部门各乡镇": [.departments, .townships],
        "各乡（镇、场）": [.townships],
        "各乡（镇）": [.townships],
        "各乡镇": [.townships],
        "各乡镇人民政府": [.townships],
        "各乡（镇）人民政府": [.townships],
        "各部门": [.departments],
        "县政府各部门": [.departments],
        "县级各部门": [.departments],
        "各村（居）民委员会": [.villages],
        "各村（居）委会": [.villages],
        "各村（社区）": [.villages],
        "县政府有关部门": [.concerned],
        "县级有关部门": [.concerned],
        "有关部门": [.concerned],
    ]

    public static func scopes(of phrase: String) -> [UnitScope]? { scopePhrases[PlanText.compact(phrase)] }

    /// - isUnitName: whether a piece is a known unit's name (so that a name broken across lines is joined).
    public static func parse(_ cell: String, isUnitName: (String) -> Bool = { _ in false }) -> [PartyToken] {
        let pieces = split(cell)
        var tokens: [PartyToken] = []
        var index = 0
        func known(_ text: String) -> Bool { scopePhrases[text] != nil || isUnitName(text) }
        while index < pieces.count {
            var piece = pieces[index]
            // Join with the following pieces while the joined text is known and the piece alone is not, or the
            // joined text is a longer known phrase ("各乡镇" + "人民政府").
            while index + 1 < pieces.count {
                let joined = piece + pieces[index + 1]
                guard known(joined) || (!known(piece) && isPrefixOfKnown(joined)) else { break }
                piece = joined
                index += 1
            }
            if let scopes = scopePhrases[piece] {
                for scope in scopes { tokens.append(.scope(scope, text: piece)) }
            } else {
                tokens.append(.unit(piece))
            }
            index += 1
        }
        // "县政府各部门和各乡（镇、场）" gives two scopes with the same text: keep both, drop exact repeats.
        var seen = Set<PartyToken>()
        return tokens.filter { seen.insert($0).inserted }
    }

    private static func isPrefixOfKnown(_ text: String) -> Bool {
        scopePhrases.keys.contains { $0.hasPrefix(text) && $0 != text }
    }

    /// Cuts at 、，,；; and line breaks outside brackets; drops empty pieces and whitespace.
    static let separators: Set<Character> = ["、", "，", ",", "；", ";"]

    static func split(_ cell: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var depth = 0
        for c in cell {
            if c == "（" || c == "(" { depth += 1 }
            if c == "）" || c == ")" { depth = max(0, depth - 1) }
            if depth == 0 && (separators.contains(c) || c.isNewline) {
                pieces.append(current)
                current = ""
            } else if !c.isWhitespace && c != "\u{3000}" {
                current.append(c)
            }
        }
        pieces.append(current)
        return pieces.filter { !$0.isEmpty }
    }
}
