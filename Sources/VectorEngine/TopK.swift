import HeapModule

/// The k nearest hits seen so far (a bounded max-heap on distance, ties
/// broken by id), used to merge segment results.
struct TopK {
    let k: Int
    private var heap = Heap<Entry>()

    struct Entry: Comparable {
        var hit: SearchHit
        static func < (a: Entry, b: Entry) -> Bool {
            a.hit.distance < b.hit.distance || (a.hit.distance == b.hit.distance && a.hit.id < b.hit.id)
        }
    }

    init(k: Int) { self.k = k }

    mutating func offer(_ hit: SearchHit) {
        if heap.count < k {
            heap.insert(Entry(hit: hit))
        } else if let worst = heap.max, Entry(hit: hit) < worst {
            heap.replaceMax(with: Entry(hit: hit))
        }
    }

    func sorted() -> [SearchHit] { heap.unordered.sorted().map(\.hit) }
}
