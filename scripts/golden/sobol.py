#!/usr/bin/env python3
"""Writes test/golden/sobol.json: the unscrambled Sobol sequence of scipy.stats.qmc.Sobol in 40 dimensions.

Points are stored as integers k = x · 2^30 (scipy uses 30 bits, so this is exact): the first 64 points and
the points with index 1000..1023. Also prints the Joe-Kuo (new-joe-kuo-6.21201) table rows that
src/numeric/design/sobol-directions.ts embeds, read from scipy's _sobol_direction_numbers.npz.
Run from the repo root:  python3 scripts/golden/sobol.py
"""
import json
import os
import warnings

import numpy as np
import scipy
from scipy.stats import qmc

D = 40
warnings.simplefilter('ignore')
first = qmc.Sobol(D, scramble=False).random(64)
eng = qmc.Sobol(D, scramble=False)
eng.fast_forward(1000)
later = eng.random(24)
to_int = lambda a: [[int(round(v * 2**30)) for v in row] for row in a]
for a in (first, later):
    assert np.all(np.array(to_int(a)) / 2**30 == a)
with open('test/golden/sobol.json', 'w') as f:
    f.write('{\n  "_source": "scripts/golden/sobol.py: scipy %s qmc.Sobol(%d, scramble=False); values are x * 2^30",\n' % (scipy.__version__, D))
    f.write('  "dimension": %d,\n  "first64": [\n' % D)
    f.write(',\n'.join('    ' + json.dumps(r) for r in to_int(first)))
    f.write('\n  ],\n  "index1000to1023": [\n')
    f.write(',\n'.join('    ' + json.dumps(r) for r in to_int(later)))
    f.write('\n  ]\n}\n')

d = np.load(os.path.join(os.path.dirname(scipy.__file__), 'stats', '_sobol_direction_numbers.npz'))
for j in range(1, D):
    p = int(d['poly'][j])
    deg = p.bit_length() - 1
    print('  [%d, %s],' % (p, ', '.join(str(int(v)) for v in d['vinit'][j][:deg])))
