"""The matmul peer of the bench's matmul lines: PyTorch and numpy float64 products at the same
shapes, GFLOP/s by wall clock (calls for at least 1 s after one warm-up call).

    OPENBLAS_NUM_THREADS=1 python3 torch_matmul.py 1     # one thread (torch and numpy)"""
import sys
import time

import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
for m, k, n in [(64, 91, 128), (64, 128, 128), (2048, 128, 128)]:
    a, b = torch.randn(m, k, dtype=torch.float64), torch.randn(k, n, dtype=torch.float64)
    an, bn = a.numpy(), b.numpy()

    def rate(product):
        product()
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < 1.0:
            product()
            calls += 1
        return calls / (time.perf_counter() - start) * 2 * m * k * n / 1e9

    print(f"[{m}x{k}]·[{k}x{n}] float64, {torch.get_num_threads()} thread(s): "
          f"torch {rate(lambda: a @ b):.1f} GFLOP/s, numpy {rate(lambda: an @ bn):.1f}")
