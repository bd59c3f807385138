public struct NoExclusion: SearchExclusion {
    @inlinable public init() {}
    @inlinable @inline(__always) public func excludes(_ node: UInt32) -> Bool { false }
}
