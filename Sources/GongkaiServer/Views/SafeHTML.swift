import GongkaiCore
import Plot

/// Plot writes attribute values as given and keeps `&name;` sequences in text as entities. Every piece of
/// data in a Gongkai page therefore goes through these wrappers, which escape it completely
/// (docs/decisions/0001-escaping-with-plot.md).
enum HTMLEscape {
    /// Attribute values: the one escaper of the project (`Markup.escape`, in the core).
    static func attribute(_ value: String) -> String { Markup.escape(value) }

    /// Plot escapes `<` and `>` in text but leaves entities alone; turning every `&` into `&amp;` first makes
    /// the text show exactly as typed.
    static func text(_ value: String) -> String {
        value.replacingOccurrences(of: "&", with: "&amp;")
    }
}

/// Text shown exactly as given.
struct T: Component {
    let value: String
    init(_ value: String) { self.value = value }
    var body: Component { Text(HTMLEscape.text(value)) }
}

/// Any element, with attributes escaped. `El("section", ["class": "card"]) { … }`.
struct El: Component {
    let name: String
    let attributes: [(String, String)]
    let content: ContentProvider

    init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:],
         @ComponentBuilder content: @escaping ContentProvider) {
        self.name = name
        self.attributes = attributes.map { ($0.key, $0.value) }
        self.content = content
    }

    init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        self.init(name, attributes) { EmptyComponent() }
    }

    /// Attributes with a nil value are left out (`"required": isRequired ? "required" : nil`).
    init(_ name: String, optional attributes: KeyValuePairs<String, String?>, @ComponentBuilder content: @escaping ContentProvider) {
        self.name = name
        self.attributes = attributes.compactMap { pair in pair.value.map { (pair.key, $0) } }
        self.content = content
    }

    var body: Component {
        var nodes: [Node<HTML.BodyContext>] = attributes.map { .attribute(named: $0.0, value: HTMLEscape.attribute($0.1)) }
        nodes.append(.component(content()))
        return Node<HTML.BodyContext>.element(named: name, nodes: nodes)
    }
}

/// A void element (`input`, `meta`, `br`) with escaped attributes; attributes with a nil value are left out.
struct VoidEl: Component {
    let name: String
    let attributes: [(String, String?)]

    init(_ name: String, _ attributes: KeyValuePairs<String, String?>) {
        self.name = name
        self.attributes = attributes.map { ($0.key, $0.value) }
    }

    var body: Component {
        let attrs: [Attribute<HTML.BodyContext>] = attributes.compactMap { name, value in
            value.map { Attribute(name: name, value: HTMLEscape.attribute($0), ignoreIfValueIsEmpty: false) }
        }
        return Node<HTML.BodyContext>.selfClosedElement(named: name, attributes: attrs)
    }
}

/// A link with an escaped address.
struct A: Component {
    let href: String
    let text: String
    let className: String?

    init(_ text: String, href: String, class className: String? = nil) {
        self.text = text
        self.href = href
        self.className = className
    }

    var body: Component {
        if let className {
            El("a", ["href": href, "class": className]) { T(text) }
        } else {
            El("a", ["href": href]) { T(text) }
        }
    }
}
