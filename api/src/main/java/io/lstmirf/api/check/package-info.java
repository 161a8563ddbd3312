/**
 * Checking a backend's numbers against the float64 reference: the one {@link
 * io.lstmirf.api.check.Tolerance} rule the conformance suite and the backends share, the {@link
 * io.lstmirf.api.check.SelfCheck} engine backends run on the machine they load on, and the
 * processor facts ({@link io.lstmirf.api.check.CpuInfo}) engines choose their kernels by.
 */
package io.lstmirf.api.check;
