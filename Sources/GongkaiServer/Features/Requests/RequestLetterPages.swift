import Foundation
import GongkaiCore
import Plot

/// A letter as it is printed: in a case page's preview, a template's sample, and on its own page with the .docx link.
enum RequestLetterPages {
    @ComponentBuilder
    static func letter(_ l: RequestLetter.Letter) -> Component {
        El("article", ["class": "letter"]) {
            El("h1", ["class": "letter-title"]) { T(l.title) }
            El("p", ["class": "letter-reference"]) { T(l.reference) }
            El("p") { T(l.salutation) }
            for paragraph in l.paragraphs { El("p", ["class": "letter-body"]) { T(paragraph) } }
            El("p", ["class": "letter-signature"]) { T(l.signature) }
            El("p", ["class": "letter-signature"]) { T(l.date) }
        }
    }


    /// A letter on its own printable page, with the way back and the Word file.
    /// `tracking` is the applicant's tracking address, printed under the letter as a QR code.
    static func document(_ l: RequestLetter.Letter, docx: String, back: (href: String, title: String), tracking: String?, chrome: PageChrome) -> String {
        Layout.render(chrome) {
            El("p", ["class": "no-print"]) {
                A(back.title, href: back.href)
                T("　")
                A("下载 Word 文档", href: docx, class: "button secondary")
                T("　请用浏览器的“打印”打印本页。")
            }
            El("div", ["class": "letter-sheet"]) {
                letter(l)
                if let tracking { QRFigure(url: tracking, caption: "扫码或访问以下网址查看办理进度") }
            }
        }
    }
}
