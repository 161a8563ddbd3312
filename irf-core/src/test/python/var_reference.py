"""Independent numpy computation of the VAR numbers VarModelTest checks.

Run by hand (python3 var_reference.py) from this directory; it rewrites nothing and prints the
expected values. It does not use statsmodels: it implements statsmodels' documented conventions
(regressors [1, y[t-1], ..., y[t-p]], np.linalg.lstsq, sigma_u = SSR / (T - Kp - 1),
ma_rep Phi_j = sum_i Phi_{j-i} A_i, orth = Phi_j @ cholesky(sigma_u), select_order offsets and
information criteria) with plain numpy.
"""
import numpy as np

CSV = "../resources/io/lstmirf/irf/var/var3.csv"


def make_data():
    """The series in var3.csv: a stable VAR(2) in 3 variables, seed 20240607."""
    rng = np.random.default_rng(20240607)
    a1 = np.array([[0.5, 0.1, 0.0], [0.2, 0.3, -0.1], [0.0, 0.25, 0.4]])
    a2 = np.array([[-0.2, 0.0, 0.1], [0.0, 0.15, 0.0], [0.1, 0.0, -0.1]])
    c = np.array([0.3, -0.1, 0.2])
    chol = np.array([[1.0, 0.0, 0.0], [0.4, 0.8, 0.0], [-0.3, 0.2, 0.6]])
    t = 160
    y = np.zeros((t + 50, 3))
    for i in range(2, t + 50):
        y[i] = c + a1 @ y[i - 1] + a2 @ y[i - 2] + chol @ rng.standard_normal(3)
    return np.round(y[50:], 6)


def estimate(y, p, offset=0):
    y = y[offset:]
    n, k = y.shape
    z = np.array([np.concatenate([[1.0]] + [y[t - i] for i in range(1, p + 1)])
                  for t in range(p, n)])
    ys = y[p:]
    params = np.linalg.lstsq(z, ys, rcond=1e-15)[0]
    resid = ys - z @ params
    nobs = len(ys)
    df = nobs - (k * p + 1)
    sse = resid.T @ resid
    sigma_u = sse / df
    coefs = params[1:].reshape(p, k, k).swapaxes(1, 2) if p > 0 else np.zeros((0, k, k))
    ld = 2 * np.sum(np.log(np.diag(np.linalg.cholesky(sse / nobs))))
    free = p * k * k + k
    ic = {"aic": ld + 2.0 / nobs * free, "bic": ld + np.log(nobs) / nobs * free,
          "hqic": ld + 2.0 * np.log(np.log(nobs)) / nobs * free,
          "fpe": ((nobs + k * p + 1) / df) ** k * np.exp(ld)}
    return params, coefs, sigma_u, ic


def ma_rep(coefs, horizon):
    p, k, _ = coefs.shape
    phis = np.zeros((horizon + 1, k, k))
    phis[0] = np.eye(k)
    for i in range(1, horizon + 1):
        for j in range(1, min(i, p) + 1):
            phis[i] += phis[i - j] @ coefs[j - 1]
    return phis


if __name__ == "__main__":
    np.set_printoptions(precision=17, linewidth=120)
    y = np.loadtxt(CSV, delimiter=",", skiprows=1, usecols=(1, 2, 3))
    assert np.array_equal(y, make_data())
    params, coefs, sigma_u, ic = estimate(y, 2)
    print("intercept", repr(params[0]))
    print("A1", repr(coefs[0]))
    print("A2", repr(coefs[1]))
    print("sigma_u", repr(sigma_u))
    irf = ma_rep(coefs, 10)
    orth = np.array([m @ np.linalg.cholesky(sigma_u) for m in irf])
    for j in (1, 2, 5, 10):
        print("irf", j, repr(irf[j]))
        print("orth", j, repr(orth[j]))
    maxlags = 5
    for p in range(maxlags + 1):
        print("select", p, {k: repr(v) for k, v in estimate(y, p, maxlags - p)[3].items()})
