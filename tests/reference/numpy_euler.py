"""numpy_euler.py -- plain-numpy Euler scheme of docs/model.md with the same draw order as
brian2_euler.py (np.random.seed(seed); uniform re, ri, weights[post, pre]; then one
randn(1000) per step).  Used only to check that brian2_euler.py computes exactly
docs/model.md's Euler scheme: both must give identical spike lists.

usage: /usr/bin/python3 numpy_euler.py SEED T_MS OUT.csv
"""
import sys
import numpy as np

Ne, Ni, N = 800, 200, 1000


def run(seed, T, se=5.0, si=2.0):
    np.random.seed(seed)
    re = np.random.uniform(size=Ne)
    ri = np.random.uniform(size=Ni)
    W = np.hstack((0.5 * np.random.uniform(size=(N, Ne)), -np.random.uniform(size=(N, Ni))))
    a = np.r_[0.02 * np.ones(Ne), 0.02 + 0.08 * ri]
    b = np.r_[0.2 * np.ones(Ne), 0.25 - 0.05 * ri]
    c = np.r_[-65 + 15 * re ** 2, -65 * np.ones(Ni)]
    d = np.r_[8 - 6 * re ** 2, 2 * np.ones(Ni)]
    sig = np.r_[se * np.ones(Ne), si * np.ones(Ni)]
    v = -65 * np.ones(N)
    u = b * v
    prev = np.array([], dtype=int)
    out = []
    for k in range(T):
        In = sig * np.random.randn(N)
        Is = W[:, prev].sum(axis=1)
        vn = v + (0.04 * v ** 2 + 5 * v + 140 - u + Is + In)
        un = u + a * (b * v - u)
        sp = np.nonzero(vn >= 30)[0]
        out += [(k, i) for i in sp]
        vn[sp] = c[sp]
        un[sp] += d[sp]
        v, u, prev = vn, un, sp
    return np.array(out, dtype=np.int64).reshape(-1, 2)


if __name__ == "__main__":
    o = run(int(sys.argv[1]), int(sys.argv[2]))
    np.savetxt(sys.argv[3], o, fmt="%d", delimiter=",", header="t_ms,neuron", comments="")
