import Dispatch
import Foundation

/// `items.map(body)`, with the calls running at once on the machine's cores — for the independent
/// seeds of a multi-seed run (chapter 6's Figure 1, the `--full` sweeps): each seed trains on its
/// own, so the results are those of the sequential map, bit for bit, in the same order.
///
/// What makes that true is up to `body`: it must own everything it changes (its own `RNG` from its
/// seed, its own networks, environments and optimisers) and only read what it shares. Printing a
/// progress line from several seeds at once interleaves the lines; keep the printing after.
/// Tensors are not shared between calls, and `Tensor.withoutGradients` is per thread (a task
/// local), so one seed's evaluation does not turn off another's recording. Large matrix products
/// inside `body` may still split over the cores (`MatrixKernel.threads`); with every core busy
/// with a seed they gain nothing, but they give the same numbers either way.
///
/// `threads` caps how many calls run at once (default: the machine's cores); 1 runs them one after
/// another on the calling thread.
public func concurrentMap<T: Sendable, R: Sendable>(
    _ items: [T], threads: Int = ProcessInfo.processInfo.activeProcessorCount,
    _ body: @Sendable (T) -> R
) -> [R] {
    if threads <= 1 || items.count <= 1 { return items.map(body) }
    let results = ResultSlots<R>(count: items.count)
    let lanes = min(threads, items.count)
    // Lane l runs items l, l + lanes, l + 2·lanes, …: at most `lanes` calls at once.
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
        for index in stride(from: lane, to: items.count, by: lanes) { results.store(body(items[index]), at: index) }
    }
    return results.values()
}

/// One slot per result, each written by exactly one thread of `concurrentMap` and read after all
/// are done (`concurrentPerform` returns only then): no two threads touch one slot.
private final class ResultSlots<R>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<R?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: R, at index: Int) { slots[index] = value }

    func values() -> [R] { (0..<count).map { slots[$0]! } }
}
