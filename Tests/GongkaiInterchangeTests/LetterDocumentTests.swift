import Foundation
import Testing

@testable import GongkaiCore
@testable import GongkaiInterchange

@Suite("告知书 as .docx")
struct LetterDocumentTests {
    @Test("a letter written as .docx reads back paragraph by paragraph, escaped, with the 公文 page set-up")
    func roundTrip() throws {
        let letter = RequestLetter.Letter(title: "政府信息公开申请答复告知书", reference: "湖口县民政局依申请公开〔2026〕2026-0007号", salutation: "王小明：",
                                          paragraphs: ["本机关于2026年9月21日收到您的申请。", "您申请的“<低保> & 名单”予以公开。"],
                                          signature: "湖口县民政局", date: "2026年10月9日")
        let data = try LetterDocument.write(letter)
        let text = try #require(AttachmentText.extract(data, fileName: "letter.docx"))
        for part in [letter.title, letter.reference, letter.salutation, letter.paragraphs[1], letter.signature, letter.date] {
            #expect(text.contains(part), "\(part)")
        }
        let package = try OOXMLPackage(data, noun: "文档", legacy: "", notPackage: "")
        let document = String(decoding: try #require(try package.part("word/document.xml")), as: UTF8.self)
        #expect(document.contains("&lt;低保&gt; &amp; 名单") && document.contains(#"<w:pgSz w:w="11906" w:h="16838"/>"#))
        #expect(document.contains(#"w:firstLineChars="200""#) && document.contains(#"<w:jc w:val="center"/>"#))
        #expect(try package.part("[Content_Types].xml") != nil)
        #expect(try package.part("_rels/.rels") != nil)
    }
}
