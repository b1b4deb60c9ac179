// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.precisionformulary.model.formulary.Formulary;

/** Reads formulary documents (contract §3), turning every problem into a {@link FormularyException}. */
public final class FormularyReader {

    private FormularyReader() {
    }

    /**
     * @param path a formulary JSON file
     * @return the formulary
     * @throws FormularyException when the file cannot be read or is not a valid formulary
     */
    public static Formulary read(Path path) {
        try {
            return read(Files.readString(path, StandardCharsets.UTF_8), path.toString());
        } catch (IOException e) {
            throw new FormularyException(path + ": cannot read the formulary: " + e.getMessage(), e);
        }
    }

    /**
     * @param in   a formulary JSON stream; closed on return
     * @param name where it came from, for messages
     * @return the formulary
     * @throws FormularyException when the stream cannot be read or is not a valid formulary
     */
    public static Formulary read(InputStream in, String name) {
        try (in) {
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new FormularyException(name + ": cannot read the formulary: " + e.getMessage(), e);
        }
    }

    /**
     * @param json a formulary document
     * @param name where it came from, for messages
     * @return the formulary
     * @throws FormularyException when it is not a valid formulary; the message names the field
     */
    public static Formulary read(String json, String name) {
        try {
            Formulary formulary = ContractJson.mapper().readValue(json, Formulary.class);
            if (formulary == null) {
                throw new FormularyException(name + ": the formulary is empty", null);
            }
            return formulary;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new FormularyException(name + ": " + where(e) + cause.getMessage(), e);
        } catch (JsonMappingException e) {
            throw new FormularyException(name + ": " + where(e) + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new FormularyException(name + ": not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String where(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : path + ": ";
    }
}
