import Simulation
import Testing

@Suite struct EventQueueTests {
  @Test func ordersByTimeThenBySchedulingOrder() {
    var q = EventQueue<String>()
    q.schedule("c", at: 2)
    q.schedule("a", at: 1)
    q.schedule("b1", at: 1.5)
    q.schedule("b2", at: 1.5)
    q.schedule("b3", at: 1.5)
    var order: [String] = []
    while let (_, p) = q.next() { order.append(p) }
    #expect(order == ["a", "b1", "b2", "b3", "c"])
    #expect(q.now == 2)
  }

  @Test func clockAdvancesWithEachEvent() {
    var q = EventQueue<Int>()
    q.schedule(1, at: 0.5)
    _ = q.next()
    #expect(q.now == 0.5)
    q.schedule(2, at: 0.5)
    #expect(q.nextTime == 0.5)
    #expect(q.count == 1)
  }

  /// Against a brute-force oracle (a list searched for its earliest entry,
  /// ties by scheduling order), over random interleavings of schedules and
  /// takes with many equal times.
  @Test func takesEventsInTheOrderABruteForceSearchGives() {
    var state: UInt64 = 12_345
    func draw(_ n: UInt64) -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (state >> 33) % n
    }
    var q = EventQueue<Int>()
    var pending: [(time: Double, id: Int)] = []
    var next = 0
    for _ in 0..<20_000 {
      if draw(5) < 3 || pending.isEmpty {
        let time = q.now + Double(draw(4)) * 0.5
        q.schedule(next, at: time)
        pending.append((time, next))
        next += 1
      } else {
        let at = pending.indices.min { pending[$0].time < pending[$1].time }!
        let expected = pending.remove(at: at)
        let taken = q.next()!
        #expect(taken.time == expected.time && taken.payload == expected.id)
        #expect(q.count == pending.count && q.nextTime == pending.map(\.time).min())
      }
    }
  }
}
