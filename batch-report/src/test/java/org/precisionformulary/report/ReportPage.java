// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A written HTML report parsed with the JDK's XML parser, which also proves the page is well-formed. */
final class ReportPage {

    private final Document document;

    private ReportPage(Document document) {
        this.document = document;
    }

    static ReportPage parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return new ReportPage(factory.newDocumentBuilder().parse(file.toFile()));
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("the report is not well-formed: " + e.getMessage(), e);
        }
    }

    /** @return the elements the XPath expression selects */
    List<Element> all(String xpath) {
        try {
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document,
                    XPathConstants.NODESET);
            List<Element> elements = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                elements.add((Element) nodes.item(i));
            }
            return elements;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    /** @return the one element the XPath expression selects */
    Element one(String xpath) {
        List<Element> elements = all(xpath);
        if (elements.size() != 1) {
            throw new AssertionError(elements.size() + " elements match " + xpath);
        }
        return elements.get(0);
    }

    /** @return the {@code data-count} of the element with this id */
    long count(String id) {
        return Long.parseLong(one("//*[@id='" + id + "']").getAttribute("data-count"));
    }

    /** @return the {@code data-count} of the one element whose attribute has this value */
    long countWhere(String attribute, String value) {
        return Long.parseLong(one("//*[@" + attribute + "='" + value + "']").getAttribute("data-count"));
    }

    /** @return the equity row of a group, by its {@code data-group} */
    Element groupRow(String label) {
        return one("//tr[@data-group='" + label + "']");
    }

    /** @return the rate cell of a measure in a group's row */
    Element rate(String label, Measure measure) {
        return one("//tr[@data-group='" + label + "']/td[@data-measure='" + measure.name() + "']");
    }

    Element byId(String id) {
        return one("//*[@id='" + id + "']");
    }

    /** @return every text of the page, for checks on what a reader sees */
    String text() {
        return document.getDocumentElement().getTextContent();
    }
}
