import Foundation
import GongkaiInterchange
import NIOCore
import NIOPosix

/// Sends one message through the configured SMTP relay (RFC 5321): EHLO, optional AUTH PLAIN, MAIL FROM,
/// RCPT TO, DATA, QUIT. Government intranets usually have a relay that accepts mail from the platform's address
/// on port 25; TLS to the relay is not spoken (the relay is expected on the same trusted network).
enum SMTPClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        /// 4xx replies and broken connections are worth retrying; 5xx are not going to change.
        let permanent: Bool
    }

    /// Gives up after `timeout` in all (a relay that stops answering must not hold the outbox worker).
    static func send(_ message: MailMessage, via settings: AppConfig.SMTPSettings, timeout: Duration = .seconds(30)) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await converse(message, via: settings) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Failure(description: "邮件服务器在\(timeout.components.seconds)秒内没有完成应答", permanent: false)
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    static func converse(_ message: MailMessage, via settings: AppConfig.SMTPSettings) async throws {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
                }
        } catch {
            throw Failure(description: "无法连接邮件服务器 \(settings.host):\(settings.port)：\(error)", permanent: false)
        }
        try await channel.executeThenClose { inbound, outbound in
            var lines = LineReader(inbound.makeAsyncIterator())
            func expect(_ codes: ClosedRange<Int>, after command: String?) async throws {
                if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
                let (code, text) = try await lines.reply()
                guard codes.contains(code) else {
                    let shown = command.map { $0.hasPrefix("AUTH") ? "AUTH" : $0 } ?? "连接"
                    throw Failure(description: "邮件服务器拒绝（\(shown)）：\(code) \(text)", permanent: code >= 500)
                }
            }
            try await expect(220...220, after: nil)
            try await expect(250...250, after: "EHLO \(settings.heloName)")
            if let user = settings.username, let password = settings.password {
                let token = Data(("\0" + user + "\0" + password).utf8).base64EncodedString()
                try await expect(235...235, after: "AUTH PLAIN \(token)")
            }
            try await expect(250...250, after: "MAIL FROM:<\(message.from)>")
            try await expect(250...251, after: "RCPT TO:<\(message.to)>")
            try await expect(354...354, after: "DATA")
            // Dot-stuffing (RFC 5321 §4.5.2), though a base64 body never starts a line with a dot.
            let data = message.rendered.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
            try await outbound.write(ByteBuffer(string: data))
            try await expect(250...250, after: "\r\n.")
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    /// Reads CRLF-terminated lines; a reply is one or more lines "250-…" ending with "250 …".
    struct LineReader {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending = ""

        init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

        mutating func line() async throws -> String {
            while true {
                if let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    return line
                }
                guard var buffer = try await iterator.next() else {
                    throw Failure(description: "邮件服务器关闭了连接", permanent: false)
                }
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
                if pending.utf8.count > 64_000 { throw Failure(description: "邮件服务器的回应过长", permanent: false) }
            }
        }

        mutating func reply() async throws -> (Int, String) {
            var text: [String] = []
            while true {
                let line = try await line()
                guard line.count >= 3, let code = Int(line.prefix(3)) else {
                    throw Failure(description: "邮件服务器的回应看不懂：\(line.prefix(80))", permanent: false)
                }
                text.append(String(line.dropFirst(4)))
                if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " { return (code, text.joined(separator: " ")) }
            }
        }
    }
}
