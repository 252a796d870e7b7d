/// The one escaper for text put into HTML or XML (pages, rich text, Atom feeds, OOXML parts): safe in element
/// content and in quoted attribute values. Characters XML 1.0 forbids (other control characters, U+FFFE and
/// U+FFFF) are dropped: they carry no meaning in government text and would make a feed or workbook unreadable.
/// A carriage return is kept as `&#13;`, so that an attribute value keeps it instead of being normalised to a space.
public enum Markup {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
