"""statsmodels' own VAR inference, written down as JSON test resources for VarInferenceTest.

Run by hand with Debian's statsmodels (apt-get install python3-statsmodels: statsmodels 0.13.5,
numpy 1.24, scipy 1.10), from this directory:

    /usr/bin/python3 var_statsmodels_oracle.py

It rewrites ../resources/io/lstmirf/irf/var/statsmodels/*.json and the US macro example data
under docs/examples/. The Java tests only read the JSON; they never need Python.

Every case fits VAR(p) with a constant (statsmodels' VAR(y).fit(p, trend="c")) and records
what VARResults, IRAnalysis (res.irf(N)) and FEVD (res.fevd(N)) give, in statsmodels' layouts:
coefs [p][K][K], intercept [K], sigma_u [K][K], info_criteria, irfs / orth_irfs and their
asymptotic stderr(orth) [N+1][K][K], cum_effects / orth_cum_effects and cum_effect_stderr(orth),
lr_effects / orth_lr_effects / lr_effect_stderr(), fevd(N).decomp [K][N][K], and the asymptotic
bands value -/+ norm.ppf(1 - signif/2) * stderr that irf.plot(stderr_type="asym") draws.
Small cases also carry the full covariances cov(orth) and cum_effect_cov(orth),
[N+1][K^2][K^2] of vec (column-major) of each step's matrix.

The "mc" case records statsmodels' Monte Carlo bands (irf_errband_mc, cum_errband_mc) together
with the exact Gaussian innovations its util.varsim drew, so that the Java implementation can be
fed the same draws: statsmodels 0.13.5 builds np.random.RandomState(seed) afresh inside varsim
on every replication (with an integer seed every replication is the same series), so the draws
come from a recording stand-in for RandomState that is replayed for orth, cum and orth cum.
"""
import json
import os
import types

import numpy as np
import scipy
import scipy.stats
import statsmodels
import statsmodels.tsa.vector_ar.util as var_util
from statsmodels.datasets import macrodata
from statsmodels.tsa.api import VAR

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "io", "lstmirf", "irf", "var", "statsmodels")
VAR3 = os.path.join(HERE, "..", "resources", "io", "lstmirf", "irf", "var", "var3.csv")
DOCS = os.path.join(HERE, "..", "..", "..", "..", "docs", "examples")
MACRO_COLUMNS = ["realgdp", "realcons", "realinv"]


def simulate(coefs, chol, intercept, n, seed, burn=50):
    """A Gaussian VAR(p) series, rounded to 6 decimals so that its CSV/JSON text is exact."""
    rng = np.random.default_rng(seed)
    p, k, _ = coefs.shape
    y = np.zeros((n + burn, k))
    for t in range(p, n + burn):
        y[t] = intercept + chol @ rng.standard_normal(k)
        for j in range(p):
            y[t] += coefs[j] @ y[t - 1 - j]
    return np.round(y[burn:], 6)


def quarter_labels(first_row=0):
    data = macrodata.load_pandas().data
    return ["%dQ%d" % (int(y), int(q)) for y, q in zip(data["year"], data["quarter"])][first_row:]


def write_macro_csvs():
    """docs/examples/us-macro.csv (levels) and us-macro-logdiff.csv (first differences of logs)."""
    data = macrodata.load_pandas().data[MACRO_COLUMNS]
    labels = quarter_labels()
    with open(os.path.join(DOCS, "us-macro.csv"), "w") as f:
        f.write("quarter," + ",".join(MACRO_COLUMNS) + "\n")
        for label, row in zip(labels, data.values):
            f.write(label + "," + ",".join(repr(float(v)) for v in row) + "\n")
    logdiff = np.log(data).diff().dropna()
    with open(os.path.join(DOCS, "us-macro-logdiff.csv"), "w") as f:
        f.write("quarter," + ",".join(MACRO_COLUMNS) + "\n")
        for label, row in zip(labels[1:], logdiff.values):
            f.write(label + "," + ",".join(repr(float(v)) for v in row) + "\n")


def read_csv(path):
    """Numbers after the label column, parsed exactly as Java's Double.parseDouble does."""
    with open(path) as f:
        header = f.readline().strip().split(",")
        rows = [[float(c) for c in line.strip().split(",")[1:]] for line in f if line.strip()]
    return header[1:], np.array(rows)


def arr(a):
    return np.asarray(a, dtype=float).tolist()


def band(value, stderr, z):
    return {"lower": arr(value - z * stderr), "upper": arr(value + z * stderr)}


def fit_case(name, names, y, p, horizon, signifs=(0.05,), covariances=False, note=""):
    res = VAR(y).fit(p, trend="c")
    irf = res.irf(horizon)
    fevd = res.fevd(horizon)
    out = {
        "name": name,
        "note": note,
        "versions": {"statsmodels": statsmodels.__version__, "numpy": np.__version__,
                     "scipy": scipy.__version__},
        "names": names,
        "data": arr(y),
        "lags": p,
        "horizon": horizon,
        "nobs": int(res.nobs),
        "dfResid": int(res.df_resid),
        "coefs": arr(res.coefs),
        "intercept": arr(res.intercept),
        "sigmaU": arr(res.sigma_u),
        "sigmaUMle": arr(res.sigma_u_mle),
        "informationCriteria": {k: float(v) for k, v in res.info_criteria.items()},
        "irf": arr(irf.irfs),
        "orthIrf": arr(irf.orth_irfs),
        "irfStderr": arr(irf.stderr(orth=False)),
        "orthIrfStderr": arr(irf.stderr(orth=True)),
        "cumEffects": arr(irf.cum_effects),
        "orthCumEffects": arr(irf.orth_cum_effects),
        "cumEffectsStderr": arr(irf.cum_effect_stderr(orth=False)),
        "orthCumEffectsStderr": arr(irf.cum_effect_stderr(orth=True)),
        "longRunEffects": arr(irf.lr_effects),
        "orthLongRunEffects": arr(irf.orth_lr_effects),
        "longRunEffectsStderr": arr(irf.lr_effect_stderr(orth=False)),
        "fevd": arr(fevd.decomp),
        "bands": [],
    }
    for signif in signifs:
        z = float(var_util.norm_signif_level(signif))
        out["bands"].append({
            "signif": signif,
            "z": z,
            "irf": band(irf.irfs, irf.stderr(orth=False), z),
            "orthIrf": band(irf.orth_irfs, irf.stderr(orth=True), z),
            "cumEffects": band(irf.cum_effects, irf.cum_effect_stderr(orth=False), z),
            "orthCumEffects": band(irf.orth_cum_effects, irf.cum_effect_stderr(orth=True), z),
        })
    if covariances:
        out["irfCov"] = arr(irf.cov(orth=False))
        out["orthIrfCov"] = arr(irf.cov(orth=True))
        out["cumEffectsCov"] = arr(irf.cum_effect_cov(orth=False))
        out["orthCumEffectsCov"] = arr(irf.cum_effect_cov(orth=True))
    return res, out


class RecordingRandomState:
    """Stands in for np.random.RandomState inside util.varsim: records, then replays, draws."""

    def __init__(self, seed):
        self.rs = np.random.RandomState(seed)
        self.draws = []
        self.replay = None

    def __call__(self, seed=None):
        return self

    def multivariate_normal(self, mean, cov, size):
        if self.replay is not None:
            return self.replay.pop(0)
        u = self.rs.multivariate_normal(mean, cov, size)
        self.draws.append(u)
        return u


class NumpyWithRandomState:
    def __init__(self, random_state):
        self.random = types.SimpleNamespace(RandomState=random_state)

    def __getattr__(self, name):
        return getattr(np, name)


def mc_case(res, out, repl, signif, seed):
    recorder = RecordingRandomState(seed)
    saved = var_util.np
    var_util.np = NumpyWithRandomState(recorder)
    try:
        bands = {}
        for key, orth, cum in (("irf", False, False), ("orthIrf", True, False),
                               ("cumEffects", False, True), ("orthCumEffects", True, True)):
            if key != "irf":
                recorder.replay = list(recorder.draws)
            lower, upper = res.irf_errband_mc(orth=orth, repl=repl, steps=out["horizon"],
                                              signif=signif, seed=None, burn=100, cum=cum)
            bands[key] = {"lower": arr(lower), "upper": arr(upper)}
    finally:
        var_util.np = saved
    out["mc"] = {"repl": repl, "signif": signif, "burn": 100,
                 "innovations": arr(np.array(recorder.draws)), **bands}


def write(out):
    with open(os.path.join(OUT, out["name"] + ".json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    write_macro_csvs()

    names = ["gdp", "inflation", "rate"]
    y = np.loadtxt(VAR3, delimiter=",", skiprows=1, usecols=(1, 2, 3))
    write(fit_case("var3-p2", names, y, 2, 10, signifs=(0.05, 0.32), covariances=True,
                   note="var3.csv: a simulated stable VAR(2), K=3, 160 observations")[1])

    macro_names, macro = read_csv(os.path.join(DOCS, "us-macro-logdiff.csv"))
    note = "docs/examples/us-macro-logdiff.csv: statsmodels macrodata, diff of logs"
    write(fit_case("macro-p2", macro_names, macro, 2, 10, note=note)[1])
    write(fit_case("macro-p3", macro_names, macro, 3, 20, signifs=(0.1,), note=note)[1])
    select = VAR(macro).select_order(8, trend="c")
    with open(os.path.join(OUT, "macro-select-order.json"), "w") as f:
        json.dump({"maxlags": 8, "ics": {k: [float(v) for v in vals]
                                         for k, vals in select.ics.items()},
                   "selected": {k: int(v) for k, v in select.selected_orders.items()}},
                  f, separators=(",", ":"))
        f.write("\n")

    k2 = simulate(np.array([[[0.5, 0.2], [-0.1, 0.3]]]), np.array([[1.0, 0.0], [0.5, 0.7]]),
                  np.array([0.1, -0.2]), 120, 17)
    write(fit_case("k2-p1", ["x", "y"], k2, 1, 8, covariances=True,
                   note="simulated VAR(1), K=2, seed 17")[1])
    k2p3 = simulate(np.array([[[0.4, 0.1], [0.2, 0.3]], [[-0.2, 0.05], [0.0, 0.15]],
                              [[0.1, 0.0], [-0.05, 0.1]]]),
                    np.array([[0.8, 0.0], [-0.3, 1.1]]), np.array([1.0, 0.5]), 200, 23)
    write(fit_case("k2-p3", ["x", "y"], k2p3, 3, 15, signifs=(0.05, 0.1),
                   note="simulated VAR(3), K=2, seed 23")[1])
    a4 = np.array([[[0.5, 0.1, 0.0, 0.05], [0.1, 0.4, -0.1, 0.0], [0.0, 0.2, 0.3, 0.1],
                    [0.05, 0.0, 0.1, 0.35]],
                   [[-0.15, 0.0, 0.05, 0.0], [0.0, 0.1, 0.0, -0.05], [0.05, 0.0, -0.1, 0.0],
                    [0.0, 0.05, 0.0, 0.1]]])
    c4 = np.array([[1.0, 0, 0, 0], [0.3, 0.9, 0, 0], [-0.2, 0.1, 0.7, 0], [0.1, 0.2, -0.3, 0.5]])
    k4 = simulate(a4, c4, np.array([0.2, 0.0, -0.1, 0.3]), 250, 31)
    write(fit_case("k4-p2", ["a", "b", "c", "d"], k4, 2, 10, note="simulated VAR(2), K=4")[1])
    write(fit_case("k4-p1", ["a", "b", "c", "d"], k4, 1, 6, note="the same series, VAR(1)")[1])
    write(fit_case("k4-p3", ["a", "b", "c", "d"], k4, 3, 12, note="the same series, VAR(3)")[1])

    short = k2[:60]
    res, out = fit_case("k2-p1-mc", ["x", "y"], short, 1, 6,
                        note="the first 60 points of k2-p1; Monte Carlo bands from recorded draws")
    mc_case(res, out, repl=20, signif=0.1, seed=99)
    write(out)


if __name__ == "__main__":
    main()
