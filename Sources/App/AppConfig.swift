import Foundation
import ReliefCore
import Vapor

/// Every setting Relief reads, named after its environment variable, with a safe default.
public struct AppConfig: Sendable {
    public enum DatabaseTarget: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        /// `searchPath` puts every table in one schema (tests give each run its own).
        case postgres(url: String, searchPath: String?)
    }

    /// `DATABASE_URL` (postgres://…), else an SQLite file in `RELIEF_DATA_DIR` (default `./relief-data`).
    public var database: DatabaseTarget
    /// `RELIEF_SESSION_IDLE_MINUTES`: a session unused this long ends (default 30).
    public var sessionIdleTimeout: TimeInterval
    /// `RELIEF_SESSION_CACHE_SECONDS`: how long a checked session is trusted without asking the database (default 5, 0 = off).
    public var sessionCacheLifetime: TimeInterval
    /// `RELIEF_CHART_CACHE`: how many patients' chart data an instance keeps, each checked against the database's
    /// chart version on every view (default 2000, 0 = off).
    public var chartCacheSize: Int
    /// `RELIEF_BCRYPT_COST`: work factor for new password hashes (default and minimum 12).
    public var bcryptCost: Int
    /// `RELIEF_LOGIN_MAX_FAILURES`, `RELIEF_ADDRESS_MAX_FAILURES`, `RELIEF_LOGIN_WINDOW_MINUTES`.
    public var loginThrottle: LoginThrottle
    /// `RELIEF_TRUSTED_PROXIES`: reverse proxies (addresses or CIDR ranges, comma-separated) whose `X-Forwarded-For`
    /// names the client; empty by default, when the peer is the client.
    public var trustedProxies: TrustedProxies
    /// `RELIEF_DEMO=1` or `relief serve --demo`: load the demo practice into an empty database.
    public var loadDemo: Bool
    /// `RELIEF_MAX_BODY`: larger request bodies get 413 (default 1mb), in bytes.
    public var maxBodySize: Int
    /// `RELIEF_LOG_FORMAT`: `text` (default) or `json`, one object a line.
    public var logFormat: String
    /// `RELIEF_SMTP_URL`, `RELIEF_MAIL_FROM`, `RELIEF_PRACTICE_PHONE`: the mail server for reminders; nil, none is sent.
    public var mail: MailSettings?
    /// `RELIEF_MAIL_INTERVAL_SECONDS`: how often a serving instance sends the outbox (default 60; 0 = only `relief mail send`).
    public var mailInterval: Int
    /// `RELIEF_EXPORT_DIR`: where Bulk Data exports write their files (default `exports` in `RELIEF_DATA_DIR`); several
    /// instances sharing one PostgreSQL need it shared too, as any of them may serve a file another wrote.
    public var exportDirectory: String
    /// The clock; tests replace it.
    public var now: @Sendable () -> Date

    public init(database: DatabaseTarget, sessionIdleTimeout: TimeInterval = 30 * 60, sessionCacheLifetime: TimeInterval = 5,
                chartCacheSize: Int = 2000, bcryptCost: Int = 12,
                loginThrottle: LoginThrottle = LoginThrottle(), trustedProxies: TrustedProxies = TrustedProxies(), loadDemo: Bool = false, maxBodySize: Int = 1 << 20,
                logFormat: String = "text", mail: MailSettings? = nil, mailInterval: Int = 60, exportDirectory: String? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.sessionIdleTimeout = sessionIdleTimeout
        self.sessionCacheLifetime = sessionCacheLifetime
        self.chartCacheSize = chartCacheSize
        self.bcryptCost = bcryptCost
        self.loginThrottle = loginThrottle
        self.trustedProxies = trustedProxies
        self.loadDemo = loadDemo
        self.maxBodySize = maxBodySize
        self.logFormat = logFormat
        self.mail = mail
        self.mailInterval = mailInterval
        self.exportDirectory = exportDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("relief-exports").path
        self.now = now
    }

    /// Reads the environment; a setting that is present but wrong is an error, never silently ignored.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        func number(_ key: String, _ fallback: Int, minimum: Int = 1) throws -> Int {
            guard let text = env[key], !text.isEmpty else { return fallback }
            guard let value = Int(text), value >= minimum else {
                throw ConfigError(message: "\(key) must be a whole number of at least \(minimum), not '\(text)'")
            }
            return value
        }
        let dataDirectory = env["RELIEF_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "relief-data"
        let database: DatabaseTarget
        if let url = env["DATABASE_URL"], !url.isEmpty {
            database = try target(for: url)
        } else {
            database = .sqliteFile(path: dataDirectory + "/relief.sqlite")
        }
        let throttle = LoginThrottle(
            maxFailuresPerAccount: try number("RELIEF_LOGIN_MAX_FAILURES", 5),
            maxFailuresPerAddress: try number("RELIEF_ADDRESS_MAX_FAILURES", 20),
            window: TimeInterval(try number("RELIEF_LOGIN_WINDOW_MINUTES", 15) * 60))
        guard let proxies = TrustedProxies(list: env["RELIEF_TRUSTED_PROXIES"] ?? "") else {
            throw ConfigError(message: "RELIEF_TRUSTED_PROXIES must list addresses or CIDR ranges, e.g. 10.0.0.5, 192.168.1.0/24")
        }
        let format = env["RELIEF_LOG_FORMAT"] ?? "text"
        guard ["text", "json"].contains(format) else { throw ConfigError(message: "RELIEF_LOG_FORMAT must be text or json") }
        return AppConfig(
            database: database,
            sessionIdleTimeout: TimeInterval(try number("RELIEF_SESSION_IDLE_MINUTES", 30) * 60),
            sessionCacheLifetime: TimeInterval(try number("RELIEF_SESSION_CACHE_SECONDS", 5, minimum: 0)),
            chartCacheSize: try number("RELIEF_CHART_CACHE", 2000, minimum: 0),
            bcryptCost: try number("RELIEF_BCRYPT_COST", 12, minimum: 12),
            loginThrottle: throttle,
            trustedProxies: proxies,
            loadDemo: ["1", "true", "yes"].contains(env["RELIEF_DEMO"]?.lowercased() ?? ""),
            maxBodySize: try byteCount(env["RELIEF_MAX_BODY"].flatMap { $0.isEmpty ? nil : $0 } ?? "1mb"),
            logFormat: format,
            mail: try MailSettings.fromEnvironment(env),
            mailInterval: try number("RELIEF_MAIL_INTERVAL_SECONDS", 60, minimum: 0),
            exportDirectory: env["RELIEF_EXPORT_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? dataDirectory + "/exports")
    }

    /// "512kb", "1mb" or a number of bytes. (Vapor's own parser stops the process on a typo.)
    static func byteCount(_ text: String) throws -> Int {
        let lower = text.lowercased().filter { !$0.isWhitespace }
        let units: [(String, Int)] = [("kb", 10), ("mb", 20), ("gb", 30), ("b", 0), ("", 0)]
        for (suffix, shift) in units where lower.hasSuffix(suffix) {
            if let number = Int(lower.dropLast(suffix.count)), number > 0, number < (1 << (40 - shift)) {
                return number << shift
            }
        }
        throw ConfigError(message: "RELIEF_MAX_BODY must be a size like 512kb or 2mb, not '\(text)'")
    }

    /// `postgres://…` or `postgresql://…` for PostgreSQL; `sqlite:PATH` or a plain path for an SQLite file.
    public static func target(for location: String) throws -> DatabaseTarget {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return .postgres(url: location, searchPath: nil)
        }
        let path = location.hasPrefix("sqlite:") ? String(location.dropFirst("sqlite:".count)) : location
        guard !path.isEmpty else { throw ConfigError(message: "empty database location") }
        return path == ":memory:" ? .sqliteMemory : .sqliteFile(path: path)
    }
}

public struct ConfigError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension Application {
    private struct ConfigKey: StorageKey {
        typealias Value = AppConfig
    }

    public var config: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("configure(_:config:) sets the config first") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.config.now() }

    /// Today in the practice's time zone (the server's).
    var today: CalendarDate { CalendarDate(now) }

    /// "11/23/2026 4:05 PM", how the clinic reads a time.
    func displayTime(_ date: Date) -> String { displayTime(date, seconds: false) }

    /// "11/23/2026 4:05:09 PM": the audit trail tells apart what happened in one minute.
    func displayTimeToTheSecond(_ date: Date) -> String { displayTime(date, seconds: true) }

    private func displayTime(_ date: Date, seconds: Bool) -> String {
        let parts = Calendar.current.dateComponents([.hour, .minute, .second], from: date)
        let hour = parts.hour ?? 0, minute = parts.minute ?? 0, second = parts.second ?? 0
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        let clock = "\((hour + 11) % 12 + 1):\(two(minute))" + (seconds ? ":\(two(second))" : "") + " \(hour < 12 ? "AM" : "PM")"
        return "\(CalendarDate(date).display) \(clock)"
    }
}
