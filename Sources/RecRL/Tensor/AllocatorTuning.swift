#if canImport(Glibc)
    import Glibc
#endif

/// Keeps freed tensor buffers inside the process instead of handing them back to the system.
///
/// Every op allocates its result array, and a minibatch's activations are big: [256 × 128]
/// doubles are 256 KiB. By default glibc's `malloc` serves blocks above 128 KiB with `mmap` and
/// returns them with `munmap` when freed (and trims the top of the heap once 128 KiB of it is
/// free), so each such op paid for fresh, zero-filled pages from the kernel: page faults and
/// `memset` were about 15 % of a split-PPO run's profile. Raising both thresholds once (blocks
/// up to 64 MiB come from the heap; the heap is trimmed only when 256 MiB of it are free) makes
/// freed buffers reusable. Measured in the debug build: split PPO 2,850 → 4,400 env-steps/s, the
/// `PPOConfig.taobaoWorld` bench 5,850 → 9,000, an MLP step at batch 2,048 25 → 45 per second, DDPG
/// updates 85–110 → 155 per second — the same results bit for bit, peak memory unchanged (≈ 50 MB
/// for chapter 6). `mallopt` is glibc's (Linux); elsewhere nothing is changed.
///
/// Swift's `Glibc` module does not include `<malloc.h>`, so `mallopt` is looked up by name and its
/// two option numbers are written out (`M_TRIM_THRESHOLD` = −1, `M_MMAP_THRESHOLD` = −3 there).
enum AllocatorTuning {
    /// Applied the first time it is read (`Tensor`'s public initialiser reads it); true if applied.
    static let applied: Bool = {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (_ option: Int32, _ value: Int32) -> Int32
            guard let symbol = dlsym(nil, "mallopt") else { return false }  // nil = RTLD_DEFAULT
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            let (trimThreshold, mmapThreshold): (Int32, Int32) = (-1, -3)
            return mallopt(mmapThreshold, 64 << 20) == 1 && mallopt(trimThreshold, 256 << 20) == 1
        #else
            return false
        #endif
    }()
}
