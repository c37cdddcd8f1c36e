/// A position in one of several stores.
public struct RecordRef: Sendable, Equatable {
  public var store: Int
  public var index: Int
  public init(store: Int, index: Int) {
    self.store = store
    self.index = index
  }
}

/// Orders records from several sources by time without reordering any one source.
public enum MergedOrder {
  /// K-way merge by effective timestamp; ties keep the earlier store first. Each store's own
  /// order is preserved, so untimestamped records stay beside their neighbours.
  public static func byTime(_ stores: [RecordStore]) -> [RecordRef] {
    var heads = Array(repeating: 0, count: stores.count)
    var result: [RecordRef] = []
    result.reserveCapacity(stores.reduce(0) { $0 + $1.count })
    while true {
      var best = -1
      var bestTime = Int64.max
      for s in stores.indices where heads[s] < stores[s].count {
        let t = stores[s].timestamps[heads[s]]
        if best < 0 || t < bestTime {
          best = s
          bestTime = t
        }
      }
      if best < 0 { return result }
      result.append(RecordRef(store: best, index: heads[best]))
      heads[best] += 1
    }
  }

  /// All records sorted by effective timestamp, stable (used for one request's timeline).
  public static func sortedByTime(_ stores: [RecordStore]) -> [RecordRef] {
    var refs: [RecordRef] = []
    for (s, store) in stores.enumerated() {
      for i in 0..<store.count { refs.append(RecordRef(store: s, index: i)) }
    }
    // Sort on (time, store, index): stable by construction.
    refs.sort { a, b in
      let ta = stores[a.store].timestamps[a.index]
      let tb = stores[b.store].timestamps[b.index]
      if ta != tb { return ta < tb }
      if a.store != b.store { return a.store < b.store }
      return a.index < b.index
    }
    return refs
  }
}
