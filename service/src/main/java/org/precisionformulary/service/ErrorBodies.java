// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.precisionformulary.model.decision.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error the service answers, in one shape: {@code {"status": 400, "error": "Bad Request", "message":
 * "...", "errors": [{"field": "context.draftOrders", "message": "..."}]}}. Nothing a caller sent ends in a
 * 500 with a stack trace: what is not foreseen is logged (class name only: a message could quote a genotype)
 * and answered 500 with a body that says so.
 */
@RestControllerAdvice
class ErrorBodies {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorBodies.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ExceptionHandler(ServiceError.class)
    ResponseEntity<String> serviceError(ServiceError e) {
        return body(e.status(), e.errors());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<String> notFound(NoResourceFoundException e) {
        return body(404, List.of(new FieldError("path", "no such resource: /" + e.getResourcePath())));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<String> method(HttpRequestMethodNotSupportedException e) {
        return body(405, List.of(new FieldError("method", e.getMethod() + " is not supported here; use "
                + String.join(" or ", e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods()))));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<String> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(415, List.of(new FieldError("Content-Type", "send application/json")));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unforeseen(Exception e) {
        if (e instanceof ErrorResponse known && known.getStatusCode().value() < 500) {
            // Spring's and Actuator's own refusals (a bad endpoint argument, a missing body) keep their status.
            String detail = known.getBody().getDetail();
            return body(known.getStatusCode().value(), List.of(new FieldError("$", detail != null ? detail
                    : "the request was refused (" + e.getClass().getSimpleName() + ")")));
        }
        LOG.error("Request failed unexpectedly: {}", e.getClass().getName());
        return body(500, List.of(new FieldError("$", "the service failed on this request ("
                + e.getClass().getSimpleName() + "); nothing was decided")));
    }

    static ResponseEntity<String> body(int status, List<FieldError> errors) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", status);
        HttpStatus known = HttpStatus.resolve(status);
        root.put("error", known == null ? "HTTP " + status : known.getReasonPhrase());
        root.put("message", errors.isEmpty() ? root.get("error").asText()
                : errors.get(0).field() + ": " + errors.get(0).message());
        ArrayNode list = root.putArray("errors");
        for (FieldError error : errors) {
            list.addObject().put("field", error.field()).put("message", error.message());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(root.toString());
    }
}
