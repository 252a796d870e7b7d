import Foundation
import Vapor

/// Serves the self-hosted CSS and icons from the package's resources, with a content hash as ETag.
enum AssetsController {
    struct Asset: Sendable {
        let data: Data
        let contentType: HTTPMediaType
        let etag: String
    }

    static let assets: [String: Asset] = {
        var result: [String: Asset] = [:]
        let types: [String: HTTPMediaType] = ["css": .css, "svg": .init(type: "image", subType: "svg+xml")]
        for name in ["gongkai.css", "favicon.svg"] {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources/assets")
                    ?? Bundle.module.url(forResource: name, withExtension: nil),
                  let data = try? Data(contentsOf: url)
            else { continue }
            let ext = String(name.split(separator: ".").last ?? "")
            result[name] = Asset(data: data, contentType: types[ext] ?? .binary,
                                 etag: "\"" + Secrets.sha256Hex(String(decoding: data, as: UTF8.self)).prefix(16) + "\"")
        }
        return result
    }()

    @Sendable static func show(req: Request) async throws -> Response {
        guard let asset = assets[try req.parameters.require("name")] else {
            throw Abort(.notFound, reason: "没有这个文件。")
        }
        if req.headers.first(name: .ifNoneMatch) == asset.etag {
            return Response(status: .notModified)
        }
        let response = Response(body: .init(data: asset.data))
        response.headers.contentType = asset.contentType
        response.headers.replaceOrAdd(name: .eTag, value: asset.etag)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
