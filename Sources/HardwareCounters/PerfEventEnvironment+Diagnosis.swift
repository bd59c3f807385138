#if canImport(Glibc)
import Glibc
#endif

extension PerfEventEnvironment {
    /// Turns perf_event_open's errno for `encoding` into a status whose reason
    /// a person can act on. The same errno means different things for
    /// different event types (ENOENT on a hardware event in a VM is "no PMU",
    /// on a software event "kernel too old"), so the machine facts decide.
    public func status(forOpenErrno code: Int32, encoding: EventEncoding) -> CounterStatus {
        switch code {
        case EACCES, EPERM:
            return .permissionDenied(paranoid: paranoid, reason: permissionReason(encoding: encoding))
        case ENOENT:
            if encoding.isCoreHardware {
                if cpuPMU == nil { return .unsupported(errno: code, reason: noCPUPMUReason) }
                return .unsupported(
                    errno: code,
                    reason: "the CPU PMU '\(cpuPMU ?? "cpu")' has no mapping for this event "
                        + "(type \(encoding.type), config 0x\(String(encoding.config, radix: 16)))")
            }
            if encoding.isSoftware {
                return .unsupported(errno: code, reason: "this kernel (\(kernelRelease)) has no such software event")
            }
            return .unsupported(errno: code, reason: "no PMU of type \(encoding.type) is registered with the kernel")
        case ENODEV:
            return .unsupported(errno: code, reason: "the PMU cannot count this event on this CPU (ENODEV)")
        case EOPNOTSUPP:
            return .unsupported(
                errno: code,
                reason: "the PMU does not support this counting mode (e.g. privilege filters, "
                    + "precise modifier, or inherit for this PMU)")
        case EINVAL:
            return .unsupported(
                errno: code,
                reason: "the kernel rejected the event's attributes (config 0x\(String(encoding.config, radix: 16)) "
                    + "invalid for this PMU, or an unsupported modifier)")
        case EBUSY:
            return .unsupported(
                errno: code, reason: "the PMU is in exclusive use by someone else (another profiler or the NMI watchdog)")
        case EMFILE, ENFILE:
            return .unsupported(errno: code, reason: "out of file descriptors (one per counter); raise ulimit -n")
        case ESRCH:
            return .unsupported(errno: code, reason: "the target process no longer exists")
        case E2BIG:
            return .unsupported(errno: code, reason: "this kernel expects a different perf_event_attr size")
        case ENOSYS:
            return .unsupported(errno: code, reason: "the kernel has no perf_event_open (CONFIG_PERF_EVENTS off, or blocked by seccomp)")
        default:
            return .unsupported(errno: code, reason: String(cString: strerror(code)))
        }
    }

    private func permissionReason(encoding: EventEncoding) -> String {
        guard let paranoid else {
            return "perf_event_open refused and /proc/sys/kernel/perf_event_paranoid is unreadable"
        }
        let scope = encoding.excludeKernel ? "user space" : "user space and kernel"
        switch paranoid {
        case ...(-1):
            return "refused although perf_event_paranoid is \(paranoid) (no restriction): a seccomp or LSM "
                + "policy (container runtime?) blocks perf_event_open"
        case 0, 1:
            return "perf_event_paranoid is \(paranoid) yet counting \(scope) was refused: a seccomp or LSM "
                + "policy (container runtime?) blocks perf_event_open"
        case 2:
            return "perf_event_paranoid is 2: unprivileged processes may count only user space of their own "
                + "processes (asked for \(scope)); use ':u' events, grant CAP_PERFMON, or lower the setting"
        default:
            return "perf_event_paranoid is \(paranoid): perf_event_open is disabled for unprivileged users; "
                + "grant CAP_PERFMON or set it to 2 or lower"
        }
    }
}
