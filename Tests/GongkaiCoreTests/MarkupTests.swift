import GongkaiCore
import Testing

@Suite("Markup: the one escaper for HTML and XML")
struct MarkupTests {
    @Test("markup characters become entities; forbidden control characters are dropped; Chinese is untouched")
    func escape() {
        #expect(Markup.escape(#"<a href="x">'湖口'&</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;湖口&#39;&amp;&lt;/a&gt;")
        #expect(Markup.escape("第一行\n第二行\t\r") == "第一行\n第二行\t&#13;")
        #expect(Markup.escape("a\u{0}b\u{0B}c\u{FFFE}d") == "abcd")
        #expect(Markup.escape("&amp;") == "&amp;amp;", "an entity typed by a person shows as typed")
    }
}
