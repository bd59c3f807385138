/// Nodes a search must not return (deleted or superseded points), by
/// internal id. Search is generic over it, so `NoExclusion` costs nothing.
public protocol SearchExclusion {
    func excludes(_ node: UInt32) -> Bool
}
