package com.example.websupport;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/** Names the replica on every response, so that two pods can be seen sharing (or not sharing) one count. */
public class ServedByHeaderFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Served-By";

    private final String instanceName;

    public ServedByHeaderFilter(String instanceName) {
        this.instanceName = instanceName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, instanceName);
        chain.doFilter(request, response);
    }
}
