#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VectorCore

extension WALDirectory {
    /// Finds the segments of the log in `directory` and readies the open one
    /// for appends:
    /// 1. removes temporary files of segment creations a crash interrupted;
    /// 2. checks every segment header, and that sequence numbers are
    ///    consecutive and first LSNs increase (sealed records are checked
    ///    strictly when replayed: reading them all here would double the
    ///    start-up I/O of every open);
    /// 3. scans the open segment: it ends at the first position that is not
    ///    the next record of a complete batch. If anything after that point
    ///    is a valid record, that is corruption (`WALError.corrupt`, naming
    ///    path, offset and LSN). Otherwise the rest is preallocated zeros or
    ///    one torn tail; its non-zero bytes are zeroed, so stale bytes never
    ///    meet new records. Corruption or a torn tail are dealt with as
    ///    `configuration.recoveryPolicy` says (`WALRecoveryPolicy`);
    /// 4. fdatasyncs the open segment, so everything recovered is durable
    ///    (a killed process leaves written-but-unsynced records in the page
    ///    cache; they count from now on) — unless step 3 wrote nothing and
    ///    this process closed the file cleanly and finds it unchanged
    ///    (`WALCleanCloses`).
    static func recover(_ directory: String, configuration: WALConfiguration) throws(WALError) -> WALRecoveredState {
        let names: [String]
        var removed: [String] = []
        do {
            names = try list(directory)
            for name in names where name.hasPrefix(temporaryPrefix) && name.hasSuffix(".wal") {
                try remove(directory + "/" + name)
                removed.append(directory + "/" + name)
            }
            if !removed.isEmpty { try AtomicFileWriter.syncDirectory(directory) }
        } catch {
            throw .system(error)
        }
        let numbered = names.compactMap { name in WALSegmentHeader.sequence(fromFileName: name).map { ($0, name) } }
            .sorted { $0.0 < $1.0 }
        guard !numbered.isEmpty else {
            return try start(directory, configuration: configuration, removed: removed)
        }

        var headers: [(path: String, header: WALSegmentHeader, bytes: Int)] = []
        for (sequence, name) in numbered {
            let path = directory + "/" + name
            let (header, bytes) = try readHeader(path)
            guard header.sequence == sequence else {
                throw .badSegment(path: path, reason: "header says segment \(header.sequence), the file name says \(sequence)")
            }
            if let previous = headers.last {
                guard sequence == previous.header.sequence + 1 else {
                    let missing = directory + "/" + WALSegmentHeader.fileName(sequence: previous.header.sequence + 1)
                    throw .badSegment(path: missing, reason: "missing: segments \(previous.header.sequence) and \(sequence) exist")
                }
                guard header.firstLSN > previous.header.firstLSN else {
                    throw .badSegment(path: path, reason:
                        "first LSN \(header.firstLSN) is not after the previous segment's first LSN \(previous.header.firstLSN)")
                }
            }
            headers.append((path, header, bytes))
        }
        var sealed: [WALSealedSegment] = []
        for index in 0..<(headers.count - 1) {
            sealed.append(WALSealedSegment(
                path: headers[index].path, header: headers[index].header,
                lastLSN: headers[index + 1].header.firstLSN - 1, bytes: headers[index].bytes))
        }
        let last = headers[headers.count - 1]
        let file: WALSegmentFile
        do {
            file = try WALSegmentFile.open(path: last.path, header: last.header)
        } catch {
            throw .system(error)
        }
        let tail = try recoverOpenSegment(file, configuration: configuration)
        let report = WALRecoveryReport(
            segments: headers.count, openSegmentPath: last.path, openSegmentRecords: tail.records,
            oldestLSN: headers[0].header.firstLSN, nextLSN: tail.nextLSN, tornTail: tail.torn,
            removedTemporaryFiles: removed, createdNewLog: false, policy: configuration.recoveryPolicy, skipped: tail.skipped)
        return WALRecoveredState(sealed: sealed, open: file, writeOffset: tail.writeOffset, report: report)
    }

    /// A new log: segment 1, first LSN 1.
    private static func start(_ directory: String, configuration: WALConfiguration, removed: [String]) throws(WALError) -> WALRecoveredState {
        let header = newHeader(sequence: 1, firstLSN: 1)
        let file: WALSegmentFile
        do {
            file = try WALSegmentFile.create(
                in: directory, header: header, preallocateBytes: configuration.preallocate ? configuration.segmentBytes : nil)
        } catch {
            throw .system(error)
        }
        let report = WALRecoveryReport(
            segments: 1, openSegmentPath: file.path, openSegmentRecords: 0, oldestLSN: 1, nextLSN: 1, tornTail: nil,
            removedTemporaryFiles: removed, createdNewLog: true, policy: configuration.recoveryPolicy)
        return WALRecoveredState(sealed: [], open: file, writeOffset: WALSegmentHeader.byteCount, report: report)
    }

    /// A header with a fresh random salt.
    static func newHeader(sequence: UInt64, firstLSN: UInt64) -> WALSegmentHeader {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return WALSegmentHeader(
            sequence: sequence, firstLSN: firstLSN, salt: UInt32.random(in: 1...UInt32.max),
            createdNanoseconds: UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec))
    }

    /// Reads and checks a segment's header; also returns the file's size.
    static func readHeader(_ path: String) throws(WALError) -> (WALSegmentHeader, Int) {
        let buffer = WALBuffer(capacity: WALSegmentHeader.byteCount)
        let got: Int
        let size: Int
        do {
            let file = try FileDescriptor.openForReading(path)
            got = try file.read(into: buffer.base, count: WALSegmentHeader.byteCount, at: 0)
            size = try file.size()
        } catch {
            throw .system(error)
        }
        return (try WALSegmentHeader.decode(UnsafeRawBufferPointer(start: buffer.base, count: got), path: path), size)
    }

    /// What recovering the open segment found.
    struct OpenSegmentRecovery {
        var writeOffset: Int
        var nextLSN: UInt64
        var records: Int
        var torn: WALTornTail?
        var skipped: [WALSkippedRange]
    }

    /// Scans the open segment (step 3 and 4 of `recover`), applying the
    /// recovery policy (see `WALRecoveryPolicy`) to whatever does not end
    /// cleanly: a torn tail is cut (or refused by `strict`); corruption is
    /// refused, or with `skip-corrupt` replaced by a gap record whose LSN
    /// range covers every record the damaged bytes could have held, so those
    /// LSNs are reported and never reused.
    static func recoverOpenSegment(_ file: WALSegmentFile, configuration: WALConfiguration) throws(WALError) -> OpenSegmentRecovery {
        let buffer: WALBuffer
        let count: Int
        do {
            let size = try file.size()
            // Room for a gap record past the end of a file that was not preallocated.
            buffer = WALBuffer(capacity: size + WALRecordCodec.minimumGapBytes)
            count = try file.file.read(into: buffer.base, count: size, at: 0)
            buffer.base.advanced(by: count).initializeMemory(as: UInt8.self, repeating: 0, count: WALRecordCodec.minimumGapBytes)
        } catch {
            throw .system(error)
        }
        let policy = configuration.recoveryPolicy
        let image = UnsafeRawBufferPointer(start: buffer.base, count: count + WALRecordCodec.minimumGapBytes)
        let scanner = WALSegmentScanner(
            image: image, salt: file.header.salt, payloadLimit: configuration.maximumPayloadBytes, path: file.path)
        var skippedNow: [Int: String] = [:]
        var torn: WALTornTail?
        var outcome = scanner.scan(from: WALSegmentHeader.byteCount, expecting: file.header.firstLSN) { _ in }
        // Each pass either ends or writes a gap record further on, so this terminates.
        while case .invalid(let damage, let reason) = outcome.stop {
            let dirtyEnd = scanner.endOfNonZeroBytes(from: outcome.end)
            if let valid = scanner.firstValidRecord(from: damage) {
                let corruption = WALCorruption(
                    path: file.path, offset: damage, lsn: outcome.stopLSN, reason: reason, sealed: false,
                    validRecordOffset: valid.offset, validRecordLSN: valid.lsn)
                guard policy == .skipCorrupt, valid.lsn > outcome.nextLSN,
                      valid.offset - outcome.end >= WALRecordCodec.minimumGapBytes else { throw .corrupt(corruption) }
                try writeGap(file, into: buffer, at: outcome.end, span: valid.offset - outcome.end,
                             lsn: outcome.nextLSN, count: valid.lsn - outcome.nextLSN)
                skippedNow[outcome.end] = corruption.description
            } else {
                guard dirtyEnd > outcome.end else { break }
                switch scanner.classifyDamage(at: damage, expecting: outcome.stopLSN, reason: reason, dirtyEnd: dirtyEnd) {
                case .torn:
                    guard policy != .strict else {
                        throw .corrupt(WALCorruption(
                            path: file.path, offset: damage, lsn: outcome.stopLSN,
                            reason: "torn tail (\(reason)); the strict recovery policy drops nothing", sealed: false))
                    }
                    torn = WALTornTail(
                        offset: outcome.end, damageOffset: damage, bytesZeroed: dirtyEnd - outcome.end,
                        discardedRecords: outcome.incompleteBatchRecords, reason: reason)
                case .corrupt(let why):
                    let corruption = WALCorruption(path: file.path, offset: damage, lsn: outcome.stopLSN, reason: why, sealed: false)
                    guard policy == .skipCorrupt else { throw .corrupt(corruption) }
                    // An upper bound of the records the damaged bytes held (the
                    // smallest record is 24 bytes): over-counting only skips
                    // LSNs nobody holds; under-counting could reuse an
                    // acknowledged one.
                    let smallest = WALRecord.encodedSize(payloadBytes: 0)
                    let lsns = UInt64(outcome.incompleteBatchRecords) + UInt64((dirtyEnd - damage + smallest - 1) / smallest)
                    let span = WALRecordCodec.minimumGapBytes
                    try writeGap(file, into: buffer, at: outcome.end, span: span, lsn: outcome.nextLSN, count: lsns)
                    if dirtyEnd > outcome.end + span {
                        do { try file.zero((outcome.end + span)..<dirtyEnd) } catch { throw .system(error) }
                        (buffer.base + outcome.end + span).initializeMemory(as: UInt8.self, repeating: 0, count: dirtyEnd - outcome.end - span)
                    }
                    skippedNow[outcome.end] = corruption.description
                }
                if torn != nil { break }
            }
            outcome = scanner.scan(from: WALSegmentHeader.byteCount, expecting: file.header.firstLSN) { _ in }
        }
        do {
            if let torn { try file.zero(torn.offset..<(torn.offset + torn.bytesZeroed)) }
            // Recovery that wrote nothing to a file this process closed
            // with everything synced, unchanged since, has nothing to make
            // durable (see `WALCleanCloses` for why that is safe).
            let wroteNothing = torn == nil && skippedNow.isEmpty
            if !WALCleanCloses.takeUnchanged(file) || !wroteNothing { try file.sync() }
        } catch {
            throw .system(error)
        }
        let skipped = outcome.gaps.map { gap -> WALSkippedRange in
            let reason: WALSkippedRange.Reason = skippedNow[gap.offset] != nil ? .corruptSkippedNow
                : gap.reason == WALRecordCodec.GapReason.advanced.rawValue ? .advanced : .corruptSkippedEarlier
            return WALSkippedRange(lsns: gap.lsns, path: file.path, offset: gap.offset, reason: reason, detail: skippedNow[gap.offset])
        }
        return OpenSegmentRecovery(
            writeOffset: outcome.end, nextLSN: outcome.nextLSN, records: outcome.records, torn: torn, skipped: skipped)
    }

    /// Writes a gap record of `span` bytes at `offset` into the file and the
    /// in-memory image.
    static func writeGap(
        _ file: WALSegmentFile, into buffer: WALBuffer, at offset: Int, span: Int, lsn: UInt64, count: UInt64
    ) throws(WALError) {
        let target = buffer.base + offset
        WALRecordCodec.encodeGap(lsn: lsn, count: count, reason: .corruptSkipped, span: span, salt: file.header.salt, into: target)
        do { try file.write(UnsafeRawBufferPointer(start: target, count: span), at: offset) } catch { throw .system(error) }
    }
}
