import Foundation
import Testing
@testable import VectorCore

/// AtomicFileWriter: the destination holds the old file or the whole new one.
@Suite struct DatasetAtomicFileWriterTests {
    private func entries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test func commitReplacesTheDestinationAndLeavesNoTemporaryFile() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let path = directory + "/file.bin"
        DatasetFixture.writeRaw([9, 9], to: path)
        let writer = try AtomicFileWriter(path: path, bufferBytes: 4096)
        #expect(writer.temporaryPath.hasSuffix("file.bin") && writer.temporaryPath != path)
        let big = [UInt8](repeating: 7, count: 10_000)  // larger than the buffer: written directly
        try big.withUnsafeBytes { try writer.append($0) }
        try writer.append(littleEndian: UInt32(0x0403_0201))
        #expect(DatasetFixture.readRaw(path) == [9, 9], "destination untouched before commit")
        try writer.commit()
        #expect(DatasetFixture.readRaw(path) == big + [1, 2, 3, 4])
        #expect(writer.bytesWritten == 10_004)
        #expect(entries(directory) == ["file.bin"])
    }

    @Test func abandonedWriterRemovesItsTemporaryFile() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        do {
            let writer = try AtomicFileWriter(path: directory + "/never.bin")
            try writer.append(littleEndian: UInt64(1))
            try writer.flush()
            #expect(entries(directory).count == 1)
        }  // released uncommitted
        #expect(entries(directory).isEmpty)
    }

    @Test func throwingBodyLeavesTheOldFile() throws {
        struct Stop: Error {}
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let path = directory + "/keep.bin"
        DatasetFixture.writeRaw([1, 2, 3], to: path)
        #expect(throws: Stop.self) {
            try AtomicFileWriter.write(to: path) { writer in
                try writer.append(littleEndian: UInt32(5))
                throw Stop()
            }
        }
        #expect(DatasetFixture.readRaw(path) == [1, 2, 3])
        #expect(entries(directory) == ["keep.bin"])
    }

    #if DEBUG
    @Test func failedFsyncLeavesTheOldFileAndNoTemporary() throws {
        let directory = DatasetFixture.makeDirectory()
        defer { DatasetFixture.remove(directory) }
        let name = "fsync-fault-\(UInt64.random(in: 0...UInt64.max)).fvecs"
        let path = directory + "/" + name
        DatasetFixture.writeRaw([1], to: path)
        FaultInjection.install(.init(operation: "fsync", pathSuffix: name, errno: EIO, times: 1))
        do {
            try DatasetWriter.write(DenseMatrix<Float>(count: 2, dimension: 2, repeating: 1), to: path)
            Issue.record("fsync fault was not reported")
        } catch {
            guard case .system(let systemError) = error else { Issue.record("wrong error \(error)"); return }
            #expect(systemError.operation == "fsync" && systemError.errno == EIO && (systemError.path ?? "").hasSuffix(name))
        }
        #expect(DatasetFixture.readRaw(path) == [1])
        #expect(entries(directory) == [name])
    }
    #endif
}
