import Foundation

/// Request counts and latency by route, rendered in Prometheus' text format. Thread-safe.
public final class RequestMetrics: @unchecked Sendable {
    // Guarded by `lock`; a class because every request of every event loop updates the same numbers.
    private let lock = NSLock()
    private var series: [Key: Series] = [:]
    public static let bucketBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    struct Key: Hashable, Comparable {
        let method: String
        let route: String
        let status: Int
        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.route, lhs.method, lhs.status) < (rhs.route, rhs.method, rhs.status)
        }
    }

    struct Series {
        var count = 0
        var sum = 0.0
        var buckets = [Int](repeating: 0, count: RequestMetrics.bucketBounds.count)
    }

    public init() {}

    /// Records one answered request. `route` is the route's pattern (`/patients/:id`), never the raw path,
    /// so ids do not explode the number of series.
    public func record(method: String, route: String, status: Int, seconds: Double) {
        let key = Key(method: method, route: route, status: status)
        lock.lock()
        defer { lock.unlock() }
        var entry = series[key] ?? Series()
        entry.count += 1
        entry.sum += seconds
        if let index = Self.bucketBounds.firstIndex(where: { seconds <= $0 }) { entry.buckets[index] += 1 }
        series[key] = entry
    }

    public func prometheusText() -> String {
        lock.lock()
        let snapshot = series
        lock.unlock()
        var lines = [
            "# HELP relief_http_requests_total Requests answered, by route, method and status.",
            "# TYPE relief_http_requests_total counter",
        ]
        let keys = snapshot.keys.sorted()
        for key in keys {
            lines.append("relief_http_requests_total{\(labels(key))} \(snapshot[key]!.count)")
        }
        lines += [
            "# HELP relief_http_errors_total Requests answered with a 5xx status.",
            "# TYPE relief_http_errors_total counter",
            "relief_http_errors_total \(snapshot.filter { $0.key.status >= 500 }.values.reduce(0) { $0 + $1.count })",
            "# HELP relief_http_request_duration_seconds Time to answer a request.",
            "# TYPE relief_http_request_duration_seconds histogram",
        ]
        for key in keys {
            let entry = snapshot[key]!
            var cumulative = 0
            for (index, bound) in Self.bucketBounds.enumerated() {
                cumulative += entry.buckets[index]
                lines.append("relief_http_request_duration_seconds_bucket{\(labels(key)),le=\"\(bound)\"} \(cumulative)")
            }
            lines.append("relief_http_request_duration_seconds_bucket{\(labels(key)),le=\"+Inf\"} \(entry.count)")
            lines.append("relief_http_request_duration_seconds_sum{\(labels(key))} \(entry.sum)")
            lines.append("relief_http_request_duration_seconds_count{\(labels(key))} \(entry.count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func labels(_ key: Key) -> String {
        "method=\"\(key.method)\",route=\"\(escape(key.route))\",status=\"\(key.status)\""
    }

    private func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
