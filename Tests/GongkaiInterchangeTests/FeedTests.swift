import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@testable import GongkaiInterchange

@Suite("Atom feeds and the sitemap")
struct FeedTests {
    @Test("a feed has every element RFC 4287 requires, escapes text, and parses as XML")
    func atom() throws {
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        let feed = AtomFeed(id: "urn:gongkai:test", title: "湖口县 <政府信息> & 公开", subtitle: "", selfLink: "https://x/feeds/a.atom",
                            pageLink: "https://x/", author: "湖口县人民政府", updated: date,
                            entries: [.init(id: "urn:uuid:1", title: "关于“低保”的通知\u{0001}", link: "https://x/1", updated: date, published: date,
                                            summary: "a < b", author: "民政局", categories: ["民政、扶贫、救灾"])])
        let xml = feed.xml()
        for required in ["<id>urn:gongkai:test</id>", "<updated>2026-09-21T", "<author><name>湖口县人民政府</name></author>", "rel=\"self\"",
                         "<entry>", "<title>湖口县 &lt;政府信息&gt; &amp; 公开</title>", "<summary type=\"text\">a &lt; b</summary>"] {
            #expect(xml.contains(required), "\(required)")
        }
        #expect(!xml.contains("\u{0001}"))
        #expect(XMLParser(data: Data(xml.utf8)).parse())
        let sitemap = Sitemap.xml([.init(location: "https://x/?a=1&b=2", lastModified: date)])
        #expect(sitemap.contains("<loc>https://x/?a=1&amp;b=2</loc><lastmod>2026-09-21</lastmod>"))
        #expect(XMLParser(data: Data(sitemap.utf8)).parse())
    }
}
