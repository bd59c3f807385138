import Testing
import Foundation
@testable import HardwareCounters

/// OS readings parse the kernel's formats exactly, and live readings are
/// either present or say why not.
@Suite struct OSReadingTests {
    static let rollupText = """
        55d4c0a00000-7ffd7a5f3000 ---p 00000000 00:00 0                          [rollup]
        Rss:               10240 kB
        Pss:                8192 kB
        Pss_Anon:           6144 kB
        Pss_File:           2048 kB
        Pss_Shmem:             0 kB
        Shared_Clean:       2048 kB
        Shared_Dirty:          0 kB
        Private_Clean:      1024 kB
        Private_Dirty:      7168 kB
        Referenced:        10240 kB
        Anonymous:          6144 kB
        LazyFree:              0 kB
        AnonHugePages:      4096 kB
        ShmemPmdMapped:        0 kB
        FilePmdMapped:         0 kB
        Swap:                 16 kB
        SwapPss:              16 kB
        Locked:                0 kB
        """

    @Test func smapsRollupParsesToBytes() throws {
        let rollup = try #require(MemoryRollup.parse(Self.rollupText).value)
        #expect(rollup.rss == 10240 * 1024)
        #expect(rollup.pss == 8192 * 1024)
        #expect(rollup.anonymous == 6144 * 1024)
        #expect(rollup.anonHugePages == 4096 * 1024)
        #expect(rollup.privateDirty == 7168 * 1024)
        #expect(rollup.swap == 16 * 1024)
        #expect(rollup.filePmdMapped == 0)
    }

    @Test func truncatedRollupIsUnavailableNotZero() {
        let reading = MemoryRollup.parse("Rss: 10 kB\nPss: 5 kB\n")
        #expect(reading.value == nil)
        #expect(reading.reason?.contains("AnonHugePages") == true)
    }

    @Test func liveRollupSeesResidentMemory() throws {
        let rollup = try #require(MemoryRollup.read().value, "smaps_rollup: \(MemoryRollup.read().reason ?? "")")
        #expect(rollup.rss > 0)
        #expect(rollup.pss <= rollup.rss)
    }

    static let smapsText = """
        7f0000000000-7f0000400000 rw-p 00000000 00:00 0 
        Size:               4096 kB
        Rss:                4096 kB
        Pss:                4096 kB
        Anonymous:          4096 kB
        AnonHugePages:      2048 kB
        FilePmdMapped:         0 kB
        THPeligible:    1
        VmFlags: rd wr mr mw me ac hg
        7f0000400000-7f0000600000 r--s 00001000 fe:00 1234       /data/index.links
        Size:               2048 kB
        Rss:                 512 kB
        Pss:                 512 kB
        Anonymous:             0 kB
        AnonHugePages:         0 kB
        FilePmdMapped:         0 kB
        THPeligible:    0
        VmFlags: rd sh mr mw me ms rr
        """

    @Test func smapsMappingsParseWithFlags() {
        let mappings = SmapsMapping.parseAll(Self.smapsText)
        #expect(mappings.count == 2)
        #expect(mappings[0].start == 0x7f00_0000_0000)
        #expect(mappings[0].size == 4 << 20)
        #expect(mappings[0].anonHugePages == 2 << 20)
        #expect(mappings[0].thpEligible == true)
        #expect(mappings[0].vmFlags.contains("hg"))
        #expect(mappings[0].path == nil)
        #expect(mappings[1].path == "/data/index.links")
        #expect(mappings[1].offset == 0x1000)
        #expect(mappings[1].vmFlags.contains("rr"))
    }

    @Test func regionCoverageByAddressAndByPath() throws {
        let anonymous = try #require(
            MappingCoverage.parse(Self.smapsText, selector: .addressRange(lower: 0x7f00_0000_1000, upper: 0x7f00_0000_2000)).value)
        #expect(anonymous.mappings.count == 1)
        #expect(anonymous.hugePageCoverage == 0.5)
        let file = try #require(MappingCoverage.parse(Self.smapsText, selector: .path("/data/index.links")).value)
        #expect(file.rss == 512 << 10)
        #expect(file.hugePageCoverage == 0)
        let none = MappingCoverage.parse(Self.smapsText, selector: .path("/nope"))
        #expect(none.value == nil)
        #expect(none.reason?.contains("no mapping matches /nope") == true)
        // A directory prefix selects every file under it, and only whole
        // path components ("/dat" is not a prefix of "/data/…").
        let directory = try #require(MappingCoverage.parse(Self.smapsText, selector: .pathPrefix("/data")).value)
        #expect(directory.mappings.map(\.path) == ["/data/index.links"])
        #expect(directory.rss == file.rss)
        #expect(MappingCoverage.parse(Self.smapsText, selector: .pathPrefix("/dat")).value == nil)
    }

    @Test func liveRegionCoverageSeesTouchedPages() throws {
        let pageSize = CounterWorkload.pageSize
        let pages = 64
        let size = pages * pageSize
        let base = try #require(mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        #expect(base != MAP_FAILED)
        defer { munmap(base, size) }
        for page in 0..<pages { base.storeBytes(of: 1, toByteOffset: page * pageSize, as: UInt8.self) }
        let lower = UInt64(UInt(bitPattern: base))
        let coverage = try #require(MappingCoverage.read(.addressRange(lower: lower, upper: lower + UInt64(size))).value)
        #expect(coverage.rss >= UInt64(size))
        #expect(coverage.hugePageCoverage != nil)
    }

    @Test func processIOParsesAndReadsLive() throws {
        let io = try #require(ProcessIO.parse("""
            rchar: 100
            wchar: 200
            syscr: 3
            syscw: 4
            read_bytes: 4096
            write_bytes: 8192
            cancelled_write_bytes: 0
            """).value)
        #expect(io.rchar == 100 && io.writeSyscalls == 4 && io.writeBytes == 8192)
        let live = ProcessIO.read()
        #expect(live.value != nil || !(live.reason ?? "").isEmpty)
        #expect(ProcessIO.parse("rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\n").reason?.contains("CONFIG_TASK_IO_ACCOUNTING") == true)
    }

    static let diskstatsText = """
           8       0 sda 1000 10 80000 500 2000 20 160000 1500 2 3000 4000 0 0 0 0 50 60
           8       2 sda2 400 5 32000 200 600 6 48000 900 1 1000 1200 0 0 0 0 10 20
         254       0 vda 26820 5070 2911842 24856 20808 37015 2437576 11803 0 14372 37722
        """

    @Test func diskstatsLineForTheDevice() throws {
        let partition = BlockDevice(name: "sda2", major: 8, minor: 2, wholeDisk: "sda")
        let stats = try #require(DiskStatistics.parse(Self.diskstatsText, device: partition).value)
        #expect(stats.readsCompleted == 400)
        #expect(stats.sectorsWritten == 48000)
        #expect(stats.inFlight == 1)
        #expect(stats.flushesCompleted == 10)
        #expect(stats.device.isPartition)
        let old = try #require(DiskStatistics.parse(Self.diskstatsText, device: BlockDevice(name: "vda", major: 254, minor: 0)).value)
        #expect(old.flushesCompleted == nil)
        #expect(DiskStatistics.parse(Self.diskstatsText, device: BlockDevice(name: "sdb", major: 8, minor: 16)).value == nil)
    }

    @Test func diskActivityAveragesWaitOnlyWhenIOCompleted() throws {
        let device = BlockDevice(name: "sda", major: 8, minor: 0)
        let start = try #require(DiskStatistics.parse(Self.diskstatsText, device: device).value)
        var end = start
        end.readsCompleted += 10
        end.readMillis += 30
        end.writesCompleted += 30
        end.writeMillis += 90
        end.sectorsWritten += 8
        let activity = DiskActivity.delta(from: start, to: end)
        #expect(activity.averageWaitMillis == 3)
        #expect(activity.averageReadWaitMillis == 3)
        #expect(activity.bytesWritten == 4096)
        let idle = DiskActivity.delta(from: start, to: start)
        #expect(idle.averageWaitMillis == nil)
    }

    @Test func deviceNumbersSplitLikeGlibc() {
        #expect(BlockDevice.split(0xfe00) == (254, 0))
        #expect(BlockDevice.split(0x0803) == (8, 3))
        // major 259 (NVMe partitions) and a minor above 255 use the high bits.
        let dev: UInt64 = (259 & 0xfff) << 8 | (300 & 0xff) | ((300 & ~0xff) << 12)
        #expect(BlockDevice.split(dev) == (259, 300))
    }

    @Test func deviceHoldingRootIsResolvedOrExplained() {
        let reading = DiskStatistics.read(holding: "/")
        if let stats = reading.value {
            #expect(!stats.device.name.isEmpty)
        } else {
            #expect(!(reading.reason ?? "").isEmpty)
        }
        let missing = BlockDevice.holding(path: "/definitely/not/here")
        #expect(missing.reason?.contains("stat") == true)
    }

    @Test func pressureStallParses() throws {
        let stall = try #require(PressureStall.parse("""
            some avg10=0.75 avg60=1.14 avg300=1.08 total=10173923
            full avg10=0.17 avg60=0.29 avg300=0.79 total=8890250
            """, resource: .io).value)
        #expect(stall.some.avg10 == 0.75)
        #expect(stall.full?.totalMicros == 8_890_250)
        var later = stall
        later.some.totalMicros += 500
        #expect(PressureStallDelta.delta(from: stall, to: later).someMicros == 500)
        #expect(PressureStallDelta.delta(from: stall, to: later).fullMicros == 0)
        #expect(PressureStall.parse("", resource: .cpu).value == nil)
    }

    @Test func transparentHugePageModeIsTheBracketedWord() throws {
        let settings = try #require(TransparentHugePageSettings.parse(
            enabled: "always [madvise] never\n", defrag: "always defer [defer+madvise] madvise never", hugePageSize: "2097152\n").value)
        #expect(settings.enabled == .madvise)
        #expect(settings.defrag == "defer+madvise")
        #expect(settings.hugePageBytes == 2 << 20)
        #expect(TransparentHugePageSettings.parse(enabled: "garbage", defrag: nil, hugePageSize: nil).value == nil)
    }

    @Test func resourceUsageDeltaCountsFaults() throws {
        let before = try #require(ResourceUsage.read().value)
        try CounterWorkload.touchFreshPages(100)
        let after = try #require(ResourceUsage.read().value)
        #expect(ResourceUsage.delta(from: before, to: after).minorFaults >= 100)
    }

    @Test func phaseReadingDiffersCumulativesAndKeepsReasons() throws {
        let probe = OSSnapshot.Probe(diskPaths: ["/"], regions: [.path("/definitely/not/mapped")])
        let start = OSSnapshot.capture(probe)
        try CounterWorkload.touchFreshPages(50)
        let phase = OSDelta.delta(from: start, to: OSSnapshot.capture(probe))
        #expect(phase.intervalNanos > 0)
        #expect((phase.usage.value?.minorFaults ?? 0) >= 50)
        #expect(phase.regionsAtEnd.first?.coverage.reason?.contains("no mapping matches") == true)
        #expect(phase.pressure.count == PressureStall.Resource.allCases.count)
        for entry in phase.pressure where entry.stall.value == nil {
            #expect(!(entry.stall.reason ?? "").isEmpty)
        }
        // The whole phase survives a JSON round trip (result documents embed it).
        let data = try JSONEncoder().encode(phase)
        #expect(try JSONDecoder().decode(OSDelta.self, from: data) == phase)
    }
}
