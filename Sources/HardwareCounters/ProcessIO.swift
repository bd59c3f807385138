import VectorCore

/// I/O accounting from /proc/<pid>/io. `rchar`/`wchar` count bytes passed
/// to read/write-like calls (page cache hits included); `readBytes`/
/// `writeBytes` what the process caused to be fetched from or sent to
/// storage.
public struct ProcessIO: Codable, Sendable, Equatable {
    public var rchar: UInt64
    public var wchar: UInt64
    public var readSyscalls: UInt64
    public var writeSyscalls: UInt64
    public var readBytes: UInt64
    public var writeBytes: UInt64
    public var cancelledWriteBytes: UInt64

    public static func parse(_ text: String) -> OSReading<ProcessIO> {
        let fields = ProcKeyValues(parsing: text)
        guard let rchar = fields["rchar"], let wchar = fields["wchar"], let syscr = fields["syscr"],
            let syscw = fields["syscw"]
        else { return .unavailable(reason: "/proc/<pid>/io lacks rchar/wchar/syscr/syscw") }
        guard let readBytes = fields["read_bytes"], let writeBytes = fields["write_bytes"],
            let cancelled = fields["cancelled_write_bytes"]
        else {
            return .unavailable(reason: "kernel built without CONFIG_TASK_IO_ACCOUNTING (no read_bytes/write_bytes)")
        }
        return .available(
            ProcessIO(
                rchar: rchar, wchar: wchar, readSyscalls: syscr, writeSyscalls: syscw, readBytes: readBytes,
                writeBytes: writeBytes, cancelledWriteBytes: cancelled))
    }

    public static func read(pid: Int32? = nil) -> OSReading<ProcessIO> {
        .reading("/proc/\(pid.map(String.init) ?? "self")/io", parse)
    }

    /// Activity between two readings of the same process.
    public static func delta(from start: ProcessIO, to end: ProcessIO) -> ProcessIO {
        ProcessIO(
            rchar: end.rchar &- start.rchar, wchar: end.wchar &- start.wchar,
            readSyscalls: end.readSyscalls &- start.readSyscalls,
            writeSyscalls: end.writeSyscalls &- start.writeSyscalls, readBytes: end.readBytes &- start.readBytes,
            writeBytes: end.writeBytes &- start.writeBytes,
            cancelledWriteBytes: end.cancelledWriteBytes &- start.cancelledWriteBytes)
    }
}
