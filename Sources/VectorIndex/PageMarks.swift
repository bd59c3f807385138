/// Generation-tagged marks over the pages of the vector and link regions.
final class PageMarks: @unchecked Sendable {
    let geometry: PageGeometry
    /// [vector 4K | vector 2M | link 4K | link 2M], each array sized to its region.
    let marks: UnsafeMutablePointer<UInt16>
    let vector2MOffset: Int, link4KOffset: Int, link2MOffset: Int, total: Int

    init(geometry: PageGeometry) {
        self.geometry = geometry
        let v4 = PageGeometry.pages(geometry.vectorBytes, base: geometry.vectorBase, shift: 12)
        let v2 = PageGeometry.pages(geometry.vectorBytes, base: geometry.vectorBase, shift: 21)
        let l4 = PageGeometry.pages(geometry.linkBytes, base: geometry.linkBase, shift: 12)
        let l2 = PageGeometry.pages(geometry.linkBytes, base: geometry.linkBase, shift: 21)
        vector2MOffset = v4
        link4KOffset = v4 + v2
        link2MOffset = v4 + v2 + l4
        total = v4 + v2 + l4 + l2
        marks = .allocate(capacity: total)
        marks.initialize(repeating: 0, count: total)
    }

    deinit { marks.deallocate() }

    func clear() { marks.update(repeating: 0, count: total) }
}
