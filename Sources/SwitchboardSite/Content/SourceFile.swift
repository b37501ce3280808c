import Foundation

/// A content file as read from disk: its path relative to the site, its text split into front
/// matter and body, and the line on which the body starts (so Markdown lines map to file lines).
struct SourceFile: Sendable {
    let path: String
    /// The file name without `.md`: the item's slug, version or sheet id.
    let name: String
    let frontMatter: String
    /// 1-based line of the first front matter line.
    let frontMatterLine: Int
    let body: String
    /// 1-based line of the first body line.
    let bodyLine: Int
    /// Size and modification time when it was read.
    let stamp: FileStamp
    /// Fingerprint of the file's bytes.
    let hash: UInt64

    /// The largest content file read; beyond it the file is refused rather than rendered.
    static let maximumSize = 8 * 1024 * 1024

    /// Splits `--- yaml --- body`; a diagnostic names what is wrong with the raw bytes.
    static func parse(path: String, data: Data, stamp: FileStamp = FileStamp(size: 0, modified: 0)) -> Result<SourceFile, Diagnostic> {
        let name = SourceFile.name(of: path)
        guard data.count <= maximumSize else {
            return .failure(
                Diagnostic(
                    path: path, line: 0, "file is \(data.count / 1_048_576) MB; content files may be at most \(maximumSize / 1_048_576) MB")
            )
        }
        guard !data.isEmpty else {
            return .failure(Diagnostic(path: path, line: 0, "file is empty; it needs front matter between '---' lines"))
        }
        if data.withUnsafeBytes({ $0.contains(0) }) {
            return .failure(Diagnostic(path: path, line: 0, "file is binary (it contains NUL bytes), not Markdown"))
        }
        guard let text = String(validatingUTF8Data: data) else {
            return .failure(Diagnostic(path: path, line: invalidUTF8Line(data), "file is not valid UTF-8"))
        }
        // Find the two fences by walking lines on UTF-8 bytes; only the front matter is split.
        var utf8 = text.utf8[...]
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { utf8 = utf8.dropFirst(3) }
        var lineNumber = 1
        var lineStart = utf8.startIndex
        var frontMatterStart: String.Index?
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            let isFence = isFenceLine(utf8[lineStart..<lineEnd])
            let next = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
            if lineNumber == 1 {
                guard isFence else {
                    return .failure(Diagnostic(path: path, line: 1, "missing front matter: the file must start with a '---' line"))
                }
                frontMatterStart = next
            } else if isFence, let start = frontMatterStart {
                let yaml = String(text[start..<lineStart])
                let body = String(text[next...])
                return .success(
                    SourceFile(
                        path: path, name: name, frontMatter: yaml, frontMatterLine: 2, body: body, bodyLine: lineNumber + 1,
                        stamp: stamp, hash: Fingerprint.of(data)))
            }
            lineNumber += 1
            lineStart = next
        }
        return .failure(Diagnostic(path: path, line: 1, "front matter is not closed: add a '---' line after it"))
    }

    /// `content/announcements/welcome.md` → `welcome`: the slug, version or sheet id.
    static func name(of path: String) -> String {
        let bytes = path.utf8
        let start = bytes.lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex
        let file = bytes[start...]
        guard let dot = file.lastIndex(of: UInt8(ascii: ".")), dot != file.startIndex else { return String(Substring(file)) }
        return String(Substring(file[..<dot]))
    }

    /// `---`, allowing surrounding spaces, tabs and a carriage return.
    private static func isFenceLine(_ line: Substring.UTF8View) -> Bool {
        let content = line.drop { $0 == 0x20 || $0 == 0x09 }
        var dashes = 0
        for byte in content {
            switch byte {
            case UInt8(ascii: "-") where dashes < 3: dashes += 1
            case 0x20, 0x09,
                0x0D where dashes == 3:
                continue
            default: return false
            }
        }
        return dashes == 3
    }

    private static func invalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            if String(validatingUTF8Data: data[start..<index]) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}

extension String {
    /// Strict UTF-8 decoding: `nil` for any invalid sequence instead of replacement characters.
    init?(validatingUTF8Data data: some Collection<UInt8>) {
        self.init(validating: data, as: UTF8.self)
    }
}
