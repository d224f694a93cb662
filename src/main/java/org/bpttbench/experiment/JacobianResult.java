package org.bpttbench.experiment;

/**
 * The products P(T−k, T) = J_T⋯J_{T−k+1} against the lag k = 0..T, and the Lyapunov spectrum.
 *
 * @param log10Norm log10 ‖P(T−k, T)‖₂ per lag
 * @param log10Radius log10 of P's spectral radius per lag (NaN where the eigen solver failed)
 * @param wRadius ρ(W_hh) (RNN only, else NaN)
 * @param wSigma σ_max(W_hh) (RNN only, else NaN)
 * @param lyapunov the finite-time exponents per step, largest first
 * @param growth (1/T) ln ‖J_T⋯J_1‖₂
 */
public record JacobianResult(JacobianConfig config, String backend, double[] log10Norm,
                             double[] log10Radius, double wRadius, double wSigma,
                             double[] lyapunov, double growth) {}
