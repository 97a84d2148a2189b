import Testing

@testable import RecRL

/// The allocator setting behind much of the library's speed on Linux (`AllocatorTuning`): if
/// looking up `mallopt` ever failed, every chapter would silently run up to 1.6× slower.
@Suite("AllocatorTuning: freed tensor buffers stay in the process")
struct AllocatorTuningTests {
    @Test("on glibc, mallopt is found and accepts both thresholds once a tensor exists")
    func appliedOnGlibc() {
        _ = Tensor.scalar(1)
        #if canImport(Glibc)
            #expect(AllocatorTuning.applied, "mallopt was not found or refused the thresholds")
        #else
            #expect(!AllocatorTuning.applied)
        #endif
    }
}
