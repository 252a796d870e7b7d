import Foundation
import GongkaiCore

/// A letter to an applicant (告知书) as a .docx laid out as a 公文 (GB/T 9704): A4, margins 37/26/35/28 mm, the title
/// in 二号小标宋 centred, the text in 三号仿宋 with a two-character first-line indent on a fixed 28-point line, the
/// issuing body and the date at the right. Word, WPS and LibreOffice open it; the fonts fall back where missing.
public enum LetterDocument {
    public static func write(_ letter: RequestLetter.Letter) throws -> Data {
        var body = paragraph(letter.title, font: "方正小标宋简体", size: 44, align: "center", line: 700)
        body += paragraph(letter.reference, font: "仿宋", size: 32, align: "center")
        body += paragraph("", font: "仿宋", size: 32)
        body += paragraph(letter.salutation, font: "仿宋", size: 32)
        for text in letter.paragraphs { body += paragraph(text, font: "仿宋", size: 32, firstLineIndent: true) }
        body += paragraph("", font: "仿宋", size: 32)
        body += paragraph(letter.signature, font: "仿宋", size: 32, align: "right", rightIndent: 640)
        body += paragraph(letter.date, font: "仿宋", size: 32, align: "right", rightIndent: 640)
        let document = OOXMLPackage.xmlHeader
            + #"<w:document xmlns:w="\#(wordNS)"><w:body>"# + body
            + #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#
            + "</w:body></w:document>"
        return try OOXMLPackage.build([
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", relationships), ("docProps/core.xml", OOXMLPackage.coreProperties(title: letter.title)),
            ("word/document.xml", document),
        ], noun: "文档")
    }

    static let wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// - size: half-points (三号 16 pt = 32); line: twentieths of a point (28 pt = 560), exact.
    static func paragraph(_ text: String, font: String, size: Int, align: String? = nil, firstLineIndent: Bool = false, rightIndent: Int = 0,
                          line: Int = 560) -> String {
        var properties = #"<w:spacing w:line="\#(line)" w:lineRule="exact"/>"#
        if firstLineIndent { properties += #"<w:ind w:firstLineChars="200" w:firstLine="\#(size * 20)"/>"# }
        if rightIndent > 0 { properties += #"<w:ind w:right="\#(rightIndent)"/>"# }
        if let align { properties += #"<w:jc w:val="\#(align)"/>"# }
        let run = text.isEmpty ? "" : #"<w:r><w:rPr><w:rFonts w:ascii="\#(font)" w:eastAsia="\#(font)" w:hAnsi="\#(font)"/><w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/></w:rPr><w:t xml:space="preserve">\#(Markup.escape(text))</w:t></w:r>"#
        return "<w:p><w:pPr>\(properties)</w:pPr>\(run)</w:p>"
    }

    static let contentTypes = OOXMLPackage.xmlHeader
        + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#

    static let relationships = OOXMLPackage.xmlHeader
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
}
