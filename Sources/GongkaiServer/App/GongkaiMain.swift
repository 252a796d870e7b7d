import Foundation
import Logging
import Vapor

/// The whole program behind the `gongkai` executable.
public enum GongkaiMain {
    public static func run() async throws {
        var env = try Environment.detect()
        env.arguments = CommandSupport.foldRepeatedOptions(env.arguments)
        var config: AppConfig
        do {
            config = try AppConfig.load(from: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            exit(78)  // EX_CONFIG
        }
        // Commands other than serve speak for themselves: Vapor's report of a failed command and the migrator's
        // progress lines would only repeat or bury their output, so they log errors alone unless LOG_LEVEL is set.
        if !Startup.isServe(env.arguments), ProcessInfo.processInfo.environment["LOG_LEVEL"]?.isEmpty ?? true {
            config.logLevel = .error
        }
        bootstrapLogging(format: config.logFormat, level: config.logLevel)
        let app = try await Application.make(env)
        do {
            try await configure(app, config: config)
            if let help = Startup.commandList(env.arguments, commands: app.asyncCommands.commands.mapValues(\.help)) {
                print(help)
                try await app.asyncShutdown()
                return
            }
            if Startup.isServe(env.arguments) {
                try await Startup.prepareForServe(app)
                try await Startup.serve(app, arguments: env.arguments)
            } else {
                try await app.startup()
            }
            try await app.running?.onStop.get()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data(("错误：" + failure.message + "\n").utf8))
            try? await app.asyncShutdown()
            exit(1)
        } catch {
            // Usage mistakes (a missing argument, an unknown option) and failures alike end with a message and
            // a non-zero status, never with a crash report.
            FileHandle.standardError.write(Data(("错误：\(describe(error))\n").utf8))
            try? await app.asyncShutdown()
            exit(1)
        }
        try await app.asyncShutdown()
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        let code = String(reflecting: error)
        if code.contains("missingRequiredArgument") || code.contains("missingOption") {
            return "缺少必需的参数（\(text)）。运行 gongkai 命令 --help 查看用法。"
        }
        if code.contains("unknownInput") || code.contains("unknownCommand") {
            return "无法识别的命令或参数（\(text)）。运行 gongkai --help 查看可用命令。"
        }
        return text
    }

    /// Once per process: every logger, including Vapor's per-request ones, writes structured lines.
    public static func bootstrapLogging(format: AppConfig.LogFormat = .text, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            StructuredLogHandler(label: label, format: format, level: level)
        }
    }
}
