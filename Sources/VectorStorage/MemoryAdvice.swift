/// placeholder replaced by the storage work
public enum MemoryAdvice: String, Sendable, Codable, CaseIterable {
    case random, willneed, hugepage
}
