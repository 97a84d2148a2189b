"""Prints the 2^(k/128) table of Sources/MatrixKernelC/VectorMath.c.

The vector exp there computes e^x as 2^(k/128) · e^r (x = k·ln2/128 + r, |r| ≤ ln2/256), the
method of the C library's exp (glibc ≥ 2.28, from Arm's optimized-routines). 2^(k/128) is kept in
two parts so that it carries more than a Double's 53 bits:

    H[k] = 2^(k/128) rounded to the nearest Double
    T[k] = (2^(k/128) − H[k]) / H[k] rounded to the nearest Double      (|T[k]| < 2^-53)

stored as tab[2k] = bits(T[k]) and tab[2k+1] = bits(H[k]) − k·2^45 (the kernel adds the integer
part back into the exponent bits). Both are computed here with 80-digit decimal arithmetic; on
Debian 12's glibc 2.36 they are the C library's own table entry for entry.

    python3 Scripts/exp_table.py > table.txt
"""
import struct
from decimal import Decimal, getcontext

getcontext().prec = 80


def bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


ln2 = Decimal(2).ln()
entries = []
for k in range(128):
    exact = (ln2 * k / 128).exp()
    high = float(exact)  # Python rounds a Decimal to the nearest Double
    tail = float((exact - Decimal(high)) / Decimal(high))
    entries += [bits(tail), (bits(high) - (k << 45)) % 2**64]

for row in range(0, len(entries), 4):
    print("    " + ", ".join(f"0x{e:016x}" for e in entries[row : row + 4]) + ",")
