import App
import Foundation
import Logging
import Vapor

/// `relief [serve [--demo] | migrate | user … | demo … | report … | mail send] [--database URL]`: reads the configuration, builds the
/// application and runs the command. A failure is a message on standard error and exit status 1.
@main
enum Entrypoint {
    static func main() async {
        do {
            try await run()
        } catch {
            FileHandle.standardError.write(Data("relief: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() async throws {
        var env = try Environment.detect()
        var config = try AppConfig.fromEnvironment()
        // Flags that shape the configuration itself are read here, before Vapor parses the command.
        if let index = env.arguments.firstIndex(of: "--demo") {
            config.loadDemo = true
            env.arguments.remove(at: index)
        }
        if let index = env.arguments.firstIndex(of: "--database"), index + 1 < env.arguments.count {
            config.database = try AppConfig.target(for: env.arguments[index + 1])
            env.arguments.removeSubrange(index...(index + 1))
        }
        if config.logFormat == "json" {
            LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        } else {
            try LoggingSystem.bootstrap(from: &env)
        }
        let app = try await Application.make(env)
        do {
            try await configure(app, config: config)
            app.asyncCommands.use(UserCommand(), as: "user")
            app.asyncCommands.use(DemoCommand(), as: "demo")
            app.asyncCommands.use(QuestionnairesCommand(), as: "questionnaires")
            app.asyncCommands.use(AuditCommand(), as: "audit")
            app.asyncCommands.use(ReportCommand(), as: "report")
            app.asyncCommands.use(MailCommand(), as: "mail")
            app.asyncCommands.use(ExportCommand(), as: "export")
            app.asyncCommands.use(FHIRCommand(), as: "fhir")
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
