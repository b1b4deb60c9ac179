// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import org.precisionformulary.report.BatchReport;

/**
 * A partition's report as the bytes of one column, so that it travels in the decided rows beside the decisions
 * it counts (and is cached with them), never as a row per claim.
 */
final class ReportParts {

    private ReportParts() {
    }

    /** @return the report's serial form */
    static byte[] bytes(BatchReport part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @return the report read back, its classes resolved by the task's class loader (which holds the job's jar
     *         under {@code spark-submit})
     */
    static BatchReport read(byte[] bytes) {
        try (ObjectInputStream in = new TaskObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (BatchReport) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a report part names a class this JVM does not have", e);
        }
    }

    private static final class TaskObjectInputStream extends ObjectInputStream {

        TaskObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                return super.resolveClass(desc);
            }
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
