import GongkaiCore
import Foundation

/// An Atom 1.0 feed (RFC 4287): what a site, a unit, a domain or a catalog entry has newly published, for feed
/// readers and other government sites (精准推送). Every element the RFC requires is written: feed and entry `id`,
/// `title`, `updated`, an `author`, and the feed's `self` link.
public struct AtomFeed: Sendable {
    public struct Entry: Sendable {
        public var id: String
        public var title: String
        public var link: String
        public var updated: Date
        public var published: Date?
        public var summary: String
        public var author: String
        public var categories: [String]

        public init(id: String, title: String, link: String, updated: Date, published: Date?, summary: String,
                    author: String, categories: [String] = []) {
            self.id = id
            self.title = title
            self.link = link
            self.updated = updated
            self.published = published
            self.summary = summary
            self.author = author
            self.categories = categories
        }
    }

    public var id: String
    public var title: String
    public var subtitle: String
    /// The feed's own address.
    public var selfLink: String
    /// The page the feed follows.
    public var pageLink: String
    public var author: String
    public var updated: Date
    public var entries: [Entry]

    public init(id: String, title: String, subtitle: String, selfLink: String, pageLink: String, author: String,
                updated: Date, entries: [Entry]) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.selfLink = selfLink
        self.pageLink = pageLink
        self.author = author
        self.updated = updated
        self.entries = entries
    }

    public func xml() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n"
        out += "  <id>\(Markup.escape(id))</id>\n"
        out += "  <title>\(Markup.escape(title))</title>\n"
        if !subtitle.isEmpty { out += "  <subtitle>\(Markup.escape(subtitle))</subtitle>\n" }
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Markup.escape(selfLink))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(Markup.escape(pageLink))\"/>\n"
        out += "  <updated>\(Self.timestamp(updated))</updated>\n"
        out += "  <author><name>\(Markup.escape(author))</name></author>\n"
        out += "  <generator>Gongkai</generator>\n"
        for entry in entries {
            out += "  <entry>\n"
            out += "    <id>\(Markup.escape(entry.id))</id>\n"
            out += "    <title>\(Markup.escape(entry.title))</title>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Markup.escape(entry.link))\"/>\n"
            out += "    <updated>\(Self.timestamp(entry.updated))</updated>\n"
            if let published = entry.published { out += "    <published>\(Self.timestamp(published))</published>\n" }
            out += "    <author><name>\(Markup.escape(entry.author))</name></author>\n"
            for category in entry.categories { out += "    <category term=\"\(Markup.escape(category))\"/>\n" }
            out += "    <summary type=\"text\">\(Markup.escape(entry.summary))</summary>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }

    /// RFC 3339 in UTC.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

}

/// sitemap.xml (sitemaps.org 0.9) for search engines: the portal's pages and every published record.
public enum Sitemap {
    public struct URLEntry: Sendable {
        public var location: String
        public var lastModified: Date?

        public init(location: String, lastModified: Date?) {
            self.location = location
            self.lastModified = lastModified
        }
    }

    public static func xml(_ urls: [URLEntry]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        for url in urls {
            out += "  <url><loc>\(Markup.escape(url.location))</loc>"
            if let modified = url.lastModified { out += "<lastmod>\(formatter.string(from: modified))</lastmod>" }
            out += "</url>\n"
        }
        out += "</urlset>\n"
        return out
    }
}
