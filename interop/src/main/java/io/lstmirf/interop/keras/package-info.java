/**
 * Keras: {@link io.lstmirf.interop.keras.KerasReader} reads .keras archives and legacy .h5 models
 * (HDF5 through the pure-Java jhdf), {@link io.lstmirf.interop.keras.KerasWriter} writes both as a
 * Sequential of LSTM layers and a Dense head that Keras 3 loads.
 */
package io.lstmirf.interop.keras;
