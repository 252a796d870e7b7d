import GongkaiCore
import Plot

/// A link printed as a QR code with its address written beside it, for paper: a printed letter or guide leads a
/// reader with a phone to the online version. The SVG comes from our own encoder (`QRCode`), its only text the
/// escaped label; an address too long for a code is printed as text alone.
struct QRFigure: Component {
    let url: String
    let caption: String

    var body: Component {
        El("figure", ["class": "qr-figure"]) {
            if let code = try? QRCode(url) { RawHTML(code.svg(label: caption + "：" + url, pixelsPerModule: 3)) }
            El("figcaption") {
                T(caption)
                VoidEl("br", [:])
                El("span", ["class": "qr-url"]) { T(url) }
            }
        }
    }
}
