"""rhythm_expect.py -- expected values for tests/test_rhythm.c, computed with
SciPy (an implementation independent of izhiscope's FFTW code).

The test signal: 1 ms spike counts of a 1000-neuron population, 3000 ms,
  c[t] = round(10 + 8 cos(2 pi 8 t / 1000) + 5 cos(2 pi 34 t / 1000)) + (g >> 16) % 5,
g the LCG g = (1103515245 g + 12345) mod 2^31 from g = 1, stepped once before each t.
Rate in Hz: r = c * 1000 / 1000. Prints scipy.signal.welch's density (Hann,
1000-sample segments, hop 500, constant detrend) at the bins the test checks.

Run: /usr/bin/python3 tests/reference/rhythm_expect.py
"""
import numpy as np
from scipy.signal import welch

T = 3000
g = 1
c = np.zeros(T)
for t in range(T):
    g = (1103515245 * g + 12345) % (1 << 31)
    c[t] = np.floor(10 + 8 * np.cos(2 * np.pi * 8 * t / 1000) + 5 * np.cos(2 * np.pi * 34 * t / 1000) + 0.5) + (g >> 16) % 5
r = c * 1000.0 / 1000
f, P = welch(r, fs=1000, window='hann', nperseg=1000, noverlap=500, detrend='constant', scaling='density')
print("segments", (T - 1000) // 500 + 1, "sum of counts", int(c.sum()))
for m in [0, 1, 2, 7, 8, 9, 20, 33, 34, 35, 60, 100, 250, 500]:
    print("P[%d] = %.17g" % (m, P[m]))
