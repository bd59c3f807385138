import Testing
import VectorCore

@Suite("smaps parser")
struct SmapsEntryTests {
    static let text = """
        7f0000000000-7f0000400000 r--s 00001000 fd:01 1234                       /data/index links
        Size:               4096 kB
        Rss:                2048 kB
        FilePmdMapped:      2048 kB
        AnonHugePages:         0 kB
        THPeligible:    1
        VmFlags: rd sh mr mw me ms hg
        7f0000400000-7f0000401000 rw-p 00000000 00:00 0
        Rss:                   4 kB
        THPeligible:    0
        """

    @Test("headers, sizes in bytes, paths with spaces, eligibility and flags")
    func parses() throws {
        let entries = SmapsEntry.parseAll(Self.text)
        #expect(entries.count == 2)
        let file = try #require(entries.first)
        #expect(file.range == 0x7f00_0000_0000..<0x7f00_0040_0000)
        #expect(file.path == "/data/index links" && file.offset == 0x1000 && file.permissions == "r--s")
        #expect(file.fields["Rss"] == 2048 * 1024 && file.fields["FilePmdMapped"] == 2048 * 1024)
        #expect(file.thpEligible == true && file.vmFlags.contains("hg"))
        #expect(entries[1].path == nil && entries[1].thpEligible == false && entries[1].fields["Rss"] == 4096)
    }
}
