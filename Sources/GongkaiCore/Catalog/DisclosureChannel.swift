/// 公开渠道和载体: the 13 standard channels of the catalog template (DOMAIN.md §4.3), the 12345 hotline of later
/// templates, and free-text channels a domain adds (投资项目在线审批监管平台 …).
public enum DisclosureChannel: String, CaseIterable, Sendable, Codable {
    case governmentWebsite = "government-website"
    case gazette
    case newMedia = "new-media"
    case pressConference = "press-conference"
    case broadcast
    case print
    case readingPoint = "reading-point"
    case serviceCenter = "service-center"
    case serviceStation = "service-station"
    case doorToDoor = "door-to-door"
    case noticeBoard = "notice-board"
    case targetedPush = "targeted-push"
    case hotline12345 = "hotline-12345"
    case other

    /// The template's own words.
    public var label: String {
        switch self {
        case .governmentWebsite: "政府网站"
        case .gazette: "政府公报"
        case .newMedia: "两微一端"
        case .pressConference: "发布会/听证会"
        case .broadcast: "广播电视"
        case .print: "纸质媒体"
        case .readingPoint: "公开查阅点"
        case .serviceCenter: "政务服务中心"
        case .serviceStation: "便民服务站"
        case .doorToDoor: "入户/现场"
        case .noticeBoard: "社区/企事业单位/村公示栏（电子屏）"
        case .targetedPush: "精准推送"
        case .hotline12345: "12345政务服务热线"
        case .other: "其他"
        }
    }

    /// The 13 channels of the standard checklist, in template order.
    public static let standard: [DisclosureChannel] = [
        .governmentWebsite, .gazette, .newMedia, .pressConference, .broadcast, .print, .readingPoint, .serviceCenter,
        .serviceStation, .doorToDoor, .noticeBoard, .targetedPush, .other,
    ]

    /// The channel a name means: the template's label or one of the names real catalogs write.
    public init?(name: String) {
        guard let match = Self.names.first(where: { $0.0 == name }) ?? Self.allCases.first(where: { $0.label == name }).map({ ($0.label, $0) }) else {
            return nil
        }
        self = match.1
    }

    /// Names as real catalogs write them, longest first so that 社区/企事业单位/村公示栏 wins over 公示栏.
    static let names: [(String, DisclosureChannel)] = ([
        ("政府网站", .governmentWebsite), ("政府公报", .gazette), ("两微一端", .newMedia), ("发布会/听证会", .pressConference),
        ("发布会", .pressConference), ("听证会", .pressConference), ("广播电视", .broadcast), ("纸质媒体", .print),
        ("纸质载体", .print), ("公开查阅点", .readingPoint), ("政务服务中心", .serviceCenter), ("行政服务中心", .serviceCenter),
        ("便民服务站", .serviceStation), ("便民服务中心", .serviceStation), ("入户/现场宣传", .doorToDoor), ("入户/现场", .doorToDoor),
        ("社区/企事业单位/村公示栏(电子屏)", .noticeBoard), ("社区/企事业单位/村公示栏（电子屏）", .noticeBoard),
        ("社区/企事业单位/村公示栏", .noticeBoard), ("公示栏(电子屏)", .noticeBoard), ("公示栏（电子屏）", .noticeBoard), ("公示栏", .noticeBoard),
        ("精准推送", .targetedPush), ("12345政务服务热线", .hotline12345), ("12345热线", .hotline12345), ("其他", .other),
    ] as [(String, DisclosureChannel)]).sorted { $0.0.count > $1.0.count }
}

/// The channels of one entry: each standard channel ticked as required (■) or offered as optional (□), plus the
/// free-text channels of the domain.
public struct ChannelSelection: Equatable, Sendable {
    /// Channels marked ■ (必选).
    public var required: [DisclosureChannel]
    /// Channels listed with □ (可选) — kept so that an export reproduces the checklist exactly.
    public var optional: [DisclosureChannel]
    /// Domain channels written in words (投资项目在线审批监管平台, 公共资源交易平台 …).
    public var others: [String]
    /// A standard channel the county calls by another name (行政服务中心 for 政务服务中心, 入户/现场宣传 for
    /// 入户/现场): kept, so an export prints the county's own words.
    public var writtenNames: [DisclosureChannel: String]

    public init(required: [DisclosureChannel] = [], optional: [DisclosureChannel] = [], others: [String] = [],
                writtenNames: [DisclosureChannel: String] = [:]) {
        self.required = required
        self.optional = optional
        self.others = others
        self.writtenNames = writtenNames
    }

    /// The name to print for a channel: the county's own, else the template's.
    public func name(_ channel: DisclosureChannel) -> String { writtenNames[channel] ?? channel.label }

    /// The county's names as stored: `service-center=行政服务中心`, one per line, in template order.
    public var writtenNamesText: String {
        DisclosureChannel.allCases.compactMap { channel in writtenNames[channel].map { "\(channel.rawValue)=\($0)" } }
            .joined(separator: "\n")
    }

    public static func writtenNames(from text: String) -> [DisclosureChannel: String] {
        var names: [DisclosureChannel: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let channel = DisclosureChannel(rawValue: String(parts[0])) { names[channel] = String(parts[1]) }
        }
        return names
    }

    public var isEmpty: Bool { required.isEmpty && others.isEmpty }

    /// Marks for "ticked": ■, ☑, √, ✓ and the letter `t` that Wingdings-rendered ■ becomes in some files.
    static let tickedMarks: Set<Character> = ["■", "☑", "√", "✓", "✔", "t", "▇", "█"]
    /// Marks for "not ticked": □, ☐, `o`/`q`/`¨` from Wingdings, and the "(" that some conversions leave.
    static let untickedMarks: Set<Character> = ["□", "☐", "¨", "o", "q", "(", "（", "○"]

    /// Reads a channel cell as templates write it: "■政府网站    □政府公报\n□两微一端 …" with any spacing and line
    /// breaks, Wingdings letters for the boxes, and free text ("投资项目在线审批监管平台") or "其他：信用中国网站".
    public static func parse(_ text: String) -> ChannelSelection {
        var selection = ChannelSelection()
        var rest = Substring(text.replacingAll("\r", with: "\n"))
        var pendingMark: Bool?  // true = ticked, false = unticked, nil = no mark (free text)
        var freeText = ""

        func flushFree() {
            let cleaned = freeText.trimmingSpaces.trimmingCharacters(of: "、，,;；：:")
            if !cleaned.isEmpty { selection.others.append(cleaned) }
            freeText = ""
        }

        while let c = rest.first {
            if c.isWhitespace || c == "\u{3000}" {
                if !freeText.isEmpty && c.isNewline { flushFree() }
                if !freeText.isEmpty && !c.isNewline { freeText.append(" ") }
                rest = rest.dropFirst()
                continue
            }
            // A mark is a box character followed directly by a known channel name (so "o" in free text is safe).
            if tickedMarks.contains(c) || untickedMarks.contains(c) {
                let after = rest.dropFirst()
                if let (name, channel) = DisclosureChannel.names.first(where: { after.hasPrefix($0.0) }) {
                    flushFree()
                    add(channel, ticked: tickedMarks.contains(c), to: &selection)
                    remember(name, for: channel, in: &selection)
                    rest = after.dropFirst(name.count)
                    rest = consumeOtherDetail(rest, channel: channel, ticked: tickedMarks.contains(c), into: &selection)
                    pendingMark = nil
                    continue
                }
                if c == "■" || c == "□" || c == "☑" || c == "☐" {
                    flushFree()
                    pendingMark = c == "■" || c == "☑"
                    rest = after
                    continue
                }
            }
            if freeText.isEmpty, let (name, channel) = DisclosureChannel.names.first(where: { rest.hasPrefix($0.0) }) {
                // A standard name without a box: ticked when a box came before it, else a plain mention (ticked).
                add(channel, ticked: pendingMark ?? true, to: &selection)
                remember(name, for: channel, in: &selection)
                rest = rest.dropFirst(name.count)
                rest = consumeOtherDetail(rest, channel: channel, ticked: pendingMark ?? true, into: &selection)
                pendingMark = nil
                continue
            }
            if "、，,;；".contains(c) {
                flushFree()
                rest = rest.dropFirst()
                continue
            }
            freeText.append(c)
            rest = rest.dropFirst()
        }
        flushFree()
        return selection
    }

    /// Keeps a name other than the template's; 发布会 and 听证会 alone are parts of one channel's name, not a renaming.
    private static func remember(_ name: String, for channel: DisclosureChannel, in selection: inout ChannelSelection) {
        guard name != channel.label, !["发布会", "听证会"].contains(name), !name.contains("(") else { return }
        selection.writtenNames[channel] = name
    }

    private static func add(_ channel: DisclosureChannel, ticked: Bool, to selection: inout ChannelSelection) {
        if ticked {
            selection.optional.removeAll { $0 == channel }
            if !selection.required.contains(channel) { selection.required.append(channel) }
        } else if !selection.required.contains(channel) && !selection.optional.contains(channel) {
            selection.optional.append(channel)
        }
    }

    /// "■其他：信用中国网站" keeps 信用中国网站 as a free-text channel.
    private static func consumeOtherDetail(_ rest: Substring, channel: DisclosureChannel, ticked: Bool,
                                           into selection: inout ChannelSelection) -> Substring {
        guard channel == .other, ticked, let first = rest.first, "：:（(".contains(first) else { return rest }
        var detail = ""
        var remaining = rest.dropFirst()
        while let c = remaining.first, !c.isNewline, !"■□☑☐".contains(c) {
            if c == "）" || c == ")" { remaining = remaining.dropFirst(); break }
            detail.append(c)
            remaining = remaining.dropFirst()
        }
        let cleaned = detail.trimmingSpaces
        if !cleaned.isEmpty { selection.others.append(cleaned) }
        return remaining
    }
}

extension String {
    func trimmingCharacters(of set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension ChannelSelection {
    /// The checklist as the template prints it: every standard channel, two to a line, ■ for required and □ for
    /// the rest; the 12345 hotline when it was listed; then the domain's own channels, one per line. `parse`
    /// reads it back to the same selection (with every unticked standard channel as optional).
    public var checklistText: String {
        var lines: [String] = []
        func box(_ channel: DisclosureChannel) -> String { (required.contains(channel) ? "■" : "□") + name(channel) }
        let standard = DisclosureChannel.standard
        var i = 0
        while i < standard.count {
            // The notice-board channel has a long name and a line of its own, as in the template.
            if standard[i] == .noticeBoard || i + 1 == standard.count || standard[i + 1] == .noticeBoard {
                lines.append(box(standard[i]))
                i += 1
            } else {
                lines.append(box(standard[i]) + "    " + box(standard[i + 1]))
                i += 2
            }
        }
        if required.contains(.hotline12345) || optional.contains(.hotline12345) { lines.append(box(.hotline12345)) }
        lines.append(contentsOf: others)
        return lines.joined(separator: "\n")
    }

    /// The same channels in the form the checklist gives back: required in template order, every other standard
    /// channel optional. Entries made in forms are stored this way so an export and re-import is exact.
    public var normalisedAsChecklist: ChannelSelection {
        let order = DisclosureChannel.standard + [.hotline12345]
        let req = order.filter { required.contains($0) }
        var opt = DisclosureChannel.standard.filter { !required.contains($0) }
        if optional.contains(.hotline12345) && !required.contains(.hotline12345) { opt.append(.hotline12345) }
        return ChannelSelection(required: req, optional: opt, others: others, writtenNames: writtenNames)
    }
}
