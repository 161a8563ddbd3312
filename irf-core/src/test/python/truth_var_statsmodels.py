"""statsmodels' moving-average representation of the truth test's known VAR(2), as a JSON test
resource for TruthTest (the truth the LSTMs and the estimated VAR are measured against must not
rest on the project's own recursion alone).

Run by hand with Debian's statsmodels (apt-get install python3-statsmodels: statsmodels 0.13.5),
from this directory:

    /usr/bin/python3 truth_var_statsmodels.py

It rewrites ../resources/io/lstmirf/irf/multi/truth-var2.json: the parameters (the same numbers
as KnownVar.truthTestVar() in the Java test), VARProcess(coefs, intercept, sigma_u).ma_rep(10)
and orth_ma_rep(10), both [N+1][K][K] [step][response][impulse], is_stable(), and the moduli of
the companion matrix's eigenvalues, largest first. The Java tests only read the JSON.
"""
import json
import os

import numpy as np
import statsmodels
from statsmodels.tsa.vector_ar.var_model import VARProcess

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "io", "lstmirf", "irf", "multi", "truth-var2.json")
HORIZON = 10

INTERCEPT = np.array([0.5, 0.0, -0.3])
COEFS = np.array([
    [[0.5, 0.2, 0.0], [0.1, 0.4, 0.2], [0.0, 0.3, 0.5]],
    [[-0.2, 0.0, 0.1], [0.0, -0.1, 0.0], [0.1, 0.0, -0.2]],
])
SIGMA = np.array([[1.0, 0.4, 0.2], [0.4, 1.0, 0.3], [0.2, 0.3, 1.0]])


def main():
    process = VARProcess(COEFS, INTERCEPT, SIGMA)
    k = len(INTERCEPT)
    p = len(COEFS)
    companion = np.zeros((k * p, k * p))
    companion[:k, :] = np.hstack(COEFS)
    companion[k:, :-k] = np.eye(k * (p - 1))
    moduli = sorted(np.abs(np.linalg.eigvals(companion)), reverse=True)
    doc = {
        "source": "statsmodels %s VARProcess(coefs, intercept, sigma_u); written by"
                  " irf-core/src/test/python/truth_var_statsmodels.py" % statsmodels.__version__,
        "intercept": INTERCEPT.tolist(),
        "coefs": COEFS.tolist(),
        "sigmaU": SIGMA.tolist(),
        "horizon": HORIZON,
        "maRep": process.ma_rep(HORIZON).tolist(),
        "orthMaRep": process.orth_ma_rep(HORIZON).tolist(),
        "isStable": bool(process.is_stable()),
        "companionModuli": [float(m) for m in moduli],
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
