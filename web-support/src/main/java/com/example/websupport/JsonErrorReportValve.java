package com.example.websupport;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Context;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;

/**
 * Requests Tomcat refuses before the app sees them (a broken request line, a header too large, an illegal
 * character) get a small JSON problem like every other error, instead of Tomcat's HTML error page. Installed in
 * place of the host's {@link ErrorReportValve}, which renders only what nothing else has answered.
 */
class JsonErrorReportValve extends ErrorReportValve {

    /** Replaces the host's error report valves (Tomcat's default and Spring Boot's) with this one. */
    static void install(Context context) {
        if (!(context.getParent() instanceof StandardHost host)) {
            return;
        }
        Pipeline pipeline = host.getPipeline();
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
        pipeline.addValve(new JsonErrorReportValve());
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // The same conditions as Tomcat's: an error nobody has written a body for yet, and a client still there.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"status\":" + status + ",\"title\":\"" + title + "\"}");
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException e) {
            // the client is gone: nobody to tell
        }
    }
}
