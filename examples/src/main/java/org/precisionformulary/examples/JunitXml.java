// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.precisionformulary.testkit.Mismatch;
import org.precisionformulary.testkit.ScenarioResult;

/**
 * {@code scenarios --junit-xml FILE}: the results in the JUnit XML that CI servers read. One {@code testsuite}, one
 * {@code testcase} per scenario (its name the scenario's path under the suite, its class name the folder it is in);
 * a failed scenario has a {@code failure} whose message is its first mismatch (or why it could not be run) and
 * whose text is the whole report; a pending one is {@code skipped}. Written with the JDK's StAX writer.
 */
final class JunitXml {

    private JunitXml() {
    }

    /** @throws UsageException when the file cannot be created where it is named */
    static void requireWritable(String command, String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException(command + ": " + option + " " + file + " is a directory");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException(command + ": " + option + " " + file + ": the directory " + parent
                    + " does not exist");
        }
    }

    /**
     * @param suite   the suite's name, e.g. the scenario directory's
     * @param seconds how long the run took
     * @throws IOException when the file cannot be written
     */
    static void write(Path file, String suite, List<ScenarioResult> results, double seconds) throws IOException {
        long failures = results.stream().filter(r -> r.status() == ScenarioResult.Status.FAILED).count();
        long skipped = results.stream().filter(r -> r.status() == ScenarioResult.Status.PENDING).count();
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", text(suite));
            xml.writeAttribute("tests", Integer.toString(results.size()));
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(skipped));
            xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
            for (ScenarioResult result : results) {
                xml.writeCharacters("\n  ");
                testcase(xml, suite, result);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void testcase(XMLStreamWriter xml, String suite, ScenarioResult result) throws XMLStreamException {
        String name = result.name();
        int slash = name.lastIndexOf('/');
        String folder = slash < 0 ? suite : suite + "." + name.substring(0, slash).replace('/', '.');
        boolean empty = result.status() == ScenarioResult.Status.PASSED;
        if (empty) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("name", text(name));
        xml.writeAttribute("classname", text(folder));
        if (empty) {
            return;
        }
        if (result.status() == ScenarioResult.Status.PENDING) {
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", text("pending: " + result.problem()));
        } else {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", text(failureMessage(result)));
            xml.writeAttribute("type", result.mismatches().isEmpty() ? "unusable scenario" : "mismatch");
            xml.writeCharacters(text(result.report()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static String failureMessage(ScenarioResult result) {
        List<Mismatch> mismatches = result.mismatches();
        if (mismatches.isEmpty()) {
            return result.problem() != null ? result.problem() : "failed";
        }
        return mismatches.get(0) + (mismatches.size() == 1 ? "" : " (and " + (mismatches.size() - 1) + " more)");
    }

    /** Text from scenario files, made fit for XML 1.0: characters it does not allow become U+FFFD. */
    private static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF ? c : 0xFFFD));
        return sb.toString();
    }
}
