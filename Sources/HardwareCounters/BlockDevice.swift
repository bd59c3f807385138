#if canImport(Glibc)
import Glibc
#endif
import VectorCore

/// The block device holding a path, as /proc/diskstats names it.
public struct BlockDevice: Codable, Sendable, Equatable {
    public var name: String
    public var major: UInt32
    public var minor: UInt32
    /// The whole disk when `name` is a partition ("sda" for "sda2").
    public var wholeDisk: String?

    public var isPartition: Bool { wholeDisk != nil }

    /// Resolves the device: stat the path for st_dev, then
    /// /sys/dev/block/MAJOR:MINOR → its sysfs directory, whose last component
    /// is the kernel's name. Filesystems with anonymous device numbers
    /// (major 0: btrfs, overlayfs, tmpfs, NFS) are looked up in
    /// /proc/self/mountinfo for a /dev source; if there is none the reading
    /// says so instead of guessing.
    public static func holding(path: String) -> OSReading<BlockDevice> {
        var info = stat()
        do {
            _ = try SystemCall.run("stat", path: path) { stat(path, &info) }
        } catch {
            return .unavailable(reason: error.description)
        }
        var (major, minor) = split(UInt64(info.st_dev))
        if major == 0 {
            switch sourceDevice(forAnonymousDevice: minor) {
            case .available(let numbers): (major, minor) = (numbers.major, numbers.minor)
            case .unavailable(let reason): return .unavailable(reason: reason)
            }
        }
        return named(major: major, minor: minor)
    }

    /// The device with these numbers, via /sys/dev/block.
    public static func named(major: UInt32, minor: UInt32) -> OSReading<BlockDevice> {
        let link = "/sys/dev/block/\(major):\(minor)"
        let target: String
        do {
            target = try ProcFile.readLink(link)
        } catch {
            return .unavailable(reason: "device \(major):\(minor) is not a block device (\(error.description))")
        }
        let components = target.split(separator: "/").map(String.init)
        guard let name = components.last else {
            return .unavailable(reason: "\(link) points nowhere (\(target))")
        }
        // Partitions have a "partition" attribute; their parent directory in
        // sysfs is the whole disk.
        let isPartition = ProcFile.readValue("\(link)/partition") != nil
        let wholeDisk = isPartition && components.count >= 2 ? components[components.count - 2] : nil
        return .available(BlockDevice(name: name, major: major, minor: minor, wholeDisk: wholeDisk))
    }

    /// glibc's gnu_dev_major / gnu_dev_minor.
    static func split(_ device: UInt64) -> (UInt32, UInt32) {
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~0xfff)
        let minor = (device & 0xff) | ((device >> 12) & ~0xff)
        return (UInt32(truncatingIfNeeded: major), UInt32(truncatingIfNeeded: minor))
    }

    /// For a filesystem on anonymous device 0:minor, the block device behind
    /// its mount source.
    private static func sourceDevice(forAnonymousDevice minor: UInt32) -> OSReading<DeviceNumbers> {
        guard let mountinfo = ProcFile.readIfPresent("/proc/self/mountinfo") else {
            return .unavailable(reason: "filesystem on anonymous device 0:\(minor) and /proc/self/mountinfo unreadable")
        }
        for line in mountinfo.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 3, fields[2] == "0:\(minor)", let separator = fields.firstIndex(of: "-"),
                separator + 2 < fields.count
            else { continue }
            let fsType = String(fields[separator + 1])
            let source = String(fields[separator + 2])
            guard source.hasPrefix("/dev/") else {
                return .unavailable(reason: "path is on \(fsType) (source '\(source)'), which has no block device")
            }
            var info = stat()
            do {
                _ = try SystemCall.run("stat", path: source) { stat(source, &info) }
            } catch {
                return .unavailable(reason: "path is on \(fsType) from \(source): \(error.description)")
            }
            let (major, minor) = split(UInt64(info.st_rdev))
            return .available(DeviceNumbers(major: major, minor: minor))
        }
        return .unavailable(reason: "filesystem on anonymous device 0:\(minor) not found in /proc/self/mountinfo")
    }
}
