import LogviewQuery

/// The field matches sent to systemd-journal-gatewayd: those in the address
/// (`?_SYSTEMD_UNIT=a.service`, repeats of one field ORed, as the gateway does) plus the
/// filter's `FIELD=value` terms on journal field names, where that is exact: a field named
/// once in the filter and not in the address (the gateway ORs matches on one field).
struct JournalQuery: Sendable, Equatable {
  let matches: [StoreAddress.QueryItem]
  let pushed: [StoreTerm]
  let othersLocal: Bool

  static func build(
    address: [StoreAddress.QueryItem], filter: (terms: [StoreTerm], othersRemain: Bool)
  ) -> JournalQuery {
    var matches = address
    var pushed: [StoreTerm] = []
    var othersLocal = filter.othersRemain
    var named: [String: Int] = [:]
    for term in filter.terms {
      if let name = fieldName(term) { named[name, default: 0] += 1 }
    }
    let given = Set(address.map(\.name))
    for term in filter.terms {
      guard let name = fieldName(term), isFieldName(name), named[name] == 1, !given.contains(name)
      else {
        othersLocal = true
        continue
      }
      // Matches on one field are ORed by the gateway: `in` is exactly that.
      switch term {
      case .fieldEquals(_, let value): matches.append(item(name, value))
      case .fieldIn(_, let values): matches += values.map { item(name, $0) }
      case .text: break
      }
      pushed.append(term)
    }
    return JournalQuery(matches: matches, pushed: pushed, othersLocal: othersLocal)
  }

  private static func fieldName(_ term: StoreTerm) -> String? {
    switch term {
    case .fieldEquals(let name, _), .fieldIn(let name, _): name
    case .text: nil
    }
  }

  private static func item(_ name: String, _ value: String) -> StoreAddress.QueryItem {
    StoreAddress.QueryItem(name: name, value: value)
  }

  /// Journal field names: upper-case letters, digits and underscores.
  static func isFieldName(_ name: String) -> Bool {
    !name.isEmpty
      && name.utf8.allSatisfy {
        $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
      }
  }

  /// "?A=x&B=y" (percent-encoded), or "".
  var queryString: String {
    matches.isEmpty
      ? ""
      : "?"
        + matches.map {
          StoreAddress.percentEncoded($0.name) + "=" + StoreAddress.percentEncoded($0.value)
        }
        .joined(separator: "&")
  }
}
