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
}
