/// The parent a process was spawned by died before the process could link
/// itself to it.
public enum WorkerParentLinkError: Error, Sendable, CustomStringConvertible {
    case parentGone(expected: Int32, actual: Int32)

    public var description: String {
        switch self {
        case .parentGone(let expected, let actual):
            return "the parent process \(expected) is gone (this process now belongs to \(actual)): exiting instead of running orphaned"
        }
    }
}
