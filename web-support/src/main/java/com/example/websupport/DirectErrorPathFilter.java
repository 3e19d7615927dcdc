package com.example.websupport;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Boot's error page ({@code /error}) renders errors forwarded to it; a client asking for it directly got a
 * 500 (no error to show). For a client it is an unknown path: 404, rendered as usual.
 */
public class DirectErrorPathFilter extends OncePerRequestFilter {

    private final String errorPath;

    public DirectErrorPathFilter(String errorPath) {
        this.errorPath = errorPath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Only direct requests reach here: OncePerRequestFilter skips the error dispatch to /error itself.
        if (errorPath.equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
