package io.lstmirf.irf.var;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Asymptotic covariances of a VAR's impulse responses (Lütkepohl 2005, section 3.7), computed
 * exactly as statsmodels' {@code IRAnalysis} does ({@code cov}, {@code _orth_cov}, {@code
 * cum_effect_cov}, {@code lr_effect_cov}), with its conventions:
 *
 * <ul>
 *   <li>{@code cov_a = (Z'Z)^-1 ⊗ Sigma_u} without the constant's rows, {@code Sigma_u} the
 *       degrees-of-freedom corrected {@code SSR / (T - Kp - 1)} (statsmodels' {@code _cov_alpha});
 *       it already carries the {@code 1/T} of the asymptotic formula;
 *   <li>{@code cov_sig = 2 D_K^+ (Sigma_u ⊗ Sigma_u) D_K^+'} ({@code _cov_sigma}), divided by
 *       {@code T = n - p} where it enters;
 *   <li>{@code G_i = sum_{m<i} J (A')^{i-1-m} ⊗ Phi_m}, {@code A} the companion matrix and {@code J
 *       = [I_K 0 ... 0]}: {@code cov(vec Phi_i) = G_i cov_a G_i'};
 *   <li>orthogonalised: {@code C_i = (P' ⊗ I_K) G_i}, {@code Cbar_i = (I_K ⊗ Phi_i) H}, {@code H =
 *       L_K' (L_K ((I_K ⊗ P) K_KK + P ⊗ I_K) L_K')^-1}: {@code C_i cov_a C_i' + Cbar_i cov_sig
 *       Cbar_i' / T} (no {@code cov_a} term at step 0);
 *   <li>cumulative: the same with {@code F_n = G_1 + ... + G_n} for {@code G_i} and the cumulated
 *       {@code Phi_0 + ... + Phi_n} in {@code Cbar};
 *   <li>long run: {@code F_inf = [Psi_inf', ..., Psi_inf'] ⊗ Psi_inf}.
 * </ul>
 *
 * <p>Every covariance is of {@code vec} (columns stacked) of a {@code K x K} matrix. Products with
 * {@code cov_a} use {@code (X ⊗ Y)(V ⊗ S) = XV ⊗ YS}, so the {@code K^2 p x K^2 p} matrix is never
 * formed: the work is {@code O(N^2 K^4 p + N K^6 p)} for horizon N.
 */
final class VarAsymptotics {
  private final int k;
  private final int horizon;
  private final int observations;
  private final DMatrixRMaj[] phi;
  private final DMatrixRMaj p;
  private final DMatrixRMaj sigma;

  /** {@code (Z'Z)^-1} without the constant's row and column, {@code Kp x Kp}. */
  private final DMatrixRMaj gramLags;

  /** {@code J (A')^j} for {@code j = 0 .. N-1}, each {@code K x Kp}. */
  private final DMatrixRMaj[] companionPowers;

  VarAsymptotics(VarModel model, int horizon) {
    this.k = model.dimension();
    this.horizon = horizon;
    this.observations = model.observations();
    this.phi = model.maRepresentation(horizon);
    this.p = model.choleskyFactor();
    this.sigma = model.sigmaUMatrix();
    int kp = k * model.lags();
    DMatrixRMaj gram = model.gramInverse();
    // VAR(0) has no lag coefficients: empty matrices, so that only Sigma_u's uncertainty remains
    // (statsmodels itself fails there, building the companion matrix of no coefficients)
    this.gramLags =
        kp == 0
            ? new DMatrixRMaj(0, 0)
            : CommonOps_DDRM.extract(gram, 1, gram.numRows, 1, gram.numCols);
    DMatrixRMaj companionT = new DMatrixRMaj(kp, kp);
    for (int lag = 1; lag <= model.lags(); lag++) {
      DMatrixRMaj a = model.coefficientMatrix(lag);
      // companion A: [A_1 ... A_p] on top, identities below the diagonal; stored transposed
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          companionT.set((lag - 1) * k + j, i, a.get(i, j));
        }
      }
    }
    for (int i = k; i < kp; i++) {
      companionT.set(i - k, i, 1);
    }
    this.companionPowers = new DMatrixRMaj[Math.max(horizon, 0)];
    DMatrixRMaj power = CommonOps_DDRM.identity(kp);
    for (int j = 0; j < companionPowers.length; j++) {
      companionPowers[j] =
          kp == 0 ? new DMatrixRMaj(k, 0) : CommonOps_DDRM.extract(power, 0, k, 0, kp);
      DMatrixRMaj next = new DMatrixRMaj(kp, kp);
      CommonOps_DDRM.mult(power, companionT, next);
      power = next;
    }
  }

  /** {@code cov(vec Phi_i)} (orth: of {@code vec(Phi_i P)}) for {@code i = 0 .. N}. */
  DMatrixRMaj[] irfCovariances(boolean orth) {
    return covariances(orth, false);
  }

  /** The covariances of the cumulative effects {@code vec(Phi_0 + ... + Phi_i)}. */
  DMatrixRMaj[] cumulativeCovariances(boolean orth) {
    return covariances(orth, true);
  }

  /** {@code cov(vec Psi_inf)}, statsmodels' {@code lr_effect_cov(orth=False)}. */
  DMatrixRMaj longRunCovariance(DMatrixRMaj longRun) {
    int lags = gramLags.numRows / k;
    DMatrixRMaj tiled = new DMatrixRMaj(k, k * lags);
    for (int lag = 0; lag < lags; lag++) {
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          tiled.set(i, lag * k + j, longRun.get(j, i));
        }
      }
    }
    DMatrixRMaj f = Matrices.kron(tiled, longRun);
    DMatrixRMaj fc = Matrices.kron(mult(tiled, gramLags), mult(longRun, sigma));
    DMatrixRMaj out = new DMatrixRMaj(k * k, k * k);
    CommonOps_DDRM.multTransB(fc, f, out);
    return out;
  }

  private DMatrixRMaj[] covariances(boolean orth, boolean cumulative) {
    int kk = k * k;
    int width = gramLags.numRows * k;
    DMatrixRMaj[] out = new DMatrixRMaj[horizon + 1];
    DMatrixRMaj q = orth ? Matrices.kron(transpose(p), CommonOps_DDRM.identity(k)) : null;
    DMatrixRMaj h = orth ? hMatrix() : null;
    DMatrixRMaj covSigma = orth ? sigmaCovariance() : null;
    DMatrixRMaj[] phiSigma = new DMatrixRMaj[horizon + 1];
    for (int m = 0; m <= horizon; m++) {
      phiSigma[m] = mult(phi[m], sigma);
    }
    DMatrixRMaj[] powerGram = new DMatrixRMaj[companionPowers.length];
    for (int j = 0; j < companionPowers.length; j++) {
      powerGram[j] = mult(companionPowers[j], gramLags);
    }
    DMatrixRMaj f = new DMatrixRMaj(kk, width);
    DMatrixRMaj fc = new DMatrixRMaj(kk, width);
    DMatrixRMaj cum = new DMatrixRMaj(k, k);
    for (int i = 0; i <= horizon; i++) {
      CommonOps_DDRM.addEquals(cum, phi[i]);
      DMatrixRMaj g = new DMatrixRMaj(kk, width);
      DMatrixRMaj gc = new DMatrixRMaj(kk, width);
      for (int m = 0; m < i; m++) {
        Matrices.addKron(companionPowers[i - 1 - m], phi[m], g);
        Matrices.addKron(powerGram[i - 1 - m], phiSigma[m], gc);
      }
      if (cumulative) {
        CommonOps_DDRM.addEquals(f, g);
        CommonOps_DDRM.addEquals(fc, gc);
        g = f;
        gc = fc;
      }
      DMatrixRMaj cov = new DMatrixRMaj(kk, kk);
      if (i > 0) {
        CommonOps_DDRM.multTransB(gc, g, cov);
      }
      if (orth) {
        DMatrixRMaj a = i > 0 ? Matrices.sandwich(q, cov, q) : new DMatrixRMaj(kk, kk);
        DMatrixRMaj bar =
            mult(Matrices.kron(CommonOps_DDRM.identity(k), cumulative ? cum : phi[i]), h);
        DMatrixRMaj b = Matrices.sandwich(bar, covSigma, bar);
        CommonOps_DDRM.addEquals(a, 1.0 / observations, b);
        cov = a;
      }
      out[i] = cov;
    }
    return out;
  }

  /** statsmodels' {@code H}: the derivative of {@code vec P} by {@code vech Sigma_u}. */
  private DMatrixRMaj hMatrix() {
    DMatrixRMaj identity = CommonOps_DDRM.identity(k);
    DMatrixRMaj inner = mult(Matrices.kron(identity, p), Matrices.commutation(k));
    CommonOps_DDRM.addEquals(inner, Matrices.kron(p, identity));
    DMatrixRMaj l = Matrices.elimination(k);
    DMatrixRMaj b = Matrices.sandwich(l, inner, l);
    DMatrixRMaj bInverse = new DMatrixRMaj(b.numRows, b.numCols);
    if (!CommonOps_DDRM.invert(b, bInverse)) {
      throw new IllegalStateException(
          "L((I ⊗ P)K + P ⊗ I)L' is singular although P is a" + " Cholesky factor");
    }
    DMatrixRMaj out = new DMatrixRMaj(l.numCols, bInverse.numCols);
    CommonOps_DDRM.multTransA(l, bInverse, out);
    return out;
  }

  /** {@code cov_sig = 2 D^+ (Sigma_u ⊗ Sigma_u) D^+'}, statsmodels' {@code _cov_sigma}. */
  private DMatrixRMaj sigmaCovariance() {
    DMatrixRMaj dPlus = Matrices.duplicationPinv(k);
    DMatrixRMaj out = Matrices.sandwich(dPlus, Matrices.kron(sigma, sigma), dPlus);
    CommonOps_DDRM.scale(2, out);
    return out;
  }

  private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj out = new DMatrixRMaj(a.numRows, b.numCols);
    CommonOps_DDRM.mult(a, b, out);
    return out;
  }

  private static DMatrixRMaj transpose(DMatrixRMaj a) {
    return CommonOps_DDRM.transpose(a, null);
  }
}
