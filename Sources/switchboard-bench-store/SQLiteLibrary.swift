// The few SQLite C functions the benchmark calls, loaded with dlopen when it runs, so that
// building the package (and `make test`) never needs SQLite's headers; `make bench-store`
// installs the library before running.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct SQLiteLibrary: @unchecked Sendable {
    // @unchecked: only C function pointers, set once in init and never changed.
    typealias Database = OpaquePointer
    typealias Statement = OpaquePointer

    static let ok: Int32 = 0
    static let done: Int32 = 101
    static let openReadWrite: Int32 = 0x0000_0002
    static let openCreate: Int32 = 0x0000_0004
    static let openFullMutex: Int32 = 0x0001_0000
    /// SQLITE_TRANSIENT: SQLite copies the bound text.
    static let transient = unsafeBitCast(-1, to: Destructor.self)

    typealias Destructor = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias OpenFunction = @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<Database?>, Int32, UnsafePointer<CChar>?) -> Int32
    typealias ExecFunction = @convention(c) (Database, UnsafePointer<CChar>, OpaquePointer?, UnsafeMutableRawPointer?, OpaquePointer?) -> Int32
    typealias MessageFunction = @convention(c) (Database) -> UnsafePointer<CChar>
    typealias PrepareFunction = @convention(c) (Database, UnsafePointer<CChar>, Int32, UnsafeMutablePointer<Statement?>, OpaquePointer?) -> Int32
    typealias BindTextFunction = @convention(c) (Statement, Int32, UnsafePointer<CChar>, Int32, Destructor?) -> Int32
    typealias StatementFunction = @convention(c) (Statement) -> Int32
    typealias CloseFunction = @convention(c) (Database) -> Int32

    let open: OpenFunction
    let exec: ExecFunction
    let errmsg: MessageFunction
    let prepare: PrepareFunction
    let bindText: BindTextFunction
    let step: StatementFunction
    let reset: StatementFunction
    let finalize: StatementFunction
    let close: CloseFunction

    /// Loads libsqlite3, or explains why it cannot.
    init() throws {
        guard let handle = dlopen("libsqlite3.so.0", RTLD_NOW) ?? dlopen("libsqlite3.so", RTLD_NOW) else {
            throw NSError(domain: "sqlite", code: 1, userInfo: [NSLocalizedDescriptionKey: "libsqlite3 not found (apt-get install libsqlite3-0)"])
        }
        func symbol<T>(_ name: String, _ type: T.Type) throws -> T {
            guard let pointer = dlsym(handle, name) else {
                throw NSError(domain: "sqlite", code: 2, userInfo: [NSLocalizedDescriptionKey: "libsqlite3 has no \(name)"])
            }
            return unsafeBitCast(pointer, to: type)
        }
        open = try symbol("sqlite3_open_v2", OpenFunction.self)
        exec = try symbol("sqlite3_exec", ExecFunction.self)
        errmsg = try symbol("sqlite3_errmsg", MessageFunction.self)
        prepare = try symbol("sqlite3_prepare_v2", PrepareFunction.self)
        bindText = try symbol("sqlite3_bind_text", BindTextFunction.self)
        step = try symbol("sqlite3_step", StatementFunction.self)
        reset = try symbol("sqlite3_reset", StatementFunction.self)
        finalize = try symbol("sqlite3_finalize", StatementFunction.self)
        close = try symbol("sqlite3_close", CloseFunction.self)
    }
}
