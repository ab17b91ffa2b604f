#!/usr/bin/env python3
"""Writes test/golden/special.json: reference values of quarry's special functions.

Every value is computed with mpmath (1.3) at 50 significant digits at the *exact* float64 input and
rounded once to the nearest float64 (serialised with repr, which round-trips). Inverses (gammaPInv,
chi2Ppf) start from scipy.special and are polished by Newton steps in mpmath. Run from the repo root:
    python3 scripts/golden/special.py
Not run in CI (mpmath/scipy are not installed there); the JSON is committed.
"""
import json
import mpmath as mp
import scipy.special as sc

mp.mp.dps = 50
F = mp.mpf
SQRT2 = mp.sqrt(2)


def ncdf(x):
    return mp.ncdf(F(x))


def nsf(x):
    return mp.ncdf(-F(x))


def nlogcdf(x):
    """log Phi(x); through log1p of the upper tail for x > 0, where Phi(x) rounds to 1 even at 50 digits."""
    return mp.log1p(-nsf(x)) if x > 0 else mp.log(ncdf(x))


def npdf(x):
    return mp.npdf(F(x))


def gp(a, x):
    return mp.gammainc(F(a), 0, F(x), regularized=True)


def gq(a, x):
    return mp.gammainc(F(a), F(x), mp.inf, regularized=True)


def gp_inv(a, p):
    """Solves P(a, x) = p (or Q(a, x) = q for the upper variant) by Newton in mpmath."""
    a, p = F(a), F(p)
    x = F(sc.gammaincinv(float(a), float(p)))
    for _ in range(100):
        dens = mp.exp((a - 1) * mp.log(x) - x - mp.loggamma(a))
        step = (gp(a, x) - p) / dens
        x = x - step
        if abs(step) < abs(x) * F(10) ** -45:
            break
    return x


def gq_inv(a, q):
    """Solves Q(a, x) = q by Newton in mpmath (log-space residual, so tiny q converge)."""
    a, q = F(a), F(q)
    x = F(sc.gammainccinv(float(a), float(q)))
    for _ in range(100):
        logdens = (a - 1) * mp.log(x) - x - mp.loggamma(a)
        step = -(mp.log(gq(a, x)) - mp.log(q)) * gq(a, x) / mp.exp(logdens)
        x = x - step
        if abs(step) < abs(x) * F(10) ** -45:
            break
    return x


def erfcinv(y):
    y = F(y)
    x = F(sc.erfcinv(float(y)))
    for _ in range(200):
        step = (mp.erfc(x) - y) / (-2 / mp.sqrt(mp.pi) * mp.exp(-x * x))
        x = x - step
        if abs(step) < F(10) ** -45 * max(1, abs(x)):
            break
    return x


def ppf(p):
    p = F(p)
    x = F(sc.ndtri(float(p)))
    if not mp.isfinite(x):
        x = -mp.sqrt(-2 * mp.log(p))
    for _ in range(200):
        step = (mp.ncdf(x) - p) / mp.npdf(x)
        x = x - step
        if abs(step) < F(10) ** -45 * max(1, abs(x)):
            break
    return x


def rows(fn, args):
    out = []
    for a in args:
        a = a if isinstance(a, tuple) else (a,)
        v = fn(*a)
        out.append([*(float(t) for t in a), float(v)])
    return out


ONE_M = 1 - 1e-15
golden = {
    'erf': rows(lambda x: mp.erf(F(x)), [-3.0, -0.5, -1e-10, 1e-300, 0.1, 0.5, 1.0, 2.0, 3.0, 5.0]),
    'erfc': rows(lambda x: mp.erfc(F(x)), [-2.0, -0.5, 0.0, 0.1, 0.5, 1.0, 2.0, 3.0, 6.0, 10.0, 26.0, 27.0]),
    'erfcx': rows(lambda x: mp.exp(F(x) ** 2) * mp.erfc(F(x)), [-5.0, -1.0, 0.0, 0.5, 1.0, 5.0, 10.0, 50.0, 1e3, 1e10]),
    'erfinv': rows(lambda y: mp.erfinv(F(y)), [-0.999, -0.5, 1e-10, 0.1, 0.5, 0.9, 0.999999, ONE_M]),
    'erfcinv': rows(erfcinv, [1e-300, 1e-100, 1e-20, 1e-5, 0.1, 0.5, 1.5, 1.9, 2 - 2e-15]),
    'normalPdf': rows(npdf, [0.0, 1.0, -2.5, 5.0, 10.0, 30.0, 38.0]),
    'normalLogPdf': rows(lambda x: mp.log(npdf(x)), [0.0, 3.0, 100.0, 1e5]),
    'normalCdf': rows(ncdf, [-38.0, -30.0, -20.0, -10.0, -5.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 8.0]),
    'normalSf': rows(nsf, [-3.0, 0.0, 1.0, 5.0, 10.0, 20.0, 37.0]),
    'normalLogCdf': rows(nlogcdf, [-1e3, -100.0, -38.0, -10.0, -5.0, -3.0, -1.0, -0.1, 0.0, 1.0, 5.0, 10.0, 30.0]),
    'normalLogSf': rows(lambda x: nlogcdf(-x), [-10.0, -1.0, 0.0, 2.0, 10.0, 40.0, 1e3]),
    'normalPpf': rows(ppf, [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 0.01, 0.1, 0.3, 0.7, 0.9, 0.99, 1 - 1e-10, ONE_M]),
    'normalIsf': rows(lambda q: -ppf(q), [1e-300, 1e-20, 0.025, 0.3, 0.9]),
    'lgamma': rows(lambda x: mp.log(abs(mp.gamma(F(x)))),
                   [1e-8, 0.5, 0.999, 1 - 1e-10, 1 + 1e-10, 1.001, 1.5, 2 - 1e-10, 2 + 1e-10, 2.5, 3.0, 10.0,
                    100.5, 1e5, 1e10, -0.5, -2.5]),
    'gammaP': rows(gp, [(0.5, 0.1), (1.0, 1.0), (2.5, 1.0), (10.0, 5.0), (10.0, 15.0), (100.0, 90.0),
                        (100.0, 110.0), (0.5, 1e-10), (1000.0, 900.0), (3.0, 1e-3),
                        (1000.0, 1100.0), (2000.0, 1900.0), (5e4, 49000.0)]),
    'gammaQ': rows(gq, [(0.5, 50.0), (1.0, 30.0), (2.5, 40.0), (10.0, 50.0), (100.0, 200.0), (3.0, 0.1),
                        (1000.0, 1100.0), (0.1, 100.0), (0.5, 1e-3), (20.0, 10.0),
                        (150.5, 1001.0), (3000.5, 3000.0), (1e4, 9500.0), (2000.0, 2300.0), (2000.0, 999.0)]),
    'gammaPInv': rows(gp_inv, [(0.5, 0.1), (1.0, 0.5), (2.5, 0.9), (10.0, 0.01), (100.0, 0.5), (3.0, 1e-10),
                               (0.5, 0.999), (50.0, 0.99)]),
    'gammaQInv': rows(gq_inv, [(0.5, 1e-20), (3.0, 1e-100), (10.0, 0.3), (1.5, 0.9), (1000.0, 1e-6)]),
    'chi2Cdf': rows(lambda x, k: gp(F(k) / 2, F(x) / 2), [(1.0, 1.0), (3.84, 1.0), (10.0, 5.0), (0.1, 10.0), (50.0, 30.0)]),
    'chi2Sf': rows(lambda x, k: gq(F(k) / 2, F(x) / 2), [(300.0, 3.0), (100.0, 10.0), (3.84, 1.0), (1000.0, 5.0), (40.0, 2.0)]),
    'chi2LogSf': rows(lambda x, k: mp.log(gq(F(k) / 2, F(x) / 2)), [(300.0, 3.0), (2000.0, 3.0), (1.0, 1.0), (0.01, 2.0), (5000.0, 40.0)]),
    'chi2Ppf': rows(lambda p, k: 2 * gp_inv(F(k) / 2, p), [(0.95, 1.0), (0.05, 3.0), (1e-10, 2.0), (0.5, 10.0), (0.999, 50.0), (1e-100, 4.0)]),
    'chi2Isf': rows(lambda q, k: 2 * gq_inv(F(k) / 2, q), [(1e-20, 1.0), (2.866515718791939e-07, 1.0), (0.05, 3.0), (1e-300, 2.0)]),
}

with open('test/golden/special.json', 'w') as f:
    f.write('{\n')
    f.write('  "_source": "scripts/golden/special.py: mpmath 1.3 at 50 digits; rows are [args..., value]",\n')
    keys = list(golden)
    for i, k in enumerate(keys):
        body = ', '.join('[' + ', '.join(repr(v) for v in r) + ']' for r in golden[k])
        f.write(f'  "{k}": [{body}]' + (',\n' if i < len(keys) - 1 else '\n'))
    f.write('}\n')
print('wrote test/golden/special.json')
