import CLinuxShims
import VectorCore

#if canImport(Glibc)
import Glibc
#endif

/// Ties a spawned vecbench process (a `serve` worker, a configuration child
/// of `run`) to the process that spawned it, so that neither outlives a
/// parent that was killed: the kernel sends SIGKILL when the parent goes
/// (PR_SET_PDEATHSIG), and a parent that died before the link was made is
/// caught by comparing `getppid()` with the pid the parent passed down (the
/// orphan has been re-parented by then).
///
/// The kernel sends the signal when the *thread* that spawned the child
/// exits, not only the process: spawn from a thread that lives as long as
/// the child should (the runner spawns from the thread that runs the
/// configuration, and stops its workers on that same thread).
public enum WorkerParentLink {
    /// The signal a linked child gets: it cannot be caught, so a wedged
    /// child goes too. Its scratch files are the parent's (or the next run's)
    /// to remove.
    public static let signal = SIGKILL

    /// Links this process to `parent`, or throws when `parent` is already
    /// gone (this process is then an orphan and should exit).
    public static func tie(toParent parent: Int32) throws {
        _ = try SystemCall.run("prctl(PR_SET_PDEATHSIG)") { vb_set_parent_death_signal(signal) }
        let actual = getppid()
        guard actual == parent else { throw WorkerParentLinkError.parentGone(expected: parent, actual: actual) }
    }

    /// The parent-death signal of this process, 0 when none is set.
    public static var currentSignal: Int32 {
        get throws { try SystemCall.run("prctl(PR_GET_PDEATHSIG)") { vb_parent_death_signal() } }
    }
}
