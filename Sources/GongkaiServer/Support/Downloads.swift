import Foundation
import Vapor

enum Downloads {
    /// A download response whose Chinese file name survives every browser (RFC 6266 filename*), with a plain
    /// ASCII name for the oldest ones.
    static func response(_ data: Data, fileName: String, contentType: String, asciiName: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? asciiName
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"\(asciiName)\"; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}
