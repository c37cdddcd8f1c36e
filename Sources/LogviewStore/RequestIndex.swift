import LogviewCore

/// Finds one request's records in a LiveLog: a scan of the request-ID hashes (4 bytes a
/// record, no normalizing), then the few candidates are confirmed on their bytes.
enum RequestIndex {
  static func indices(of id: [UInt8], in log: LiveLog) -> [Int] {
    guard !id.isEmpty else { return [] }
    let wanted = id.withUnsafeBytes { RequestIdHash.of($0) }
    let total = log.count
    var candidates: [Int] = []
    var start = log.firstKeptIndex
    while start < total {
      let hashes = log.pages.page(of: start).hashes
      let end = min(total, (start | RecordPage.mask) + 1)
      for i in start..<end where hashes[i & RecordPage.mask] == wanted { candidates.append(i) }
      start = end
    }
    let confirmed = log.pool.withNormalizer { normalizer in
      candidates.filter { i in
        let text = log.text(at: i)
        return normalizer.withRecord(text.bytes, firstLineLength: text.firstLineLength, needs: []) {
          $0.withText(of: .requestId) { $0.elementsEqual(id) } ?? false
        }
      }
    }
    // Effective timestamps keep an untimed record beside its source's previous one; ties
    // keep log order.
    let times = confirmed.map { i in
      log.pages.page(of: i).timestamp(at: i & RecordPage.mask)
    }
    let order = confirmed.indices.sorted { a, b in
      times[a] != times[b] ? times[a] < times[b] : confirmed[a] < confirmed[b]
    }
    return order.map { confirmed[$0] }
  }
}
