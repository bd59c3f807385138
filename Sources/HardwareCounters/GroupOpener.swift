import CLinuxShims
import VectorCore
#if canImport(Glibc)
import Glibc
#endif

/// Opens the events of a `CounterSet` into perf_event groups, recording for
/// every event either its descriptor and group or the status that explains
/// why it has none. Used once, by `CounterSet.init`.
struct GroupOpener {
    let target: CounterTarget
    let options: CounterOptions
    let environment: PerfEventEnvironment
    private(set) var slots: [CounterSet.Slot] = []
    private(set) var groups: [CounterSet.Group] = []
    private(set) var notes: [String] = []

    init(target: CounterTarget, options: CounterOptions, environment: PerfEventEnvironment) {
        self.target = target
        self.options = options
        self.environment = environment
    }

    private static let timesAndID =
        UInt64(VB_PERF_FORMAT_TOTAL_TIME_ENABLED | VB_PERF_FORMAT_TOTAL_TIME_RUNNING | VB_PERF_FORMAT_ID)
    private static let groupFormat = timesAndID | UInt64(VB_PERF_FORMAT_GROUP)

    /// Encodes every name, then opens one group per PMU kind in order of
    /// first appearance (hardware and software apart).
    mutating func open(_ names: [String]) throws(CounterError) {
        for name in names {
            do {
                let encoding = try EventEncoder.encode(name, scope: options.scope, environment: environment)
                slots.append(.init(name: encoding.name, encoding: encoding, failure: nil, fd: -1, id: 0, group: nil))
            } catch {
                guard case .unknownEvent(let unknown, let reason) = error, options.unknownEvents == .report else {
                    throw error
                }
                slots.append(.init(
                    name: unknown, encoding: nil, failure: .unknownEvent(name: unknown, reason: reason),
                    fd: -1, id: 0, group: nil))
            }
        }
        var keys: [UInt32] = []
        for slot in slots {
            if let key = slot.encoding?.groupKey, !keys.contains(key) { keys.append(key) }
        }
        for key in keys {
            openGroups(for: slots.indices.filter { slots[$0].encoding?.groupKey == key && slots[$0].failure == nil })
        }
        for index in slots.indices where slots[index].failure == nil && slots[index].fd >= 0 {
            assignID(index)
        }
    }

    /// Opens `members` as one group, starting a further group when the PMU
    /// cannot fit another event into the current one (the kernel validates a
    /// group's schedulability at open and answers EINVAL).
    private mutating func openGroups(for members: [Int]) {
        var current: Int?
        var splits = 0
        for index in members {
            if let groupIndex = current {
                let leaderFD = groups[groupIndex].leaderFD
                let format = groups[groupIndex].readsAsGroup ? Self.groupFormat : Self.timesAndID
                switch openEvent(index, leaderFD: leaderFD, readFormat: format) {
                case .success(let fd):
                    place(index, fd: fd, group: groupIndex)
                    continue
                case .failure(let error) where error.errno == EINVAL:
                    // Maybe the group is full: this event may still count on its own.
                    if let newGroup = openLeader(index) {
                        current = newGroup
                        splits += 1
                    }
                    continue
                case .failure(let error):
                    slots[index].failure = environment.status(forOpenErrno: error.errno, encoding: encodingOf(index))
                    continue
                }
            }
            current = openLeader(index)
        }
        if splits > 0 {
            notes.append(
                "the PMU cannot schedule all \(kindName(members)) events in one group: split into \(splits + 1) "
                    + "groups, multiplexed against each other and scaled; ratios across groups are estimates")
        }
    }

    /// Opens `index` as the disabled leader of a new group; returns the group
    /// index, or nil after recording the event's failure status.
    private mutating func openLeader(_ index: Int) -> Int? {
        var readsAsGroup = options.groupReads == .automatic
        var result = openEvent(index, leaderFD: -1, readFormat: readsAsGroup ? Self.groupFormat : Self.timesAndID)
        if case .failure(let error) = result, error.errno == EINVAL, readsAsGroup {
            // Kernels that cannot sum inherited children into a group read
            // refuse PERF_FORMAT_GROUP with inherit; read members one by one.
            let retry = openEvent(index, leaderFD: -1, readFormat: Self.timesAndID)
            if case .success = retry {
                readsAsGroup = false
                notes.append(
                    "the kernel refused group reads (PERF_FORMAT_GROUP) with inherit for the \(slots[index].name) "
                        + "group: its events are scheduled together but read one by one")
            }
            result = retry
        }
        switch result {
        case .success(let fd):
            groups.append(.init(leaderFD: fd, slots: [], readsAsGroup: readsAsGroup))
            place(index, fd: fd, group: groups.count - 1)
            return groups.count - 1
        case .failure(let error):
            slots[index].failure = environment.status(forOpenErrno: error.errno, encoding: encodingOf(index))
            return nil
        }
    }

    /// perf_event_open for one event; leaders (`leaderFD` -1) start disabled.
    /// When counting the kernel is refused and the caller left the scope to
    /// us, retries user-space only — as perf stat does — and says so.
    private mutating func openEvent(_ index: Int, leaderFD: Int32, readFormat: UInt64) -> Result<Int32, SystemError> {
        let result = rawOpen(encodingOf(index), leaderFD: leaderFD, readFormat: readFormat)
        guard case .failure(let error) = result, error.errno == EACCES || error.errno == EPERM,
            options.scope == .automatic, !encodingOf(index).excludeKernel,
            let userOnly = try? EventEncoder.encode(slots[index].name, scope: .user, environment: environment),
            userOnly.excludeKernel
        else { return result }
        let retry = rawOpen(userOnly, leaderFD: leaderFD, readFormat: readFormat)
        if case .success = retry {
            slots[index].encoding = userOnly
            notes.append("\(slots[index].name): counting the kernel was refused; counting user space only")
        }
        return retry
    }

    private func rawOpen(_ encoding: EventEncoding, leaderFD: Int32, readFormat: UInt64) -> Result<Int32, SystemError> {
        var spec = encoding.perfEventSpec
        spec.read_format = readFormat
        spec.inherit = options.inherit || target == .commandsSpawnedAfterwards ? 1 : 0
        let isLeader = leaderFD < 0
        spec.disabled = isLeader ? 1 : 0
        spec.enable_on_exec = isLeader && target == .commandsSpawnedAfterwards ? 1 : 0
        let pid = target.pid
        do {
            let fd = try SystemCall.run("perf_event_open", path: encoding.name) {
                vb_perf_event_open(&spec, pid, -1, leaderFD)
            }
            return .success(fd)
        } catch {
            return .failure(error)
        }
    }

    private mutating func place(_ index: Int, fd: Int32, group: Int) {
        slots[index].fd = fd
        slots[index].group = group
        groups[group].slots.append(index)
    }

    /// Reads the kernel's id for each open event; group reads are matched by
    /// id, not by position, so a member the kernel drops cannot shift values.
    private mutating func assignID(_ index: Int) {
        var id: UInt64 = 0
        let fd = slots[index].fd
        do {
            _ = try SystemCall.run("perf_event_ioctl_id", path: slots[index].name) { vb_perf_event_id(fd, &id) }
            slots[index].id = id
        } catch {
            // Without an id the event cannot be found in a group read.
            slots[index].failure = .unsupported(
                errno: error.errno, reason: "PERF_EVENT_IOC_ID failed: \(error.reason)")
        }
    }

    private func encodingOf(_ index: Int) -> EventEncoding {
        // Only encoded slots reach the opening stage.
        slots[index].encoding!
    }

    private func kindName(_ members: [Int]) -> String {
        guard let first = members.first, let encoding = slots[first].encoding else { return "" }
        return encoding.isSoftware ? "software" : "hardware"
    }
}
