import VectorCore

extension SchemaNode {
    /// A whole number inside one of the documented `InputLimit` bounds; the
    /// error names the key's location, the limit and why it is there.
    func integer(within limit: InputLimit) throws(WorkloadError) -> Int {
        let value = try integer()
        guard limit.range.contains(value) else {
            throw error("\(limit.name) must be in \(limit.range.lowerBound)…\(limit.range.upperBound) (\(limit.why)), got \(value)")
        }
        return value
    }
}
