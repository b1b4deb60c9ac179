// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spark;

/**
 * An executor compiled a rule pack whose SHA-256 differs from the one the driver compiled: the job stops rather
 * than decide a book of business with mixed packs.
 */
public final class PackMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param driverSha   the pack's hash on the driver
     * @param executorSha the pack's hash on this executor
     */
    PackMismatchException(String driverSha, String executorSha) {
        super("pack mismatch: the driver decides with rule pack SHA-256 " + driverSha + " but this executor compiled "
                + executorSha + "; refusing to decide with mixed packs");
    }
}
