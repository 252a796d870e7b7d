/// 办理流程 drawn on the server as an SVG flow chart (no script, prints as it shows): one box a step, top to bottom,
/// arrows between, the first and last rounded as start and end. Long steps wrap at about 15 Chinese characters.
/// Every text goes through `Markup.escape`; the drawing carries a title for screen readers, and the steps are also
/// listed as text on the page.
public enum ServiceFlowChart {
    static let width = 360, boxWidth = 300, lineHeight = 20, padding = 12, gap = 28, charsPerLine = 15

    /// Lines of at most `charsPerLine` wide characters (two narrow ones count as one).
    static func wrap(_ text: String) -> [String] {
        var lines: [String] = [], line = "", widthSoFar = 0.0
        for ch in text {
            let w = ch.isASCII ? 0.5 : 1.0
            if widthSoFar + w > Double(charsPerLine) {
                lines.append(line)
                line = ""
                widthSoFar = 0
            }
            line.append(ch)
            widthSoFar += w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    public static func svg(steps: [String], title: String) -> String {
        var y = 8
        var parts: [String] = []
        let x = (width - boxWidth) / 2
        for (i, step) in steps.enumerated() {
            let lines = wrap("\(i + 1). " + step)
            let height = lines.count * lineHeight + padding * 2 - 6
            let rounded = i == 0 || i == steps.count - 1 ? 18 : 3
            parts.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(boxWidth)\" height=\"\(height)\" rx=\"\(rounded)\" fill=\"#f3f6fa\" stroke=\"#1f3a5f\" stroke-width=\"1.5\"/>")
            var text = "<text x=\"\(width / 2)\" text-anchor=\"middle\" font-size=\"15\" fill=\"#1a1a1a\">"
            for (n, line) in lines.enumerated() {
                text += "<tspan x=\"\(width / 2)\" y=\"\(y + padding + 12 + n * lineHeight)\">\(Markup.escape(line))</tspan>"
            }
            parts.append(text + "</text>")
            y += height
            if i < steps.count - 1 {
                let mid = width / 2
                parts.append("<path d=\"M\(mid) \(y + 2)V\(y + gap - 6)\" stroke=\"#1f3a5f\" stroke-width=\"1.5\"/>"
                             + "<path d=\"M\(mid - 5) \(y + gap - 10)L\(mid) \(y + gap - 2)L\(mid + 5) \(y + gap - 10)Z\" fill=\"#1f3a5f\"/>")
                y += gap
            }
        }
        let height = y + 8
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow-chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "role=\"img\" aria-labelledby=\"flow-title\"><title id=\"flow-title\">\(Markup.escape(title))</title>" + parts.joined() + "</svg>"
    }
}
