package com.example.websupport;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Unknown paths (404), wrong methods (405) and the other Spring MVC errors answer as a small JSON problem
 * (RFC 9457, application/problem+json) instead of an HTML page or a stack trace.
 */
@RestControllerAdvice
public class JsonErrorResponses extends ResponseEntityExceptionHandler {
}
