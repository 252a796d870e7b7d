import Foundation
import GongkaiCore
import Plot

/// The plan on a time axis, drawn on the server as inline SVG (no script): a row per item with a known due date,
/// the part done filled in, a diamond at the deadline, year ticks, and a line for today. Colour is backed by
/// text: every row carries its status in words, and a table of the same facts follows for screen readers.
enum PlanTimeline {
    static let labelWidth = 300.0, chartLeft = 310.0, chartRight = 980.0, rowHeight = 26.0, top = 44.0

    static func render(_ s: PlanSnapshot, chrome: PageChrome) -> String {
        let dated = s.items.filter { $0.due != nil }
        let undated = s.items.filter { $0.due == nil }
        return Layout.render(chrome) {
            PlanViews.header(s)
            PlanViews.tabs(s.planID, current: "timeline")
            if dated.isEmpty {
                EmptyState(title: "没有可以画在时间轴上的事项", text: "事项的完成时间确定后（或录入了起算事件的日期后）会出现在这里。")
            } else {
                svg(s, dated)
            }
            if !undated.isEmpty {
                El("h2") { T("到期日未定的事项") }
                El("ul") {
                    for item in undated {
                        El("li") {
                            A("\(item.label)\(PlanText.shortened(item.text, to: 40))", href: SiteURL.adminPlanItem(s.planID, number: item.number).path)
                            T("：\(item.dueText)")
                        }
                    }
                }
            }
        }
    }

    static func itemState(_ item: PlanSnapshot.Item) -> (cls: String, label: String) {
        let r = item.rollup
        if r.lines > 0 && r.count(.completed) == r.lines { return ("completed", "已完成") }
        if r.overdue > 0 { return ("overdue", "\(r.overdue)项逾期") }
        if r.count(.inProgress) > 0 || r.count(.completed) > 0 { return ("in-progress", "进行中") }
        return ("not-started", r.lines == 0 ? "未对应单位" : "未开始")
    }

    static func svg(_ s: PlanSnapshot, _ items: [PlanSnapshot.Item]) -> Component {
        let dues = items.compactMap(\.due)
        let first = CivilDate(year: min(dues.map(\.year).min()!, s.today.year), month: 1, day: 1)!
        let last = CivilDate(year: max(dues.map(\.year).max()!, s.today.year) + 1, month: 1, day: 1)!
        let span = Double(max(last.dayNumber - first.dayNumber, 1))
        func x(_ d: CivilDate) -> Double { chartLeft + (chartRight - chartLeft) * Double(d.dayNumber - first.dayNumber) / span }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let height = top + rowHeight * Double(items.count) + 16
        let summary = "时间轴：\(items.count)个事项，从\(first.year)年到\(last.year - 1)年，今天是\(s.today.description)。"
        return El("figure", ["class": "timeline"]) {
            El("svg", ["viewBox": "0 0 1000 \(f(height))", "role": "img", "aria-label": summary, "xmlns": "http://www.w3.org/2000/svg",
                       "preserveAspectRatio": "xMinYMin meet"]) {
                for year in first.year..<last.year {
                    let tx = x(CivilDate(year: year, month: 1, day: 1)!)
                    El("line", ["x1": f(tx), "x2": f(tx), "y1": "28", "y2": f(height - 10), "class": "tl-grid"])
                    El("text", ["x": f(tx + 4), "y": "20", "class": "tl-year"]) { T("\(year)年") }
                }
                for (i, item) in items.enumerated() {
                    let y = top + rowHeight * Double(i)
                    let due = item.due!
                    let state = itemState(item)
                    let endX = x(due)
                    El("g", ["class": "tl-row tl-\(state.cls)"]) {
                        El("title") { T("\(item.label)\(item.text)；完成时间 \(due.description)；\(state.label)；平均完成\(item.rollup.percent)%") }
                        El("a", ["href": SiteURL.adminPlanItem(s.planID, number: item.number).path]) {
                            El("text", ["x": "4", "y": f(y + 5), "class": "tl-label"]) { T("\(item.label)\(PlanText.shortened(item.text, to: 15))") }
                        }
                        El("line", ["x1": f(chartLeft), "x2": f(endX), "y1": f(y), "y2": f(y), "class": "tl-track"])
                        El("line", ["x1": f(chartLeft), "x2": f(chartLeft + (endX - chartLeft) * Double(item.rollup.percent) / 100),
                                    "y1": f(y), "y2": f(y), "class": "tl-done"])
                        El("path", ["d": "M\(f(endX)) \(f(y - 7)) L\(f(endX + 7)) \(f(y)) L\(f(endX)) \(f(y + 7)) L\(f(endX - 7)) \(f(y)) Z",
                                    "class": "tl-deadline"])
                        El("text", ["x": f(min(endX + 10, 900)), "y": f(y + 4), "class": "tl-status"]) { T(state.label) }
                    }
                }
                let todayX = x(s.today)
                El("line", ["x1": f(todayX), "x2": f(todayX), "y1": "26", "y2": f(height - 6), "class": "tl-today"])
                // Near the right edge the label goes to the left of the line, so it is never cut off.
                let labelLeft = todayX > 880
                El("text", ["x": f(labelLeft ? todayX - 4 : todayX + 4), "y": "36", "class": "tl-today-label",
                            "text-anchor": labelLeft ? "end" : "start"]) { T("今天 \(s.today.description)") }
            }
            El("figcaption", ["class": "muted small"]) {
                T("每行一个事项：灰线到菱形为完成时间，深色部分为各责任单位平均完成比例；红色竖线为今天。点击事项名称查看详情。")
            }
        }
    }
}
