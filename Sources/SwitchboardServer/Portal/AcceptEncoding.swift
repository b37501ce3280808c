import Foundation
import SwitchboardCore

/// Reads an `Accept-Encoding` header: does the client take gzip?
enum AcceptEncoding {
    /// True when `gzip` (or `x-gzip`) is listed with a quality above zero, or when it is not
    /// listed and `*` is. `gzip;q=0` refuses it.
    static func allowsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var gzip: Double?
        var wildcard: Double?
        for item in header.split(separator: ",") {
            let parameters = item.split(separator: ";").map { $0.trimmingWhitespace().lowercased() }
            guard let name = parameters.first else { continue }
            var quality = 1.0
            for parameter in parameters.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            switch name {
            case "gzip", "x-gzip": gzip = max(gzip ?? 0, quality)
            case "*": wildcard = quality
            default: continue
            }
        }
        return (gzip ?? wildcard ?? 0) > 0
    }
}
