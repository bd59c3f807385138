struct NoSearchRecorder: SearchRecorder {
    @inline(__always) mutating func evaluated(vector address: UnsafeRawPointer, bytes: Int) {}
    @inline(__always) mutating func expanded(links address: UnsafeRawPointer, bytes: Int) {}
    @inline(__always) mutating func visited() {}
    @inline(__always) mutating func touched(_ address: UnsafeRawPointer, bytes: Int, kind: MemoryAccessKind) {}
    @inline(__always) mutating func rescored(vector address: UnsafeRawPointer, bytes: Int) {}
}
