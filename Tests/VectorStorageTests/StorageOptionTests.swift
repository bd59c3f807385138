import Testing
import VectorStorage

@Suite("Storage options")
struct StorageOptionTests {
    @Test("the spellings users type: storage ram|mmap, advice normal|random|sequential|willneed|hugepage")
    func spellings() {
        #expect(StorageMode.allCases.map(\.rawValue) == ["ram", "mmap"])
        #expect(MemoryAdvice.allCases.map(\.rawValue) == ["normal", "random", "sequential", "willneed", "hugepage"])
        #expect(MemoryAdvice(parsing: "ram") == nil)  // ram is a storage mode, not an advice
        #expect(MemoryAdvice(parsing: "populate") == .willneed)
        #expect(MemoryAdvice(parsing: "THP") == .hugepage)
        #expect(StorageMode(parsing: "mapped") == .mmap)
        #expect(StorageMode(parsing: "hugepage") == nil)
        #expect(SectionedFile.Mode.mapped(advice: .random).storage == .mmap)
        #expect(SectionedFile.Mode.ram.storage == .ram)
    }

    @Test("format tags are their ASCII bytes, little-endian, zero-padded")
    func formatTags() {
        #expect(FormatTag("AB").rawValue == 0x4241)
        #expect(FormatTag("HNSWINDX").description == "HNSWINDX")
        #expect(FormatTag(rawValue: 0x01_4241).description == "AB\\x01")
    }
}
