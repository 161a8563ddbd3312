/**
 * Writing files and directories atomically, whatever their format ({@link
 * io.lstmirf.api.io.AtomicFiles}).
 */
package io.lstmirf.api.io;
