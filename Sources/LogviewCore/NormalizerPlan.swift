/// What a Normalizer looks up for every record, fixed for the run: the key table built from
/// the options' keys, per candidate key the level scheme and epoch unit, where each field's
/// candidates are, and the slots of keys with special meaning (templates, envelopes).
public struct NormalizerPlan: Sendable {
  let options: NormalizerOptions
  let table: KeyTable
  /// Per slot (candidate key), the parts the hot path reads: plain values, so reading
  /// them retains nothing.
  let levelSchemes: [LevelScheme]
  let epochUnits: [Int64]
  let stringOnly: [Bool]
  /// The slots of field f (Normalizer.index) are slotBounds[f]..<slotBounds[f + 1], in
  /// priority order.
  let slotBounds: SIMD8<Int32>
  let messageTemplateSlot: Int?
  let journaldMessageSlot: Int?
  let dockerTimeSlot: Int?
  let dockerLogSlot: Int
  let dockerStreamSlot: Int
  let searchSourceSlot: Int
  let kubernetesSlot: Int
  /// Fluent Bit's `date` (epoch seconds) beside its `log` line.
  let fluentDateSlot: Int?
  /// GELF's `short_message`: a record that has it writes syslog severities under `level`.
  let gelfMessageSlot: Int?
  /// GCP's flat `timestampSeconds`, whose nanoseconds are a member beside it.
  let timestampSecondsSlot: Int?
  /// An access log's HTTP `status`: the level of a record that has none.
  let httpStatusSlot: Int
  /// Candidate keys plus the envelope keys (Docker's two, a search hit's, Fluent Bit's) and
  /// `status`.
  let slotCount: Int

  public init(options: NormalizerOptions) {
    self.options = options
    var candidates: [KeyCandidate] = []
    var fieldSlots: [[Int]] = []
    var bounds = SIMD8<Int32>(repeating: 0)
    for (index, field) in NormalizedKey.allCases.enumerated() {
      bounds[index] = Int32(candidates.count)
      var slots: [Int] = []
      for candidate in options.keys.candidates(for: field) {
        slots.append(candidates.count)
        candidates.append(candidate)
      }
      fieldSlots.append(slots)
    }
    levelSchemes = candidates.map(\.levelScheme)
    epochUnits = candidates.map(\.epochUnitNanos)
    stringOnly = candidates.map(\.stringOnly)
    bounds[fieldSlots.count] = Int32(candidates.count)
    slotBounds = bounds
    // Extra slots after the fields' own: the keys that reveal an envelope, `status`.
    dockerLogSlot = candidates.count
    dockerStreamSlot = candidates.count + 1
    searchSourceSlot = candidates.count + 2
    kubernetesSlot = candidates.count + 3
    httpStatusSlot = candidates.count + 4
    let messageSlots = fieldSlots[Normalizer.index(.message)]
    self.messageTemplateSlot = messageSlots.first { candidates[$0].path == "@mt" }
    journaldMessageSlot = messageSlots.first { candidates[$0].path == "MESSAGE" }
    gelfMessageSlot = messageSlots.first { candidates[$0].path == "short_message" }
    let timestampSlots = fieldSlots[Normalizer.index(.timestamp)]
    dockerTimeSlot = timestampSlots.first { candidates[$0].path == "time" }
    fluentDateSlot = timestampSlots.first { candidates[$0].path == "date" }
    timestampSecondsSlot = timestampSlots.first { candidates[$0].path == "timestampSeconds" }
    var bits: [UInt8] = []
    for (field, slots) in fieldSlots.enumerated() {
      for _ in slots { bits.append(UInt8(1) << UInt8(field)) }
    }
    // Keys that reveal an envelope are collected whatever the caller needs: a level-only
    // filter must see the level inside a journald MESSAGE too.
    for slot in [journaldMessageSlot, dockerTimeSlot, fluentDateSlot].compactMap({ $0 }) {
      bits[slot] |= Normalizer.envelopeBit
    }
    // Keys a level depends on are collected whenever the level is needed.
    let levelBit = UInt8(1) << UInt8(Normalizer.index(.level))
    if let gelfMessageSlot { bits[gelfMessageSlot] |= levelBit }
    self.table = KeyTable(
      paths: candidates.map(\.path) + [
        KeyTable.dockerLogKey, KeyTable.dockerStreamKey, KeyTable.searchSourceKey,
        KeyTable.kubernetesKey, Self.httpStatusKey,
      ],
      fieldBits: bits + Array(repeating: Normalizer.envelopeBit, count: 4) + [levelBit])
    slotCount = candidates.count + 5
  }

  static let httpStatusKey = "status"

  /// The slots of field `f` (Normalizer.index): candidates were added field by field, so they
  /// are contiguous.
  @inline(__always)
  func slots(of field: Int) -> Range<Int> {
    Int(slotBounds[field])..<Int(slotBounds[field + 1])
  }
}
